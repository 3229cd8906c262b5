"""python -m extract add / export, and uploads: real files, real processes, the seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extract.readers import read
from extract.store.commands import add_main, add_uploads, export_main
from extract.store.database import open_store, read_corpus
from extract.store.facts import fact_overview, fact_quotes, link_documents

REPO_ROOT = Path(__file__).resolve().parents[1]
MOIT_ARTICLE = ["000_85f2caef2865a13f.txt", "001_3984d48e2a296716.txt", "002_bb9b9c7b91867c93.txt"]
PAGE = (
    b'<html lang="en"><head><title>Retail sales up</title>'
    b'<link rel="canonical" href="https://example.gov.vn/retail"></head><body>'
    b"<nav>Home | News | 42 visitors online</nav><article><p>Retail sales of goods and "
    b"services rose 9.3% in May 2023 over the same period last year, the statistics office "
    b"said, with accommodation and food services up 17.2% and tourism up 60%.</p></article>"
    b"<footer>Hotline 1900 1234</footer></body></html>"
)


def run_add(capsys, *args) -> tuple[int, str, str]:
    code = add_main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_store_commands_add_seeds_then_again_changes_nothing(tmp_path, seeds_dir, capsys):
    db = tmp_path / "c.duckdb"
    code, out, err = run_add(capsys, seeds_dir, "--db", db)
    assert (code, err) == (0, "")
    assert "5 documents (5 added, 0 replaced, 0 unchanged)" in out
    before = read_corpus(db)
    code, out, _ = run_add(capsys, seeds_dir, "--db", db)
    assert code == 0 and "(0 added, 0 replaced, 5 unchanged)" in out
    for old, new in zip(before, read_corpus(db), strict=True):
        pd.testing.assert_frame_equal(old, new)
    documents = before[1].set_index("doc_id")
    assert documents.loc["002_bb9b9c7b91867c93.txt", "lang"] == "vi"  # from manifest.toml
    assert documents.loc["000_85f2caef2865a13f.txt", "published"] == "2025-01-08"


def test_store_commands_db_from_environment(tmp_path, seeds_dir, capsys, monkeypatch):
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("CLAIMBOARD_DB", str(db))
    code, out, _ = run_add(capsys, seeds_dir / "003_b9607616cedb6c82.txt")
    assert code == 0 and str(db) in out
    assert read_corpus(db)[1]["doc_id"].tolist() == ["003_b9607616cedb6c82.txt"]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"  \n\n", "empty file"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary file"),
        ("picture.png", b"\x89PNG\r\n", "not a .txt, .html or .pdf document"),
        ("huge.txt", b"Growth was 5%. " * 100, "too large"),
        ("menu.html", b"<html><body><nav>Home 12%</nav></body></html>", "no article text"),
    ],
)
def test_store_commands_bad_file_gets_one_line_and_changes_nothing(
    tmp_path, seeds_dir, capsys, monkeypatch, name, content, problem
):
    db = tmp_path / "c.duckdb"
    run_add(capsys, seeds_dir / "004_b433b9c43a5eb62a.txt", "--db", db)
    before = read_corpus(db)
    monkeypatch.setattr(read, "MAX_DOCUMENT_BYTES", 1000)  # huge.txt is 1500 bytes
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Exports rose 12% in 2023.", encoding="utf-8")
    code, out, err = run_add(capsys, bad, good, "--db", db)
    assert code == 0 and "1 documents (1 added" in out
    assert err.splitlines() == [err.strip()] and err.startswith(f"error: {bad}: ")
    assert problem in err
    claims, documents = read_corpus(db)
    assert documents["doc_id"].tolist() == ["004_b433b9c43a5eb62a.txt", "good.txt"]
    kept = claims[claims["doc_id"] != "good.txt"].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, before[0].reset_index(drop=True))


def test_store_commands_saved_page_with_meta_toml_beside_it(tmp_path, capsys):
    (tmp_path / "retail.html").write_bytes(PAGE)
    (tmp_path / "retail.meta.toml").write_text(
        'published = "2023-06-01"\nbody = "General Statistics Office"\n', encoding="utf-8"
    )
    db = tmp_path / "c.duckdb"
    code, _, err = run_add(capsys, tmp_path, "--db", db)
    assert (code, err) == (0, "")
    claims, documents = read_corpus(db)
    page = documents.set_index("doc_id").loc["retail.html"]
    assert page["published"] == "2023-06-01"  # given beside it, over the page's own
    assert page["body"] == "General Statistics Office"
    assert page["source_url"] == "https://example.gov.vn/retail"  # inferred from the page
    assert page["title"] == "Retail sales up"
    assert "visitors" not in page["text"] and "Hotline" not in page["text"]
    mentions = [page["text"][s:e] for s, e in zip(claims["start"], claims["end"], strict=True)]
    assert "9.3%" in mentions and not [m for m in mentions if "42" in m or "1900" in m]


def test_store_commands_export(tmp_path, seeds_dir, capsys):
    db = tmp_path / "c.duckdb"
    out = tmp_path / "export"
    assert export_main([str(out), "--db", str(db)]) == 1
    assert capsys.readouterr().err == (
        f"error: {db}: no store here yet; add documents first (python -m extract add PATH)\n"
    )
    run_add(capsys, seeds_dir, "--db", db)
    assert export_main([str(out), "--db", str(db)]) == 0
    assert len(pd.read_parquet(out)) == len(read_corpus(db)[0])
    assert export_main([str(out), "--db", str(db)]) == 3  # never into a non-empty folder
    assert "folder is not empty" in capsys.readouterr().err


def test_store_commands_add_says_busy_while_another_process_writes(tmp_path, seeds_dir):
    db = tmp_path / "c.duckdb"
    with open_store(db):  # this process is the writer; the command runs in another
        result = subprocess.run(
            [sys.executable, "-m", "extract", "add", str(seeds_dir), "--db", str(db)]
            + ["--wait", "0.5"],
            capture_output=True,
            text=True,
            env=os.environ | {"PYTHONPATH": str(REPO_ROOT)},
            timeout=120,
        )
    assert result.returncode == 3
    assert result.stderr == (
        f"error: {db}: the store is busy (another claimboard process is writing); try again\n"
    )
    assert read_corpus(db)[1].empty


def test_store_commands_two_adds_at_once_both_land_once(tmp_path, seeds_dir):
    db = tmp_path / "c.duckdb"
    command = [sys.executable, "-m", "extract", "add", "--db", str(db), "--wait", "60"]
    env = os.environ | {"PYTHONPATH": str(REPO_ROOT)}
    runs = [
        subprocess.Popen([*command, str(seeds_dir)], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    claims, documents = read_corpus(db)
    assert len(documents) == 5 and documents["doc_id"].is_unique
    assert not claims.duplicated(["doc_id", "claim_id"]).any()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("report.pdf", b"%PDF-1.4", "cannot read the PDF, it looks damaged"),
        ("picture.png", b"\x89PNG\r\n", "not a .txt, .html or .pdf document"),
        ("big.txt", b"x" * 101, "too large"),
        ("binary.html", b"\x00" * 50, "binary file"),
    ],
)
def test_store_commands_add_uploads_refuses_bad_file_alone(tmp_path, name, content, problem):
    db = tmp_path / "c.duckdb"
    uploads = [(name, content), ("ok.txt", b"Output rose 7.5% in 2024.")]
    results = add_uploads(db, uploads, limit_bytes=100)
    assert [(r.name, r.status) for r in results] == [(name, "refused"), ("ok.txt", "added")]
    assert results[0].error.startswith(f"{name}: ") and problem in results[0].error
    assert results[1].claims == 1
    assert read_corpus(db)[1]["doc_id"].tolist() == ["ok.txt"]


def test_store_commands_seeds_link_the_moit_article_in_three_languages(tmp_path, seeds_dir):
    db = tmp_path / "c.duckdb"
    add_main([str(seeds_dir), "--db", str(db)])
    claims, documents = read_corpus(db)
    articles = link_documents(documents, claims)
    assert articles[MOIT_ARTICLE].nunique() == 1
    assert articles.drop(MOIT_ARTICLE).is_unique
    assert not set(articles.drop(MOIT_ARTICLE)) & set(articles[MOIT_ARTICLE])


def test_store_commands_seeds_trade_figure_is_one_fact_in_three_languages(tmp_path, seeds_dir):
    db = tmp_path / "c.duckdb"
    add_main([str(seeds_dir), "--db", str(db)])
    claims, _ = read_corpus(db)
    trade = claims[(claims["value"] == 786.3e9) & (claims["unit"] == "USD")]
    assert len(trade) == 1, "the extractor should find 786,3 tỷ USD in the Vietnamese version"
    fact_id = trade["fact_id"].iloc[0]
    quotes = fact_quotes(claims, fact_id)
    assert fact_id and quotes["lang"].tolist() == ["en", "fr", "vi"]
    assert quotes["mention"].str.contains("800").tolist() == [True, True, False]
    overview = fact_overview(claims).set_index("fact_id")
    assert bool(overview.loc[fact_id, "agrees"])


def test_store_commands_shared_corpus_adds_every_document_unlinked(tmp_path, shared_dir):
    corpus = shared_dir / "corpus" / "docs"
    db = tmp_path / "c.duckdb"
    assert add_main([str(corpus), "--db", str(db)]) == 0
    claims, documents = read_corpus(db)
    names = sorted(p.name for p in corpus.glob("*.txt"))
    assert documents["doc_id"].tolist() == names
    by_doc = documents.set_index("doc_id")
    assert by_doc.loc["22_fr-ventes-au-detail-2020.txt", "lang"] == "fr"  # from manifest.csv
    assert by_doc.loc["07_mof-january-budget-revenue-2023.txt", "published"] == "2023-02-08"
    # nine different articles: none is a version of another
    assert link_documents(documents, claims).is_unique


def test_store_commands_add_notes_an_unknown_given_body_once_like_the_flat_run(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    for number, name in enumerate(("a.txt", "b.txt", "c.txt")):
        (docs / name).write_text(f"Exports rose {number}5%.", encoding="utf-8")
    (docs / "manifest.toml").write_text(
        '["a.txt"]\nbody = "Hội Nông dân"\n["b.txt"]\nbody = "Hội Nông dân"\n'
        '["c.txt"]\nbody = "GSO / Tổng cục Thống kê"\n',
        encoding="utf-8",
    )

    code, _, err = run_add(capsys, docs, "--db", tmp_path / "c.duckdb")

    assert code == 0
    assert err.splitlines() == [
        f"note: {docs / 'a.txt'}: reporting body 'Hội Nông dân' is not in"
        " extract/lexicon/bodies.toml; kept as given"
    ]


def test_store_commands_add_stores_the_same_for_any_number_of_jobs(tmp_path, run_cli):
    """`add --jobs 2` over more documents than one chunk of work gives the store --jobs 1
    gives: the same documents, claims and facts (only the time of adding differs)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for number in range(150):  # three chunks of work (parallel.CHUNK_DOCUMENTS = 64)
        (docs / f"{number:03}.txt").write_text(
            f"Exports of province {number} rose {number % 17 + 2}.{number % 10}% in 2024, "
            f"reaching {number + 10} million USD; {number % 5 + 1} new factories opened.",
            encoding="utf-8",
        )
    stores = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.duckdb"
        result = run_cli("add", docs, "--db", db, "--jobs", jobs)
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        assert "150 documents (150 added" in result.stdout
        stores[jobs] = read_corpus(db)
    (claims_one, documents_one), (claims_two, documents_two) = stores["1"], stores["2"]
    assert len(claims_one) >= 300
    pd.testing.assert_frame_equal(claims_one, claims_two)
    pd.testing.assert_frame_equal(
        documents_one.drop(columns="added_at"), documents_two.drop(columns="added_at")
    )


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_store_commands_add_refuses_a_bad_number_of_jobs(tmp_path, run_cli, jobs):
    (tmp_path / "a.txt").write_text("Exports rose 5% in 2024.", encoding="utf-8")
    result = run_cli("add", tmp_path / "a.txt", "--db", tmp_path / "c.duckdb", "--jobs", jobs)
    assert result.returncode == 2
    assert "is not a whole number of at least 1" in result.stderr
    assert not (tmp_path / "c.duckdb").exists()
