"""dashboard/data.py: where the claims come from, and the one cached loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import (
    DEFAULT_CLAIMS,
    DEFAULT_CORPUS,
    DEFAULT_DB,
    Sources,
    load_corpus,
    resolve_sources,
    source_stamp,
)
from dashboard.logic import Filters
from extract.errors import InputError, OutputError
from extract.schema import CLAIM_COLUMNS
from extract.store.commands import add_main
from extract.store.database import StoreError, read_corpus
from extract.write import read_claims

load = load_corpus.__wrapped__  # the loader itself, without Streamlit's cache
EVERY_CLAIM = Filters(all_tiers=True)


pytestmark = pytest.mark.usefixtures("dashboard_cache")


def claims_of(corpus) -> pd.DataFrame:
    """Every claim the corpus' database holds, by claim id."""
    return corpus.db.rows(EVERY_CLAIM).sort_values("claim_id", ignore_index=True)


def doc_ids_of(corpus) -> set[str]:
    return set(corpus.db.documents()[0]["doc_id"])


def flat(claims: str | Path, corpus: str | Path) -> Sources:
    return Sources(claims=Path(claims), corpus=Path(corpus))


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {}, Sources(db=DEFAULT_DB, seed=DEFAULT_CORPUS)),
        ([], {"CLAIMBOARD_DB": "s.duckdb"}, Sources(db=Path("s.duckdb"))),
        (["--db", "a.duckdb"], {"CLAIMBOARD_DB": "s.duckdb"}, Sources(db=Path("a.duckdb"))),
        (["--db", "a.duckdb", "--claims", "a.csv"], {}, Sources(db=Path("a.duckdb"))),
        (["--claims", "a.csv"], {"CLAIMBOARD_DB": "s.duckdb"}, flat("a.csv", DEFAULT_CORPUS)),
        ([], {"CLAIMBOARD_CLAIMS": "e.csv", "CLAIMBOARD_CORPUS": "docs"}, flat("e.csv", "docs")),
        ([], {"CLAIMBOARD_CORPUS": "docs"}, flat(DEFAULT_CLAIMS, "docs")),
        (["--claims", "a.jsonl"], {"CLAIMBOARD_CLAIMS": "e.csv"}, flat("a.jsonl", DEFAULT_CORPUS)),
        (["--corpus", "c", "--claims", "a.parquet"], {}, flat("a.parquet", "c")),
    ],
)
def test_data_resolve_sources_command_line_over_environment_over_default_store(
    argv, environ, expected
):
    assert resolve_sources(argv, environ) == expected


@pytest.fixture
def corpus_dir(tmp_path, seeds_dir) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(seeds_dir, folder)
    return folder


def test_data_load_corpus_extracts_a_missing_table_once(tmp_path, corpus_dir):
    table = tmp_path / "out" / "claims.parquet"
    corpus = load(flat(table, corpus_dir), 0.0)
    assert table.is_file()  # written, so the next start reads it instead
    claims = claims_of(corpus)
    assert list(claims.columns) == list(CLAIM_COLUMNS)
    assert len(claims) > 0 and "Extracted" in corpus.note
    assert set(claims["doc_id"]) <= doc_ids_of(corpus)
    assert claims.equals(read_claims(table).sort_values("claim_id", ignore_index=True))
    again = load(flat(table, corpus_dir), 1.0)
    assert again.note == "" and claims_of(again).equals(claims)


@pytest.mark.parametrize("mode", ["store", "flat"])
def test_data_load_corpus_offsets_index_the_document_text(tmp_path, corpus_dir, mode):
    sources = {
        "store": Sources(db=tmp_path / "s.duckdb", seed=corpus_dir),
        "flat": flat(tmp_path / "c.parquet", corpus_dir),
    }[mode]
    corpus = load(sources, 0.0)
    claims = claims_of(corpus)
    assert len(claims) > 0
    texts = {doc_id: corpus.db.document(doc_id)["text"] for doc_id in doc_ids_of(corpus)}
    for claim in claims.itertuples():
        text = texts[claim.doc_id]
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
        load(flat(table, corpus_dir), 0.0)
    assert str(table) in str(raised.value) and "\n" not in str(raised.value)
    assert table.read_text() == content  # nothing stored is touched


def test_data_load_corpus_without_documents_is_one_line(tmp_path):
    with pytest.raises((InputError, OutputError)) as raised:
        load(flat(tmp_path / "c.parquet", tmp_path / "none"), 0.0)
    assert str(tmp_path / "none") in str(raised.value)
    assert not (tmp_path / "c.parquet").exists()


def test_data_load_corpus_creates_a_missing_store_from_its_seed_folder(tmp_path, corpus_dir):
    db = tmp_path / "data" / "claimboard.duckdb"
    corpus = load(Sources(db=db, seed=corpus_dir), 0.0)
    assert db.is_file() and "Created the store" in corpus.note
    stored_claims, stored_documents = read_corpus(db)
    claims = claims_of(corpus)
    assert claims.equals(stored_claims.sort_values("claim_id", ignore_index=True))
    assert doc_ids_of(corpus) == set(stored_documents["doc_id"]) > set()
    assert (claims["fact_id"] != "").any()  # the store links facts across documents
    again = load(Sources(db=db, seed=corpus_dir), 1.0)
    assert again.note == "" and claims_of(again).equals(claims)  # not added twice


def test_data_load_corpus_reads_a_given_store_and_never_seeds_it(tmp_path, seeds_dir):
    db = tmp_path / "given.duckdb"
    missing = load(Sources(db=db), 0.0)
    assert missing.db.total == 0 and not doc_ids_of(missing) and not db.exists()
    assert str(db) in missing.note and "\n" not in missing.note
    assert add_main([str(seeds_dir / "004_b433b9c43a5eb62a.txt"), "--db", str(db)]) == 0
    added = load(Sources(db=db), source_stamp(Sources(db=db)))
    assert doc_ids_of(added) == {"004_b433b9c43a5eb62a.txt"}
    assert set(claims_of(added)["doc_id"]) == {"004_b433b9c43a5eb62a.txt"}


@pytest.mark.parametrize("content", [b"not a duckdb file at all", b"\x00" * 4096])
def test_data_load_corpus_bad_store_is_one_line_naming_it(tmp_path, dashboard_cache, content):
    db = tmp_path / "claimboard.duckdb"
    db.write_bytes(content)
    with pytest.raises(StoreError) as raised:
        load(Sources(db=db, seed=DEFAULT_CORPUS), 0.0)
    assert str(db) in str(raised.value) and "\n" not in str(raised.value)
    assert db.read_bytes() == content  # nothing stored is touched
    assert not list(dashboard_cache.glob("*"))  # and no half copy is left behind


def test_data_source_stamp_changes_when_the_store_is_written(tmp_path, seeds_dir):
    sources = Sources(db=tmp_path / "s.duckdb")
    before = source_stamp(sources)
    assert add_main([str(seeds_dir), "--db", str(sources.db)]) == 0
    assert source_stamp(sources) > before
