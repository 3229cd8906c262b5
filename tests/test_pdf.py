"""PDF reports through the real commands: text layer read, pages joined, offsets true."""

from __future__ import annotations

import pytest

from extract.cli import main
from extract.readers.pdf import PAGE_SEPARATOR
from extract.store.commands import add_main
from extract.store.database import read_corpus
from extract.write import read_claims
from tests.conftest import pdf_bytes

PAGE_ONE = [
    "Export turnover reached 42.46 billion USD in 2023,",
    "an increase of 12% compared to 2022.",
]
PAGE_TWO = ["Imports fell 4.3% year on year, to 39.5 billion USD."]
REPORT = pdf_bytes([PAGE_ONE, PAGE_TWO], title="Trade in 2023")


def run_add(capsys, *args) -> tuple[int, str, str]:
    code = add_main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_pdf_add_reads_every_page_and_offsets_index_the_stored_text(tmp_path, capsys):
    (tmp_path / "report.pdf").write_bytes(REPORT)
    db = tmp_path / "c.duckdb"
    code, out, err = run_add(capsys, tmp_path / "report.pdf", "--db", db)
    assert (code, err) == (0, ""), err
    claims, documents = read_corpus(db)
    doc = documents.set_index("doc_id").loc["report.pdf"]
    assert doc["text"] == "\n".join(PAGE_ONE) + PAGE_SEPARATOR + "\n".join(PAGE_TWO)
    assert doc["title"] == "Trade in 2023"
    mentions = {doc["text"][s:e] for s, e in zip(claims["start"], claims["end"], strict=True)}
    assert {"42.46 billion USD", "12%", "4.3%", "39.5 billion USD"} <= mentions
    for row in claims.itertuples():
        assert doc["text"][row.sentence_start : row.sentence_end] == row.sentence
    page_two_start = doc["text"].index(PAGE_TWO[0])
    assert (claims["start"] >= page_two_start).any()  # claims from the second page too


def test_pdf_add_finds_pdfs_in_a_folder(tmp_path, capsys):
    (tmp_path / "a.pdf").write_bytes(REPORT)
    (tmp_path / "b.txt").write_text("Output rose 7.5% in 2024.", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    code, out, err = run_add(capsys, tmp_path, "--db", db)
    assert (code, err) == (0, "") and "2 documents (2 added" in out
    assert sorted(read_corpus(db)[1]["doc_id"]) == ["a.pdf", "b.txt"]


@pytest.mark.parametrize(
    ("name", "declared"), [("report.html", "html"), ("report.htm", "html"), ("report.txt", "text")]
)
def test_pdf_saved_under_another_suffix_is_read_as_pdf(tmp_path, capsys, name, declared):
    path = tmp_path / name
    path.write_bytes(REPORT)
    db = tmp_path / "c.duckdb"
    code, _, err = run_add(capsys, path, "--db", db)
    assert code == 0
    assert err == (
        f"note: {path}: read as PDF: the content is a PDF, "
        f"not {declared} as its name or type says\n"
    )
    text = read_corpus(db)[1].set_index("doc_id").loc[name, "text"]
    assert text.startswith(PAGE_ONE[0]) and "%PDF" not in text


def test_pdf_saved_as_txt_is_read_by_the_flat_command_too(tmp_path, capsys):
    (tmp_path / "report.txt").write_bytes(REPORT)
    out = tmp_path / "claims.jsonl"
    assert main([str(tmp_path / "report.txt"), "--out", str(out)]) == 0
    assert "read as PDF" in capsys.readouterr().err
    claims = read_claims(out)
    assert set(claims["doc_id"]) == {"report.txt"}
    assert any("4.3%" in sentence for sentence in claims["sentence"])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (pdf_bytes([[], []]), "a PDF with no text layer (2 pages of images, a scan?)"),
        (pdf_bytes([[" "]]), "a PDF with no text layer (1 pages"),
        (REPORT[: len(REPORT) // 3], "cannot read the PDF, it looks damaged"),
        (b"Exports rose 5% in 2024.", "named .pdf but not a PDF"),
    ],
    ids=["scanned", "blank-text", "truncated", "text-named-pdf"],
)
def test_pdf_that_cannot_be_read_gets_one_line_and_the_others_go_on(
    tmp_path, capsys, content, problem
):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    (tmp_path / "good.pdf").write_bytes(REPORT)
    db = tmp_path / "c.duckdb"
    code, out, err = run_add(capsys, bad, tmp_path / "good.pdf", "--db", db)
    assert code == 0 and "1 documents (1 added" in out
    assert err.splitlines() == [f"error: {bad}: {err.split(': ', 2)[2].rstrip()}"]
    assert problem in err and "Traceback" not in err
    assert read_corpus(db)[1]["doc_id"].tolist() == ["good.pdf"]
