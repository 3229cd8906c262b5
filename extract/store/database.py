"""The store: one embedded DuckDB file holding every added document and its claims.

Tables: `documents` (one row per document, keyed by doc_id, the file name) and `claims`
(exactly `extract.schema.CLAIM_COLUMNS`). Every `add` run is one transaction: it either
lands whole or leaves the store as it was. Re-adding a document whose text and given
metadata are unchanged is a hash lookup and nothing else; a changed one replaces its row and
all its claims. After every change `fact_id` is recomputed for the whole store (facts.py),
because a new document can join claims of documents added long before.

DuckDB lets one process at a time open the file for writing (and no other process read it
meanwhile), so opening retries for a bounded time and then says the store is busy.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from extract.document import Document
from extract.errors import message
from extract.pipeline.claims import extract_document
from extract.schema import CLAIM_COLUMNS, conform, empty_claims
from extract.store import facts

DEFAULT_DB = Path("data/claimboard.duckdb")
DB_ENV = "CLAIMBOARD_DB"
DEFAULT_WAIT_SECONDS = 30.0
_RETRY_PAUSE_SECONDS = 0.2
BATCH_DOCUMENTS = 500  # documents extracted and inserted per bulk insert within one run

# name -> pandas dtype, like CLAIM_COLUMNS; DuckDB types are derived from both the same way.
DOCUMENT_COLUMNS: dict[str, str] = {
    "doc_id": "string",  # the file name: a document added again under it replaces this row
    "content_hash": "string",  # sha256 of the decoded text and the metadata given beside it
    "file_name": "string",  # where it was added from (path or uploaded name)
    "lang": "string",
    "body": "string",
    "title": "string",
    "published": "string",
    "source_url": "string",
    "source_lang": "string",
    "text": "string",  # the text every claim offset indexes into
    "added_at": "datetime64[us]",
}
_DUCKDB_TYPES = {
    "string": "VARCHAR",
    "float64": "DOUBLE",
    "Int64": "BIGINT",
    "int64": "BIGINT",
    "datetime64[us]": "TIMESTAMP",
}
_META_FIELDS = ("lang", "body", "title", "published", "source_url", "source_lang")

# DuckDB refuses two connections of different configurations (read-only, read-write) to one
# file in one process, and the dashboard serves many sessions from threads: take turns.
_PROCESS_LOCK = threading.Lock()
_TABLES_QUERY = "SELECT table_name FROM information_schema.tables"


class StoreError(Exception):
    """The store cannot be used (busy, or not a store): the message is one line naming it."""


@dataclass(frozen=True)
class Incoming:
    """A document to add and where it came from (a path, or the name of an uploaded file)."""

    doc: Document
    file_name: str


@dataclass(frozen=True)
class Outcome:
    doc_id: str
    status: str  # added | replaced | unchanged
    claims: int  # claims the document has in the store after the run


def resolve_db_path(given: str | os.PathLike | None = None) -> Path:
    """--db FILE wins, then $CLAIMBOARD_DB, then data/claimboard.duckdb."""
    return Path(given or os.environ.get(DB_ENV) or DEFAULT_DB)


def table_ddl(table: str, columns: dict[str, str]) -> str:
    fields = ", ".join(f'"{name}" {_DUCKDB_TYPES[dtype]}' for name, dtype in columns.items())
    return f"CREATE TABLE IF NOT EXISTS {table} ({fields})"


def content_hash(doc: Document) -> str:
    """Changes when the text or any given metadata changes (an edited NAME.meta.toml counts)."""
    given = json.dumps({k: getattr(doc.meta, k) for k in _META_FIELDS}, sort_keys=True)
    return hashlib.sha256(f"{doc.text}\x00{given}".encode()).hexdigest()


@contextmanager
def open_store(
    db: Path, *, read_only: bool = False, wait_seconds: float = DEFAULT_WAIT_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store, created with its tables when writing; closed on exit."""
    deadline = time.monotonic() + wait_seconds
    if not _PROCESS_LOCK.acquire(timeout=max(wait_seconds, 0)):
        raise StoreError(message("store_busy", db=db))
    try:
        if not read_only:
            db.parent.mkdir(parents=True, exist_ok=True)
        con = _connect(db, read_only, deadline)
        try:
            if read_only:
                _check_tables(con, db)
            else:
                con.execute(table_ddl("documents", DOCUMENT_COLUMNS))
                con.execute(table_ddl("claims", CLAIM_COLUMNS))
                _add_missing_claim_columns(con)
            yield con
        finally:
            con.close()
    finally:
        _PROCESS_LOCK.release()


def _connect(db: Path, read_only: bool, deadline: float) -> duckdb.DuckDBPyConnection:
    while True:
        try:
            return duckdb.connect(str(db), read_only=read_only)
        except duckdb.Error as exc:
            reason = str(exc).splitlines()[0]
            if "lock" not in reason.lower():
                raise StoreError(message("not_a_store", db=db, reason=reason)) from None
            if time.monotonic() >= deadline:
                raise StoreError(message("store_busy", db=db)) from None
            time.sleep(_RETRY_PAUSE_SECONDS)


def _claim_table_columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    query = "SELECT column_name FROM information_schema.columns WHERE table_name = 'claims'"
    return {row[0] for row in con.execute(query).fetchall()}


def _add_missing_claim_columns(con: duckdb.DuckDBPyConnection) -> None:
    """A store written before a column was declared (e.g. `tier`) gains it, empty, on open."""
    have = _claim_table_columns(con)
    for name, dtype in CLAIM_COLUMNS.items():
        if name not in have:
            con.execute(f'ALTER TABLE claims ADD COLUMN "{name}" {_DUCKDB_TYPES[dtype]}')


def _check_tables(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    tables = {row[0] for row in con.execute(_TABLES_QUERY).fetchall()}
    missing = {"documents", "claims"} - tables
    if missing:
        reason = f"no {' or '.join(sorted(missing))} table"
        raise StoreError(message("not_a_store", db=db, reason=reason))


def add_documents(
    con: duckdb.DuckDBPyConnection,
    incoming: Sequence[Incoming],
    extract: Callable[[Document], list[dict]] = extract_document,
    batch_size: int = BATCH_DOCUMENTS,
) -> list[Outcome]:
    """Add documents in one transaction; on any error nothing of this run remains."""
    stored = dict(con.execute("SELECT doc_id, content_hash FROM documents").fetchall())
    hashes = [content_hash(item.doc) for item in incoming]
    changed = [
        (item, digest)
        for item, digest in zip(incoming, hashes, strict=True)
        if stored.get(item.doc.doc_id) != digest
    ]
    if changed:  # unchanged documents cost a hash, never an extraction or a write
        con.begin()
        try:
            for start in range(0, len(changed), batch_size):
                _write_batch(con, changed[start : start + batch_size], extract)
            _refresh_fact_ids(con)
            con.commit()
        except BaseException:
            con.rollback()
            raise
    claim_counts = _claim_counts(con, [item.doc.doc_id for item in incoming])
    changed_ids = {item.doc.doc_id for item, _ in changed}
    return [
        Outcome(
            doc_id=item.doc.doc_id,
            status=_status(item.doc.doc_id, changed_ids, stored),
            claims=claim_counts.get(item.doc.doc_id, 0),
        )
        for item in incoming
    ]


def _status(doc_id: str, changed_ids: set[str], stored: dict[str, str]) -> str:
    if doc_id not in changed_ids:
        return "unchanged"
    return "replaced" if doc_id in stored else "added"


def _write_batch(
    con: duckdb.DuckDBPyConnection,
    batch: Sequence[tuple[Incoming, str]],
    extract: Callable[[Document], list[dict]],
) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    rows_by_doc = [extract(item.doc) for item, _ in batch]
    rows = [row for doc_rows in rows_by_doc for row in doc_rows]
    claims = conform(pd.DataFrame(rows)) if rows else empty_claims()
    documents = pd.DataFrame(
        [
            document_row(item, digest, rows, now)
            for (item, digest), rows in zip(batch, rows_by_doc, strict=True)
        ]
    ).astype(DOCUMENT_COLUMNS)
    ids = pd.DataFrame({"doc_id": documents["doc_id"]})
    con.register("replaced_ids", ids)
    con.register("new_documents", documents)
    con.register("new_claims", claims)
    try:
        con.execute("DELETE FROM claims WHERE doc_id IN (SELECT doc_id FROM replaced_ids)")
        con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM replaced_ids)")
        con.execute("INSERT INTO documents BY NAME SELECT * FROM new_documents")
        con.execute("INSERT INTO claims BY NAME SELECT * FROM new_claims")
    finally:
        for view in ("replaced_ids", "new_documents", "new_claims"):
            con.unregister(view)


def document_row(item: Incoming, digest: str, rows: list[dict], added_at: datetime) -> dict:
    """Given metadata first; what it leaves open comes from the document's own claims."""
    meta = item.doc.meta

    def given_or_claimed(field: str) -> str:
        value = getattr(meta, field)
        if value:
            return value
        claimed = pd.Series([row[field] for row in rows if row.get(field)], dtype="string")
        return claimed.mode().iloc[0] if len(claimed) else ""

    return {
        "doc_id": item.doc.doc_id,
        "content_hash": digest,
        "file_name": item.file_name,
        "lang": given_or_claimed("lang"),
        "body": given_or_claimed("body"),
        "title": meta.title or "",
        "published": given_or_claimed("published"),
        "source_url": given_or_claimed("source_url"),
        "source_lang": meta.source_lang or "",
        "text": item.doc.text,
        "added_at": added_at,
    }


def _refresh_fact_ids(con: duckdb.DuckDBPyConnection) -> None:
    claims = con.execute(f"SELECT {', '.join(facts.CLAIM_INPUTS)} FROM claims").df()
    documents = con.execute(f"SELECT {', '.join(facts.DOCUMENT_INPUTS)} FROM documents").df()
    fact_ids = pd.DataFrame(
        {
            "doc_id": claims["doc_id"],
            "claim_id": claims["claim_id"],
            "fact_id": facts.assign_fact_ids(claims, documents),
        }
    )
    con.register("fact_ids", fact_ids)
    try:
        con.execute(
            "UPDATE claims SET fact_id = f.fact_id FROM fact_ids f "
            "WHERE claims.doc_id = f.doc_id AND claims.claim_id = f.claim_id "
            "AND claims.fact_id IS DISTINCT FROM f.fact_id"
        )
    finally:
        con.unregister("fact_ids")


def _claim_counts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, int]:
    if not doc_ids:
        return {}
    con.register("asked_ids", pd.DataFrame({"doc_id": pd.Series(doc_ids, dtype="string")}))
    try:
        rows = con.execute(
            "SELECT doc_id, count(*) FROM claims "
            "WHERE doc_id IN (SELECT doc_id FROM asked_ids) GROUP BY doc_id"
        ).fetchall()
    finally:
        con.unregister("asked_ids")
    return dict(rows)


def empty_documents() -> pd.DataFrame:
    return pd.DataFrame({name: [] for name in DOCUMENT_COLUMNS}).astype(DOCUMENT_COLUMNS)


def read_corpus(
    db: Path, wait_seconds: float = DEFAULT_WAIT_SECONDS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(claims, documents) for the dashboard; both empty while no store exists yet."""
    if not db.exists():
        return empty_claims(), empty_documents()
    with open_store(db, read_only=True, wait_seconds=wait_seconds) as con:
        claims = con.execute("SELECT * FROM claims ORDER BY doc_id, start").df()
        documents = con.execute("SELECT * FROM documents ORDER BY doc_id").df()
    for name in CLAIM_COLUMNS.keys() - set(claims.columns):  # a store older than the column
        claims[name] = pd.NA
    return conform(claims), documents.astype(DOCUMENT_COLUMNS)


UNKNOWN_YEAR = 0  # Hive partitions cannot hold a missing value that every reader accepts


def export_claims(db: Path, out_dir: Path, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> int:
    """Write the claims as Parquet partitioned by year (year=2024/...); return rows written.

    Claims whose year is unknown go to year=0, since pandas cannot read a null partition.
    """
    with open_store(db, read_only=True, wait_seconds=wait_seconds) as con:
        count = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        if count:
            target = str(out_dir).replace("'", "''")
            con.execute(
                f"COPY (SELECT * REPLACE (coalesce(year, {UNKNOWN_YEAR}) AS year) FROM claims "
                f"ORDER BY doc_id, start) TO '{target}' (FORMAT PARQUET, PARTITION_BY (year))"
            )
    return count
