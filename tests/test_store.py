"""store.py: one transaction per add, unchanged documents untouched, busy store, export."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from extract.document import DocMeta, Document
from extract.pipeline.claims import extract_document
from extract.schema import CLAIM_COLUMNS
from extract.store.changes import Incoming, add_documents, extract_each
from extract.store.database import (
    DEFAULT_DB,
    DOCUMENT_COLUMNS,
    V0_DOCUMENT_COLUMNS,
    StoreError,
    export_claims,
    open_store,
    read_corpus,
    resolve_db_path,
    table_ddl,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
# Another process holding the store open for writing, as a running `add` does.
HOLD_STORE = """
import sys, time
from pathlib import Path
from extract.store.database import open_store
with open_store(Path(sys.argv[1])):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def incoming(doc_id: str, text: str, **meta: str) -> Incoming:
    return Incoming(Document(doc_id, text, DocMeta(lang="en", **meta)), f"in/{doc_id}")


DOCS = [
    incoming("a.txt", "Industry grew 8.4% in 2024.\nRetail sales rose 9.3%.", published="2025"),
    incoming("b.txt", "Exports rose 12% and imports fell 4.3%."),
    incoming("c.txt", "No number here at all."),
]


def add(db: Path, items, extract=extract_document, **options):
    return add_documents(db, items, extract_many=extract_each(extract), **options)


def snapshot(db: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    claims, documents = read_corpus(db)
    return claims.reset_index(drop=True), documents.reset_index(drop=True)


def assert_same(before, after):
    for old, new in zip(before, after, strict=True):
        pd.testing.assert_frame_equal(old, new)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "store" / "claimboard.duckdb"


def test_store_claims_table_is_the_schema(db):
    add(db, DOCS)
    with duckdb.connect(str(db), read_only=True) as con:
        described = con.execute("DESCRIBE claims").fetchall()
    assert [row[0] for row in described] == list(CLAIM_COLUMNS)
    types = dict((row[0], row[1]) for row in described)
    assert (types["value"], types["year"], types["doc_id"]) == ("DOUBLE", "BIGINT", "VARCHAR")


def test_store_add_reports_each_document_and_keeps_its_text(db):
    outcomes = add(db, DOCS)
    assert [(o.doc_id, o.status) for o in outcomes] == [
        ("a.txt", "added"),
        ("b.txt", "added"),
        ("c.txt", "added"),
    ]
    claims, documents = read_corpus(db)
    expected = {d.doc.doc_id: len(extract_document(d.doc)) for d in DOCS}
    assert {o.doc_id: o.claims for o in outcomes} == expected
    assert claims.groupby("doc_id").size().to_dict() == {k: v for k, v in expected.items() if v}
    assert documents.set_index("doc_id")["text"].to_dict() == {
        d.doc.doc_id: d.doc.text for d in DOCS
    }
    assert documents.set_index("doc_id").loc["a.txt", "published"] == "2025"
    assert documents.set_index("doc_id").loc["b.txt", "file_name"] == "in/b.txt"


def test_store_readding_unchanged_documents_changes_nothing(db):
    add(db, DOCS)
    before = snapshot(db)
    never = lambda doc: pytest.fail(f"{doc.doc_id} was extracted again")  # noqa: E731
    outcomes = add(db, DOCS, extract=never)
    assert {o.status for o in outcomes} == {"unchanged"}
    assert_same(before, snapshot(db))


@pytest.mark.parametrize(
    "changed",
    [
        incoming("a.txt", "Industry grew 9.1% in 2024.", published="2025"),  # new text
        incoming("a.txt", DOCS[0].doc.text, published="2024"),  # new given metadata
    ],
)
def test_store_changed_document_replaces_only_its_own_claims(db, changed):
    add(db, DOCS)
    claims_before, _ = read_corpus(db)
    outcomes = add(db, [changed])
    assert [o.status for o in outcomes] == ["replaced"]
    claims, documents = read_corpus(db)
    assert documents["doc_id"].tolist() == ["a.txt", "b.txt", "c.txt"]  # no duplicate row
    mine = claims[claims["doc_id"] == "a.txt"]
    assert mine["claim_id"].tolist() == [r["claim_id"] for r in extract_document(changed.doc)]
    others = claims[claims["doc_id"] != "a.txt"].reset_index(drop=True)
    kept = claims_before[claims_before["doc_id"] != "a.txt"].reset_index(drop=True)
    pd.testing.assert_frame_equal(others, kept)


@pytest.mark.parametrize("fail_at", [1, 3])
def test_store_batch_failing_halfway_leaves_the_store_as_before(db, fail_at):
    add(db, DOCS[:1])
    before = snapshot(db)
    new = [incoming(f"n{i}.txt", f"Output rose {i}.5% this year.") for i in range(4)]
    seen = []

    def failing(doc: Document) -> list[dict]:
        seen.append(doc.doc_id)
        if len(seen) == fail_at:
            raise RuntimeError("disk full")
        return extract_document(doc)

    with pytest.raises(RuntimeError, match="disk full"):
        add(db, [incoming("a.txt", "Industry grew 1%."), *new], failing)
    assert_same(before, snapshot(db))


def hold_store(db: Path, seconds: float) -> subprocess.Popen:
    env = os.environ | {"PYTHONPATH": str(REPO_ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(db), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_store_busy_when_another_process_writes_past_the_wait(db):
    add(db, DOCS)
    before = snapshot(db)
    holder = hold_store(db, 10)
    try:
        with pytest.raises(StoreError) as caught, open_store(db, wait_seconds=0.5):
            pass
    finally:
        holder.kill()
        holder.wait()
    assert str(caught.value) == (
        f"{db}: the store is busy (another claimboard process is writing); try again"
    )
    assert_same(before, snapshot(db))


def test_store_second_writer_waits_for_the_first(db):
    add(db, DOCS[:1])
    holder = hold_store(db, 1.0)
    try:
        outcomes = add(db, DOCS[1:])  # waits (up to the default) instead of failing
    finally:
        holder.wait()
    assert [o.status for o in outcomes] == ["added", "added"]
    assert read_corpus(db)[1]["doc_id"].tolist() == ["a.txt", "b.txt", "c.txt"]


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        ("x.duckdb", "env.duckdb", Path("x.duckdb")),
        (None, "env.duckdb", Path("env.duckdb")),
        (None, None, DEFAULT_DB),
    ],
)
def test_store_resolve_db_path(monkeypatch, given, env, expected):
    if env:
        monkeypatch.setenv("CLAIMBOARD_DB", env)
    else:
        monkeypatch.delenv("CLAIMBOARD_DB", raising=False)
    assert resolve_db_path(given) == expected


def test_store_read_corpus_without_a_store_is_empty(db):
    claims, documents = read_corpus(db)
    assert claims.empty and documents.empty
    assert list(claims.columns) == list(CLAIM_COLUMNS)
    assert not db.exists()


@pytest.mark.parametrize("missing", ["tier", "fact_id"])
def test_store_written_before_a_column_existed_still_opens_and_reads(db, claim_row, missing):
    """A store made by an older claimboard lacks a newer column: reading fills it empty,
    and the next `add` adds the column, keeping the old claims."""
    older = {name: dtype for name, dtype in CLAIM_COLUMNS.items() if name != missing}
    db.parent.mkdir(parents=True)
    with duckdb.connect(str(db)) as con:
        v0 = {name: DOCUMENT_COLUMNS[name] for name in V0_DOCUMENT_COLUMNS}
        con.execute(table_ddl("documents", v0))
        con.execute(table_ddl("claims", older))
        row = claim_row(doc_id="old.txt")
        con.register("old_row", pd.DataFrame([{k: v for k, v in row.items() if k != missing}]))
        con.execute("INSERT INTO claims BY NAME SELECT * FROM old_row")

    claims, _ = read_corpus(db)
    assert list(claims.columns) == list(CLAIM_COLUMNS)
    assert claims["claim_id"].tolist() == ["c1"] and claims[missing].isna().all()

    add(db, DOCS[:1])
    claims, _ = read_corpus(db)
    assert "c1" in set(claims["claim_id"]) and len(claims) > 1
    assert claims.loc[claims["claim_id"] != "c1", missing].notna().all()


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"just some notes, not a database\n" * 100, "not a claimboard store")],
)
def test_store_refuses_a_file_that_is_not_a_store(tmp_path, content, reason):
    path = tmp_path / "notes.duckdb"
    path.write_bytes(content)
    for use in (lambda: read_corpus(path), lambda: add(path, DOCS)):
        with pytest.raises(StoreError) as caught:
            use()
        assert str(caught.value).startswith(f"{path}: {reason}")
    assert path.read_bytes() == content


@pytest.mark.parametrize("years", [[2024, 2023, None], [2024, 2024, 2024]])
def test_store_export_is_partitioned_by_year_and_readable(db, tmp_path, claim_row, years):
    def dated(doc: Document) -> list[dict]:  # claims of known and unknown years, by hand
        return [
            claim_row(claim_id=f"{doc.doc_id}-{i}", doc_id=doc.doc_id, year=year)
            for i, year in enumerate(years)
        ]

    add(db, DOCS, extract=dated)
    out = tmp_path / "export"
    written = export_claims(db, out)
    claims, _ = read_corpus(db)
    assert written == len(claims) == 3 * len(years)
    expected_years = dict(zip(claims["claim_id"], claims["year"].fillna(0), strict=True))
    assert sorted(p.name for p in out.iterdir()) == sorted(
        {f"year={year}" for year in expected_years.values()}
    )
    by_pandas = pd.read_parquet(out)
    assert sorted(by_pandas["claim_id"]) == sorted(claims["claim_id"])
    assert (
        dict(zip(by_pandas["claim_id"], by_pandas["year"].astype(int), strict=True))
        == expected_years
    )
    by_duckdb = duckdb.sql(
        f"SELECT claim_id, year FROM read_parquet('{out}/**/*.parquet', hive_partitioning=true)"
    ).df()
    assert dict(zip(by_duckdb["claim_id"], by_duckdb["year"], strict=True)) == expected_years


def test_store_a_document_the_extractor_failed_on_is_not_stored(db):
    """extract_many gives None for a document it failed on (and reported): the others land,
    that one is left out, so a later add (with the bug fixed) adds it as new."""

    def fails_on_b(docs):
        return [None if doc.doc_id == "b.txt" else extract_document(doc) for doc in docs]

    outcomes = add_documents(db, DOCS, extract_many=fails_on_b)

    assert [(o.doc_id, o.status) for o in outcomes] == [("a.txt", "added"), ("c.txt", "added")]
    claims, documents = read_corpus(db)
    assert documents["doc_id"].tolist() == ["a.txt", "c.txt"]
    assert set(claims["doc_id"]) == {"a.txt"}
    again = add(db, DOCS)
    assert [(o.doc_id, o.status) for o in again] == [
        ("a.txt", "unchanged"),
        ("b.txt", "added"),
        ("c.txt", "unchanged"),
    ]
