"""The Add documents and Consistency pages, run in the app with AppTest over a store in a temp
folder."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.logic import Filters, source_link
from dashboard.views.add_documents import results_table, upload_limit_mb
from dashboard.views.consistency import fact_title, quote_html
from extract.store.commands import UploadResult, add_main
from extract.store.database import read_corpus

pytestmark = pytest.mark.usefixtures("dashboard_cache")

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


def page(name: str) -> AppTest:
    """The app, switched to views/<name>.py (call .run() to render it)."""
    return AppTest.from_file(str(APP), default_timeout=60).run().switch_page(f"views/{name}.py")


@pytest.fixture
def seeded_db(tmp_path, seeds_dir, monkeypatch):
    db = tmp_path / "claimboard.duckdb"
    monkeypatch.setenv("CLAIMBOARD_DB", str(db))
    assert add_main([str(seeds_dir), "--db", str(db)]) == 0
    return db


def test_dashboard_store_pages_consistency_renders_facts_from_the_seeds(seeded_db):
    at = page("consistency").run()
    assert not at.exception
    titles = [expander.label.replace("\\", "") for expander in at.expander]  # unescaped
    assert titles, "the seeds' Ministry of Industry and Trade article states facts thrice"
    assert any("import-export turnover" in t for t in titles)
    disagreeing = [t.startswith("DISAGREE") for t in titles]
    assert disagreeing == sorted(disagreeing, reverse=True)  # disagreements first


def test_dashboard_store_pages_consistency_without_a_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMBOARD_DB", str(tmp_path / "none.duckdb"))
    at = page("consistency").run()
    assert not at.exception
    assert "No figure is stated by two documents yet" in at.info[0].value


def test_dashboard_store_pages_add_documents_adds_an_upload(seeded_db):
    at = page("add_documents").run()
    assert f"at most {upload_limit_mb()} MB" in at.markdown[0].value
    at.file_uploader[0].upload("new.txt", b"Retail sales rose 9.3% in 2023.", "text/plain")
    at.run()
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert "1 of 1 files in the store" in at.success[0].value
    assert "new.txt" in read_corpus(seeded_db)[1]["doc_id"].tolist()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary file"),
        ("menu.html", b"<html><body><nav>Home 12%</nav></body></html>", "no article text"),
        ("huge.txt", b"Exports rose 5%. " * (upload_limit_mb() * 1_000_000 // 17 + 1), "too large"),
    ],
)
def test_dashboard_store_pages_add_documents_bad_file_changes_nothing(
    seeded_db, name, content, problem
):
    before = read_corpus(seeded_db)
    at = page("add_documents").run()
    at.file_uploader[0].upload(name, content, "application/octet-stream")
    at.run()
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [at.error[0].value]
    shown = at.error[0].value.replace("\\", "")  # Markdown-escaped on the page
    assert shown.startswith(f"{name}: ") and problem in shown
    for old, new in zip(before, read_corpus(seeded_db), strict=True):
        pd.testing.assert_frame_equal(old, new)


def test_dashboard_store_pages_quote_html_escapes_document_text():
    sentence = "<script>alert(1)</script> rose <b>9.3%</b> & more"
    start = sentence.index("<b>9.3%")
    quote = pd.Series(
        {
            "sentence": sentence,
            "sentence_start": 40,
            "start": 40 + start,
            "end": 40 + start + len("<b>9.3%</b>"),
            "mention": "<b>9.3%</b>",
            "claim_id": "abc123",
            "doc_id": "<i>x</i>.txt",
        }
    )
    rendered = quote_html(quote)
    assert "<script>" not in rendered and "<b>" not in rendered and "<i>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; rose " in rendered
    assert "<mark>&lt;b&gt;9.3%&lt;/b&gt;</mark> &amp; more" in rendered
    assert 'href="source?claim=abc123"' in rendered


@pytest.mark.parametrize(
    ("claim_id", "filters", "link"),
    [
        ("abc123", Filters(), "source?claim=abc123"),
        ("a&b=c", Filters(), "source?claim=a%26b%3Dc"),
        ("abc", Filters(year=(2024, 2025), q="x y"), "source?year=2024&year=2025&q=x+y&claim=abc"),
    ],
)
def test_dashboard_store_pages_source_link_keeps_the_filters(claim_id, filters, link):
    assert source_link(claim_id, filters) == link


@pytest.mark.parametrize(
    ("agrees", "basis", "title"),
    [
        (True, "", "agree: trade surplus · 2024 · actual · MOIT (USD), 3 documents"),
        (False, "yoy", "DISAGREE: trade surplus · 2024 · actual · yoy · MOIT (USD), 3 documents"),
    ],
)
def test_dashboard_store_pages_fact_title(agrees, basis, title):
    fact = pd.Series(
        {
            "agrees": agrees,
            "indicator": "trade surplus",
            "period": "2024",
            "kind": "actual",
            "change_basis": basis,
            "body": "MOIT",
            "unit": "USD",
            "documents": 3,
        }
    )
    assert fact_title(fact) == title


@pytest.mark.parametrize(
    ("result", "row"),
    [
        (UploadResult("a.txt", "added", 3), ["a.txt", "added", "3", ""]),
        (
            UploadResult("b.pdf", "refused", 0, "b.pdf: bad"),
            ["b.pdf", "not added", "", "b.pdf: bad"],
        ),
        (
            UploadResult("c.txt", "copy", 2, "c.txt: already in the store as a.txt"),
            [
                "c.txt",
                "already in the store under another name",
                "2",
                "c.txt: already in the store as a.txt",
            ],
        ),
    ],
)
def test_dashboard_store_pages_results_table_in_words(result, row):
    table = results_table([result])
    assert table.iloc[0].tolist() == row  # words, and never a None or <NA> cell
    assert not table.isna().any().any()


def test_dashboard_store_pages_add_documents_one_limit_in_widget_and_text(seeded_db):
    at = page("add_documents").run()
    limit_mb = upload_limit_mb()
    assert limit_mb == 5  # .streamlit/config.toml: server.maxUploadSize, what the server enforces
    assert at.file_uploader[0].proto.max_upload_size_mb == limit_mb
    assert f"at most {limit_mb} MB" in at.markdown[0].value
    assert str(seeded_db) not in " ".join(c.value for c in at.caption)  # no server path


@pytest.mark.parametrize("name", ["new.txt", "[x](http://e.com) *b*.txt", "báo cáo #1 & ?.txt"])
def test_dashboard_store_pages_add_documents_open_link_for_any_name(seeded_db, name):
    at = page("add_documents").run()
    at.file_uploader[0].upload(name, b"Retail sales rose 9.3% in 2023.", "text/plain")
    at.run()
    at.button[0].click().run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert table.isna().sum().sum() == 0 and "None" not in table.to_string()
    assert table["result"].tolist() == ["added"]
    links = [link for link in at.get("page_link") if "Open" in link.proto.label]
    assert len(links) == 1 and name in links[0].proto.label.replace("\\", "")
    doc_id = read_corpus(seeded_db)[1].query("file_name == @name")["doc_id"].iloc[0]
    assert parse_qs(links[0].proto.query_string)["doc"] == [doc_id]


def test_dashboard_store_pages_add_documents_removes_after_confirmation(seeded_db):
    doc_id = read_corpus(seeded_db)[1]["doc_id"].iloc[0]
    at = page("add_documents").run()
    at.selectbox(key="remove-choice").select(doc_id).run()
    at.button(key="remove-ask").click().run()
    assert doc_id in read_corpus(seeded_db)[1]["doc_id"].tolist()  # not before confirming
    assert f"Remove {doc_id}" in at.warning[0].value.replace("\\", "")
    at.button(key="remove-cancel").click().run()
    assert doc_id in read_corpus(seeded_db)[1]["doc_id"].tolist()
    at.button(key="remove-ask").click().run()
    at.button(key="remove-confirm").click().run()
    assert not at.exception
    claims, documents = read_corpus(seeded_db)
    assert doc_id not in documents["doc_id"].tolist() and doc_id not in set(claims["doc_id"])
    assert f"Removed {doc_id}" in at.info[0].value.replace("\\", "")
