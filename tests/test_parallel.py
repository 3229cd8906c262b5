import os

import pytest

from extract import job, parallel
from extract.document import Document
from extract.job import load
from extract.lexicon import available_languages
from extract.parallel import Failed, extract_all
from extract.pipeline import numerals, units
from extract.pipeline.claims import extract_document

BAD_TEXT = "This document makes the extractor raise: 5%."


def raises_on_the_bad_document(doc: Document) -> list[dict]:
    """The extractor with a bug that one document triggers (sent to workers by name)."""
    if doc.text == BAD_TEXT:
        raise ValueError("a bug\nwith a second line")
    return extract_document(doc)


@pytest.fixture(scope="module")
def every_document(seeds_dir, shared_dir) -> list[Document]:
    folders = [seeds_dir, shared_dir / "corpus" / "docs", shared_dir / "corpus2" / "docs"]
    documents = load(folders).documents
    assert len(documents) > 30
    return documents


@pytest.mark.parametrize("jobs", [1, 2, 3])
@pytest.mark.parametrize("chunk_documents", [1, 64])
def test_parallel_extract_all_gives_each_documents_claims_in_input_order(
    monkeypatch, every_document, jobs, chunk_documents
):
    monkeypatch.setattr(parallel, "CHUNK_DOCUMENTS", chunk_documents)

    results = list(extract_all(every_document, jobs))

    assert [doc for doc, _ in results] == every_document
    assert [rows for _, rows in results] == [extract_document(doc) for doc in every_document]


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_extract_all_reports_a_failing_document_and_goes_on(monkeypatch, jobs):
    monkeypatch.setattr(parallel, "CHUNK_DOCUMENTS", 2)  # the bad one shares a chunk
    documents = [
        Document("before.txt", "Exports rose 5% in 2024."),
        Document("bad.txt", BAD_TEXT),
        Document("after.txt", "Imports fell 3% in 2024."),
    ]

    results = list(extract_all(documents, jobs, extract=raises_on_the_bad_document))

    assert [doc.doc_id for doc, _ in results] == ["before.txt", "bad.txt", "after.txt"]
    assert results[1][1] == Failed(
        "bad.txt: the extractor failed on this document, skipped (a bug): ValueError: a bug"
    )
    assert results[0][1] == extract_document(documents[0]) != []
    assert results[2][1] == extract_document(documents[2]) != []


def test_parallel_extract_all_reports_every_document_of_a_dead_worker():
    documents = [Document("a.txt", "Exports rose 5%."), Document("b.txt", "Imports fell 3%.")]

    results = list(extract_all(documents, 2, extract=_exits_the_worker))

    assert [doc for doc, _ in results] == documents
    for doc, result in results:
        assert isinstance(result, Failed)
        assert result.error.startswith(
            f"{doc.doc_id}: the worker process extracting it failed, skipped (BrokenProcessPool"
        )


def _exits_the_worker(doc: Document) -> list[dict]:
    os._exit(1)  # as a worker killed by the kernel (out of memory) would


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_job_run_writes_the_other_documents_and_lists_the_failure(
    tmp_path, monkeypatch, jobs
):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Exports rose 5% in 2024.", encoding="utf-8")
    (docs / "b.txt").write_text(BAD_TEXT, encoding="utf-8")
    (docs / "c.txt").write_text("Imports fell 3% in 2024.", encoding="utf-8")
    monkeypatch.setattr(
        job,
        "extract_all",
        lambda documents, jobs: extract_all(documents, jobs, raises_on_the_bad_document),
    )
    seen = []

    summary = job.run([docs], tmp_path / "claims.jsonl", jobs=jobs, on_failed=seen.append)

    assert summary.failed == tuple(seen) and len(seen) == 1
    assert seen[0].startswith("b.txt: the extractor failed on this document")
    claims = (tmp_path / "claims.jsonl").read_text(encoding="utf-8")
    assert '"a.txt"' in claims and '"c.txt"' in claims and '"b.txt"' not in claims


def compiled_before_the_first_document(doc: Document) -> list[dict]:
    """What the worker had compiled when it took its first document (sent by name)."""
    return [
        {
            "number_words": numerals.numerals.cache_info().currsize,
            "pint": units.pint_registry.cache_info().currsize,
        }
    ]


def test_parallel_workers_start_with_every_language_compiled():
    documents = [Document("a.txt", "Exports rose 5%."), Document("b.txt", "Imports fell 3%.")]

    results = list(extract_all(documents, 2, extract=compiled_before_the_first_document))

    for _, rows in results:
        assert rows == [{"number_words": len(available_languages()), "pint": 1}]


@pytest.mark.parametrize(
    ("argv", "started"),
    [
        (["docs", "--out", "claims.csv", "--jobs", "2"], True),
        (["--jobs=3", "docs", "--out=claims.parquet"], True),
        (["docs", "--out", "claims.csv", "--jobs", "1"], False),
        (["docs", "--out", "out", "--jobs", "2", "--scheduler", "local:2"], False),
        (["add", "docs", "--jobs", "2"], False),  # a store command: no --out
        (["export", "folder"], False),
        (["docs", "--out", "claims.csv", "--jobs", "two"], False),  # refused by the command
        (["docs", "--jobs", "2", "--out"], False),
    ],
)
def test_parallel_start_workers_early_only_for_a_flat_run_on_several_processes(
    monkeypatch, capsys, argv, started
):
    calls = []
    monkeypatch.setattr(
        parallel.multiprocessing.forkserver, "ensure_running", lambda: calls.append("started")
    )

    parallel.start_workers_early(argv)

    assert calls == (["started"] if started else [])
    assert capsys.readouterr().err == ""  # the command's own parser reports bad arguments
