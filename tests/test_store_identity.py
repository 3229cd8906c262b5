"""A document is its text, not its file name: the real commands, in temp folders.

Cases of issue 10 ("Identity and lifecycle"): copies, same names, changed files, renamed
files, list and remove, and the migration of a store written by claimboard 0.1.0.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from extract.document import text_identity
from extract.store.database import read_aliases, read_corpus

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = "Industrial production grew 8.4% in 2024.\nExports rose 12% to 786.3 billion USD.\n"
OTHER = "Retail sales of goods rose 9.3% in May 2023.\nTourism was up 60%.\n"


def documents(db: Path) -> pd.DataFrame:
    return read_corpus(db)[1].set_index("doc_id")


def claims(db: Path) -> pd.DataFrame:
    return read_corpus(db)[0]


@pytest.mark.parametrize(
    "copy",
    [
        TEXT.encode(),
        TEXT.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + TEXT.encode(),
        TEXT.encode("cp1252"),  # ASCII text: the same bytes, any encoding
    ],
    ids=["bytes", "crlf", "bom", "cp1252"],
)
def test_store_identity_same_text_two_names_flat_run_goes_on(tmp_path, run_cli, copy):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(copy)
    (tmp_path / "c.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "claims.csv"
    done = run_cli(tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt", "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"note: {tmp_path / 'b.txt'}: same text as {tmp_path / 'a.txt'}; read once"
    ]
    table = pd.read_csv(out, dtype=str)
    assert sorted(table["doc_id"].unique()) == ["a.txt", "c.txt"]
    assert table["claim_id"].is_unique


def test_store_identity_same_text_two_names_in_the_store(tmp_path, run_cli):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir(), second.mkdir()
    (first / "a.txt").write_text(TEXT, encoding="utf-8")
    (second / "copy.txt").write_text(TEXT.replace("\n", "\r\n"), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    assert run_cli("add", first, "--db", db).returncode == 0
    again = run_cli("add", second, "--db", db)
    assert again.returncode == 0, again.stderr
    assert again.stderr == f"note: {second / 'copy.txt'}: already in the store as a.txt\n"
    assert "1 already stored" in again.stdout
    assert documents(db).index.tolist() == ["a.txt"]
    assert claims(db)["claim_id"].is_unique


@pytest.mark.parametrize("command", ["flat", "add"])
def test_store_identity_two_texts_one_name_are_two_documents(tmp_path, run_cli, command):
    for folder, text in (("one", TEXT), ("two", OTHER)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    db, out = tmp_path / "c.duckdb", tmp_path / "claims.csv"
    folders = [tmp_path / "one", tmp_path / "two"]
    if command == "flat":
        done = run_cli(*folders, "--out", out)
        table = pd.read_csv(out, dtype=str)
    else:
        done = run_cli("add", folders[0], "--db", db)  # two runs: one store, two documents
        done = run_cli("add", folders[1], "--db", db)
        table = claims(db)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    distinct = f"report-{text_identity(OTHER)[:8]}.txt"
    assert sorted(table["doc_id"].unique()) == sorted(["report.txt", distinct])
    assert table["claim_id"].is_unique
    sentences = set(table[table["doc_id"] == distinct]["sentence"])
    assert sentences and all("Retail" in s or "Tourism" in s for s in sentences)


def test_store_identity_changed_file_replaces_its_own_document(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    run_cli("add", tmp_path, "--db", db)
    others = claims(db).query("doc_id == 'b.txt'").reset_index(drop=True)
    (tmp_path / "a.txt").write_text(TEXT.replace("8.4%", "9.1%"), encoding="utf-8")
    done = run_cli("add", tmp_path / "a.txt", "--db", db)
    assert done.returncode == 0 and "1 replaced" in done.stdout, done.stdout + done.stderr
    assert documents(db).index.tolist() == ["a.txt", "b.txt"]
    mine = claims(db).query("doc_id == 'a.txt'")
    assert "9.1%" in " ".join(mine["sentence"]) and "8.4%" not in " ".join(mine["sentence"])
    kept = claims(db).query("doc_id == 'b.txt'").reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, others)


def test_store_identity_renamed_file_keeps_its_document_and_metadata(tmp_path, run_cli):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "a.meta.toml").write_text('published = "2025-01-08"\nlang = "en"\n', "utf-8")
    db = tmp_path / "c.duckdb"
    run_cli("add", folder, "--db", db)
    before = claims(db)
    (folder / "a.txt").rename(folder / "renamed.txt")  # its metadata file stays behind
    (folder / "a.meta.toml").unlink()
    done = run_cli("add", folder, "--db", db)
    assert done.returncode == 0 and "1 renamed" in done.stdout, done.stdout + done.stderr
    stored = documents(db)
    assert stored.index.tolist() == ["a.txt"]  # its id (and so its URLs) unchanged
    assert stored.loc["a.txt", "file_name"] == str(folder / "renamed.txt")
    assert stored.loc["a.txt", "published"] == "2025-01-08"
    pd.testing.assert_frame_equal(claims(db), before)


def test_store_identity_list_and_remove(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    run_cli("add", tmp_path, "--db", db)
    counts = claims(db)["doc_id"].value_counts()
    listed = run_cli("list", "--db", db)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["doc_id", "lang", "published", "claims", "body"]
    assert [line.split()[0] for line in lines[1:]] == ["a.txt", "b.txt"]
    assert [line.split()[1] for line in lines[1:]] == ["en", "en"]
    assert [int(line.split()[3]) for line in lines[1:]] == [counts["a.txt"], counts["b.txt"]]
    removed = run_cli("remove", "a.txt", "missing.txt", "--db", db)
    assert removed.returncode == 1
    assert removed.stderr == (
        f"error: {db}: no document missing.txt in the store (python -m extract list)\n"
    )
    assert documents(db).index.tolist() == ["b.txt"]
    assert set(claims(db)["doc_id"]) == {"b.txt"}
    assert run_cli("remove", "b.txt", "--db", db).returncode == 0
    assert claims(db).empty and documents(db).empty


def test_store_identity_remove_recomputes_facts(tmp_path, run_cli, seeds_dir):
    db = tmp_path / "c.duckdb"
    run_cli("add", seeds_dir, "--db", db)
    trade = claims(db).query("value == 786.3e9 and unit == 'USD'")
    fact_id = trade["fact_id"].iloc[0]
    linked = claims(db).query("fact_id == @fact_id")["doc_id"].unique()
    assert len(linked) == 3
    run_cli("remove", *linked[:2], "--db", db)
    left = claims(db).query("doc_id == @linked[2]")
    assert not (left["fact_id"] == fact_id).any()  # one document left: no fact any more


def v0_store(tmp_path: Path) -> Path:
    """A store written by claimboard 0.1.0 (main before this change, `python -m extract
    add` of report.txt, a copy of it as report-copy.txt, and retail.txt)."""
    db = tmp_path / "v0.duckdb"
    with gzip.open(FIXTURES / "store_v0.duckdb.gz") as packed, db.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return db


def test_store_identity_migrates_a_store_of_the_first_version(tmp_path, run_cli):
    db = v0_store(tmp_path)
    with duckdb.connect(str(db), read_only=True) as con:
        old_claims = con.execute("SELECT claim_id, doc_id, start FROM claims").df()
    assert old_claims["claim_id"].duplicated().any()  # the bug: one text, two documents
    assert len(read_corpus(db)[1]) == 3  # readable as it is, before any write
    (tmp_path / "new.txt").write_text(OTHER.replace("9.3", "7.7"), encoding="utf-8")
    done = run_cli("add", tmp_path / "new.txt", "--db", db)
    assert done.returncode == 0, done.stderr
    stored = documents(db)
    assert stored.index.tolist() == ["new.txt", "report-copy.txt", "retail.txt"]
    assert read_aliases(db) == {"report.txt": "report-copy.txt"}
    migrated = claims(db)
    assert migrated["claim_id"].is_unique
    # every old ?claim= URL still finds its claim, every old ?doc= its document
    assert set(old_claims["claim_id"]) <= set(migrated["claim_id"])
    assert {read_aliases(db).get(d, d) for d in old_claims["doc_id"]} <= set(stored.index)
    assert (stored["text_hash"] == stored["text"].map(text_identity)).all()
    again = run_cli("add", tmp_path / "new.txt", "--db", db)
    assert "1 unchanged" in again.stdout
