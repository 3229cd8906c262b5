"""The store: one embedded DuckDB file holding every added document and its claims.

Tables: `documents` (one row per document, keyed by doc_id; `text_hash` is what the document
is, whatever its file is called), `claims` (exactly `extract.schema.CLAIM_COLUMNS`),
`doc_aliases` (doc_ids that old dashboard URLs may still name), `claim_fact_keys` (the fact
key of every claim, so facts are recomputed only where a change touches them) and
`claimboard_store` (the store's version: what tells a claimboard store from another
program's DuckDB file, which is never written to).

DuckDB lets one process at a time open the file for writing (and no other process read it
meanwhile), so opening retries for a bounded time and then says the store is busy; writers
hold it only for the short write of a finished batch (changes.py). DuckDB never downloads
anything: extension auto-install and auto-load are off.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from extract.document import text_identity
from extract.errors import OutputError, message
from extract.schema import CLAIM_COLUMNS, conform, empty_claims
from extract.store.fact_refresh import refresh_all_facts
from extract.store.sql import registered, transaction

DEFAULT_DB = Path("data/claimboard.duckdb")
DB_ENV = "CLAIMBOARD_DB"
DEFAULT_WAIT_SECONDS = 30.0
_RETRY_PAUSE_SECONDS = 0.2
STORE_VERSION = 1  # 0: the first stores (doc_id the file name, no text_hash), migrated on write

# name -> pandas dtype, like CLAIM_COLUMNS; DuckDB types are derived from both the same way.
DOCUMENT_COLUMNS: dict[str, str] = {
    "doc_id": "string",  # the file name, or its stem with a short text hash when taken
    "content_hash": "string",  # sha256 of the decoded text and the metadata given beside it
    "file_name": "string",  # where it was added from (absolute path, or uploaded name)
    "lang": "string",
    "body": "string",
    "title": "string",
    "published": "string",
    "source_url": "string",
    "source_lang": "string",
    "text": "string",  # the text every claim offset indexes into
    "added_at": "datetime64[us]",
    "text_hash": "string",  # document.text_identity: one document per text (last: v0 lacks it)
}
V0_DOCUMENT_COLUMNS = [name for name in DOCUMENT_COLUMNS if name != "text_hash"]
INDEX_COLUMNS = ("doc_id", "text_hash", "content_hash", "file_name")
ALIAS_COLUMNS = {"alias": "string", "doc_id": "string"}
FACT_KEY_COLUMNS = {"doc_id": "string", "claim_id": "string", "fact_key": "string"}
_DUCKDB_TYPES = {
    "string": "VARCHAR",
    "float64": "DOUBLE",
    "Int64": "BIGINT",
    "int64": "BIGINT",
    "datetime64[us]": "TIMESTAMP",
}
# Nothing is ever fetched: a SQLite file would otherwise make DuckDB download its scanner.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_DUCKDB_MAGIC = b"DUCK"  # at byte 8 of every DuckDB database file
_SQLITE_MAGIC = b"SQLite format 3\x00"
_LOCK_REASON = "could not set lock on file"  # DuckDB's words when another process has it

# DuckDB refuses two connections of different configurations (read-only, read-write) to one
# file in one process, and the dashboard serves many sessions from threads: take turns.
_PROCESS_LOCK = threading.Lock()


class StoreError(Exception):
    """The store cannot be used (busy, damaged, not a store, disk full): one line naming it."""


@dataclass(frozen=True)
class StoredDocument:
    """What the store knows of a document without reading its text."""

    doc_id: str
    text_hash: str
    content_hash: str
    file_name: str


def resolve_db_path(given: str | os.PathLike | None = None) -> Path:
    """--db FILE wins, then $CLAIMBOARD_DB, then data/claimboard.duckdb."""
    return Path(given or os.environ.get(DB_ENV) or DEFAULT_DB)


def table_ddl(table: str, columns: dict[str, str]) -> str:
    fields = ", ".join(f'"{name}" {_DUCKDB_TYPES[dtype]}' for name, dtype in columns.items())
    return f"CREATE TABLE IF NOT EXISTS {table} ({fields})"


def failure(db: Path, exc: BaseException) -> StoreError:
    """One line for what went wrong using the store: disk full, read-only, or damaged."""
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    lowered = reason.lower()
    if "no space left" in lowered or "file too large" in lowered:
        return StoreError(message("store_disk_full", db=db, reason=reason))
    if "read-only file system" in lowered or "permission denied" in lowered:
        return StoreError(message("store_read_only", db=db, reason=reason))
    return StoreError(message("store_damaged", db=db, reason=reason))


@contextmanager
def open_store(
    db: Path, *, read_only: bool = False, wait_seconds: float = DEFAULT_WAIT_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store, created (or migrated) with its tables when writing.

    Any DuckDB or OS error while it is in use becomes a StoreError naming the store."""
    deadline = time.monotonic() + wait_seconds
    _refuse_foreign_file(db)
    if not _PROCESS_LOCK.acquire(timeout=max(wait_seconds, 0)):
        raise StoreError(message("store_busy", db=db))
    try:
        if not read_only:
            try:
                db.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise failure(db, exc) from None
        con = _connect(db, read_only, deadline)
        try:
            version = _store_version(con, db)
            if read_only and version is None:
                raise StoreError(message("not_a_store", db=db, reason="no claimboard tables"))
            if not read_only and version != STORE_VERSION:
                _create_or_migrate(con, version)
            elif not read_only:
                _add_missing_claim_columns(con)
            yield con
        except (duckdb.Error, OSError) as exc:
            raise failure(db, exc) from None
        finally:
            con.close()
    finally:
        _PROCESS_LOCK.release()


def _refuse_foreign_file(db: Path) -> None:
    """Only a DuckDB file (or nothing yet) is opened: another program's file is left alone."""
    try:
        info = db.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise failure(db, exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(message("not_a_store", db=db, reason="not a regular file"))
    if info.st_size == 0:
        return
    try:
        with db.open("rb") as head:
            first = head.read(16)
    except OSError as exc:
        raise failure(db, exc) from None
    if first.startswith(_SQLITE_MAGIC):
        raise StoreError(message("not_a_store", db=db, reason="it is a SQLite database"))
    if first[8:12] != _DUCKDB_MAGIC:
        raise StoreError(message("not_a_store", db=db, reason="not a DuckDB database file"))


def _connect(db: Path, read_only: bool, deadline: float) -> duckdb.DuckDBPyConnection:
    while True:
        try:
            return duckdb.connect(str(db), read_only=read_only, config=_CONFIG)
        except duckdb.Error as exc:
            if _LOCK_REASON not in str(exc).lower():
                raise failure(db, exc) from None
            if time.monotonic() >= deadline:
                raise StoreError(message("store_busy", db=db)) from None
            time.sleep(_RETRY_PAUSE_SECONDS)


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
    ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables


def _store_version(con: duckdb.DuckDBPyConnection, db: Path) -> int | None:
    """The store's version; None for a new, empty file; StoreError for anything else."""
    tables = _columns(con)
    if not tables:
        return None
    if "claimboard_store" in tables:
        version = con.execute("SELECT max(version) FROM claimboard_store").fetchone()[0]
        if version is None or version > STORE_VERSION:
            reason = f"store version {version}; this claimboard reads up to {STORE_VERSION}"
            raise StoreError(message("not_a_store", db=db, reason=reason))
        if not _older_claims(tables.get("claims", [])):
            raise StoreError(
                message("not_a_store", db=db, reason="its claims table is not claimboard's")
            )
        return version
    if (
        tables.get("documents") == V0_DOCUMENT_COLUMNS
        and _older_claims(tables.get("claims", []))
        and set(tables) == {"documents", "claims"}
    ):
        return 0  # written by the first claimboard, before stores carried a version
    if "documents" in tables or "claims" in tables:
        reason = "its documents or claims table is not claimboard's"
    else:
        reason = f"another program's database (tables: {', '.join(sorted(tables))})"
    raise StoreError(message("not_a_store", db=db, reason=reason))


def _older_claims(columns: list[str]) -> bool:
    """Claims columns of a claimboard store, perhaps written before some were declared."""
    return {"claim_id", "doc_id", "start", "end"} <= set(columns) <= set(CLAIM_COLUMNS)


def _add_missing_claim_columns(con: duckdb.DuckDBPyConnection) -> None:
    """A store written before a column was declared (e.g. `tier`) gains it, empty, on open."""
    have = set(_columns(con)["claims"])
    for name, dtype in CLAIM_COLUMNS.items():
        if name not in have:
            con.execute(f'ALTER TABLE claims ADD COLUMN "{name}" {_DUCKDB_TYPES[dtype]}')


def _create_or_migrate(con: duckdb.DuckDBPyConnection, version: int | None) -> None:
    """Bring the store to STORE_VERSION in one transaction (nothing half migrated)."""
    with transaction(con):
        if version == 0:
            _migrate_from_v0(con)
        con.execute(table_ddl("documents", DOCUMENT_COLUMNS))
        con.execute(table_ddl("claims", CLAIM_COLUMNS))
        _add_missing_claim_columns(con)
        con.execute(table_ddl("doc_aliases", ALIAS_COLUMNS))
        con.execute(table_ddl("claim_fact_keys", FACT_KEY_COLUMNS))
        con.execute("CREATE TABLE IF NOT EXISTS claimboard_store (version INTEGER)")
        con.execute("DELETE FROM claimboard_store")
        con.execute(f"INSERT INTO claimboard_store VALUES ({STORE_VERSION})")
        if version == 0:
            refresh_all_facts(con)


def _migrate_from_v0(con: duckdb.DuckDBPyConnection) -> None:
    """v0 keyed documents by file name, so one text could be two documents (their claims
    sharing ids). Each text becomes one document, the first added; the others' ids stay
    valid in URLs as aliases of it."""
    con.execute("ALTER TABLE documents ADD COLUMN text_hash VARCHAR")
    texts = con.execute("SELECT doc_id, text, added_at FROM documents").df()
    texts["text_hash"] = texts["text"].map(text_identity)
    texts = texts.sort_values(["added_at", "doc_id"], kind="stable")
    texts["kept"] = texts.groupby("text_hash")["doc_id"].transform("first")
    hashes = texts[["doc_id", "text_hash", "kept"]].astype("string")
    with registered(con, "migrated", hashes):
        con.execute(
            "UPDATE documents SET text_hash = m.text_hash FROM migrated m "
            "WHERE documents.doc_id = m.doc_id"
        )
        con.execute(table_ddl("doc_aliases", ALIAS_COLUMNS))
        con.execute(
            "INSERT INTO doc_aliases SELECT doc_id, kept FROM migrated WHERE doc_id <> kept"
        )
        for table in ("claims", "documents"):
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT alias FROM doc_aliases)")


def stored_documents(con: duckdb.DuckDBPyConnection) -> list[StoredDocument]:
    rows = con.execute(f"SELECT {', '.join(INDEX_COLUMNS)} FROM documents").fetchall()
    return [StoredDocument(*row) for row in rows]


def read_index(db: Path, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> list[StoredDocument]:
    """Every stored document's identity, read without holding the store (empty when new)."""
    if not db.exists():
        _refuse_foreign_file(db)
        return []
    with open_store(db, read_only=True, wait_seconds=wait_seconds) as con:
        if "text_hash" not in _columns(con)["documents"]:  # v0: migrated by the next write
            return []
        return stored_documents(con)


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
    if "text_hash" not in documents.columns:  # a v0 store, read before a write migrates it
        documents["text_hash"] = documents["text"].map(text_identity)
    return conform(claims), documents[list(DOCUMENT_COLUMNS)].astype(DOCUMENT_COLUMNS)


def read_aliases(db: Path, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> dict[str, str]:
    """Old doc_id -> the document it now is (a v0 store's copies of one text)."""
    if not db.exists():
        return {}
    with open_store(db, read_only=True, wait_seconds=wait_seconds) as con:
        if "doc_aliases" not in _columns(con):
            return {}
        return dict(con.execute("SELECT alias, doc_id FROM doc_aliases").fetchall())


LISTED_COLUMNS = ("doc_id", "lang", "published", "claims", "body")


def list_documents(db: Path, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> pd.DataFrame:
    """One row per document: its id, language, date, claim count and body."""
    with open_store(db, read_only=True, wait_seconds=wait_seconds) as con:
        return con.execute(
            "SELECT d.doc_id, d.lang, d.published, count(c.claim_id) AS claims, d.body "
            "FROM documents d LEFT JOIN claims c USING (doc_id) "
            "GROUP BY ALL ORDER BY d.doc_id"
        ).df()


UNKNOWN_YEAR = 0  # Hive partitions cannot hold a missing value that every reader accepts
EXPORT_MEMORY_MB = 256  # DuckDB's working memory for an export; beyond it, it spills to disk


def export_claims(db: Path, out_dir: Path, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> int:
    """Write the claims as Parquet partitioned by year (year=2024/...); return rows written.

    DuckDB streams the table to the files (it is never all in memory), into a folder beside
    `out_dir` renamed to it once complete: a failed export (a full disk) leaves nothing
    half written. Claims whose year is unknown go to year=0, since pandas cannot read a
    null partition.
    """
    partial = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.partial")
    spill = out_dir.with_name(f".{out_dir.name}.{os.getpid()}.spill")
    try:
        with open_store(db, read_only=True, wait_seconds=wait_seconds) as con:
            count = con.execute("SELECT count(*) FROM claims").fetchone()[0]
            if count:
                # DuckDB's sort and partition buffers would otherwise grow with the store
                # (736 MB at 360,000 claims); past the limit they spill to disk beside the
                # export, which is being written there anyway.
                con.execute(f"SET memory_limit = '{EXPORT_MEMORY_MB}MB'")
                con.execute(f"SET temp_directory = '{_quoted(spill)}'")
                con.execute("SET enable_progress_bar = false")  # the command prints its line
                _copy_claims(con, partial, out_dir)
        if count:
            os.replace(partial, out_dir)
        return count
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(message("cannot_export", path=out_dir, reason=reason)) from None
    finally:
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(spill, ignore_errors=True)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _copy_claims(con: duckdb.DuckDBPyConnection, target: Path, named: Path) -> None:
    try:
        con.execute(
            f"COPY (SELECT * REPLACE (coalesce(year, {UNKNOWN_YEAR}) AS year) "
            f"FROM claims ORDER BY doc_id, start) TO '{_quoted(target)}' "
            "(FORMAT PARQUET, PARTITION_BY (year))"
        )
    except duckdb.Error as exc:  # the export's own folder, not the store
        reason = str(exc).splitlines()[0]
        if "No space left on device" in reason:
            reason = "No space left on device"
        raise OutputError(message("cannot_export", path=named, reason=reason)) from None
