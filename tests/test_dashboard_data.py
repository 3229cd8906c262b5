"""dashboard/data.py: where the claims come from, and the one cached loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.data import DEFAULT_CLAIMS, DEFAULT_CORPUS, load_corpus, resolve_sources
from extract.errors import InputError, OutputError
from extract.schema import CLAIM_COLUMNS


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {}, (DEFAULT_CLAIMS, DEFAULT_CORPUS)),
        ([], {"CLAIMBOARD_CLAIMS": "e.csv", "CLAIMBOARD_CORPUS": "docs"}, ("e.csv", "docs")),
        (["--claims", "a.jsonl"], {"CLAIMBOARD_CLAIMS": "e.csv"}, ("a.jsonl", DEFAULT_CORPUS)),
        (["--corpus", "c", "--claims", "a.parquet"], {}, ("a.parquet", "c")),
    ],
)
def test_data_resolve_sources_command_line_over_environment_over_default(argv, environ, expected):
    sources = resolve_sources(argv, environ)
    assert (sources.claims, sources.corpus) == tuple(map(Path, expected))


@pytest.fixture
def corpus_dir(tmp_path, seeds_dir) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(seeds_dir, folder)
    return folder


def test_data_load_corpus_extracts_a_missing_table_once(tmp_path, corpus_dir):
    table = tmp_path / "out" / "claims.parquet"
    corpus = load_corpus.__wrapped__(str(table), str(corpus_dir), 0.0)
    assert table.is_file()  # written, so the next start reads it instead
    assert list(corpus.claims.columns) == list(CLAIM_COLUMNS)
    assert len(corpus.claims) > 0 and "Extracted" in corpus.note
    assert set(corpus.claims["doc_id"]) <= set(corpus.documents.index)
    again = load_corpus.__wrapped__(str(table), str(corpus_dir), 1.0)
    assert again.note == "" and again.claims.equals(corpus.claims)


def test_data_load_corpus_offsets_index_the_document_text(tmp_path, corpus_dir):
    corpus = load_corpus.__wrapped__(str(tmp_path / "c.parquet"), str(corpus_dir), 0.0)
    for claim in corpus.claims.itertuples():
        text = corpus.documents.loc[claim.doc_id, "text"]
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("claims.csv", "claim_id,doc_id\nx,a.txt\n", OutputError),  # missing columns
        ("claims.parquet", "not parquet at all", OutputError),
        ("claims.xlsx", "", OutputError),
    ],
)
def test_data_load_corpus_bad_table_is_one_line_naming_it(
    tmp_path, corpus_dir, name, content, error
):
    table = tmp_path / name
    table.write_text(content)
    with pytest.raises(error) as raised:
        load_corpus.__wrapped__(str(table), str(corpus_dir), 0.0)
    assert str(table) in str(raised.value) and "\n" not in str(raised.value)
    assert table.read_text() == content  # nothing stored is touched


def test_data_load_corpus_without_documents_is_one_line(tmp_path):
    with pytest.raises((InputError, OutputError)) as raised:
        load_corpus.__wrapped__(str(tmp_path / "c.parquet"), str(tmp_path / "none"), 0.0)
    assert str(tmp_path / "none") in str(raised.value)
    assert not (tmp_path / "c.parquet").exists()
