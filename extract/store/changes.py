"""Adding and removing documents: what each one is, extraction outside the lock, short writes.

A document is its text (document.text_identity), not its file name:
- a text already in the store is that document: re-added from where it was added, it is
  unchanged (or, with new metadata given beside it, replaced); added from a new place while
  the old one is gone, it was renamed (the new name is recorded, its metadata kept); added
  from a new place while the old one is still there, it is a copy ("already in the store");
- a new text from the place a stored document was added from is that file changed: it
  replaces its own document, under the same doc_id;
- any other new text is a new document, under its file name, or when another document has
  that name, under its stem and a short hash of its text (document.distinct_doc_id).

Documents are taken in batches: each batch is planned and extracted without holding the
store (readers go on reading it), then written in one short transaction, planned again
inside it if another process wrote meanwhile. A batch lands whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from extract.document import Document, distinct_doc_id, text_identity
from extract.errors import message
from extract.pipeline.claims import extract_document
from extract.schema import conform, empty_claims
from extract.store.database import (
    DEFAULT_WAIT_SECONDS,
    DOCUMENT_COLUMNS,
    StoredDocument,
    open_store,
    read_index,
    stored_documents,
)
from extract.store.fact_refresh import document_inputs, refresh_facts
from extract.store.sql import registered, transaction

BATCH_DOCUMENTS = 500  # documents extracted, then written in one transaction
_META_FIELDS = ("lang", "body", "title", "published", "source_url", "source_lang")

Extract = Callable[[Document], list[dict]]
# Extracts a batch of documents, in order (the command line maps them over processes); None
# for a document the extractor failed on (the function reports it): that one is not stored.
ExtractMany = Callable[[Sequence[Document]], list[list[dict] | None]]


@dataclass(frozen=True)
class Incoming:
    """A document to add and where it came from (an absolute path, or an uploaded name)."""

    doc: Document
    file_name: str


@dataclass(frozen=True)
class Outcome:
    doc_id: str
    status: str  # added | replaced | renamed | unchanged | copy (of the stored doc_id)
    claims: int  # claims the document has in the store after the run
    file_name: str = ""

    @property
    def note(self) -> str:
        """One line for a copy: the text is already in the store under another name."""
        if self.status != "copy":
            return ""
        return message("already_stored", path=self.file_name, doc_id=self.doc_id)


@dataclass(frozen=True)
class Step:
    """What one incoming document does to the store."""

    item: Incoming
    status: str  # as Outcome.status
    doc_id: str  # its id in the store after the batch
    digest: str  # content_hash of the incoming document

    @property
    def extracts(self) -> bool:
        return self.status in ("added", "replaced")


def content_hash(doc: Document) -> str:
    """Changes when the text or any given metadata changes (an edited NAME.meta.toml counts)."""
    return hashlib.sha256(f"{doc.text}\x00{_given(doc)}".encode()).hexdigest()


def _given(doc: Document) -> str:
    return json.dumps({k: getattr(doc.meta, k) for k in _META_FIELDS}, sort_keys=True)


def _gives_metadata(doc: Document) -> bool:
    return any(getattr(doc.meta, k) for k in _META_FIELDS)


def plan(
    stored: Sequence[StoredDocument],
    incoming: Sequence[Incoming],
    is_gone: Callable[[str], bool],
) -> list[Step]:
    """One Step per incoming document (their texts distinct), from the store's index alone.

    `is_gone(file_name)` says whether a stored document's original is no longer there."""
    by_text = {d.text_hash: d for d in stored}
    by_place = {d.file_name: d for d in stored}
    taken = {d.doc_id for d in stored}
    steps = []
    for item in incoming:
        identity, digest = text_identity(item.doc.text), content_hash(item.doc)
        known = by_text.get(identity)
        if known is not None:
            same_place = known.file_name == item.file_name
            if not same_place and not is_gone(known.file_name):
                status = "copy"
            elif known.content_hash == digest or not _gives_metadata(item.doc):
                status = "unchanged" if same_place else "renamed"
            else:
                status = "replaced"  # the same text with new metadata given beside it
            steps.append(Step(item, status, known.doc_id, digest))
            continue
        changed_file = by_place.get(item.file_name)
        if changed_file is not None:
            steps.append(Step(item, "replaced", changed_file.doc_id, digest))
            continue
        doc_id = item.doc.doc_id
        if doc_id in taken:
            doc_id = distinct_doc_id(doc_id, identity)
        taken.add(doc_id)
        steps.append(Step(item, "added", doc_id, digest))
    return steps


def extract_each(extract: Extract) -> ExtractMany:
    return lambda docs: [extract(doc) for doc in docs]


def add_documents(
    db: Path,
    incoming: Sequence[Incoming],
    *,
    extract_many: ExtractMany | None = None,
    is_gone: Callable[[str], bool] = lambda file_name: False,
    batch_size: int = BATCH_DOCUMENTS,
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
) -> list[Outcome]:
    """Add documents batch by batch: extracted without the lock, each batch one transaction."""
    extract_many = extract_many or extract_each(extract_document)
    outcomes: list[Outcome] = []
    for start in range(0, len(incoming), batch_size):
        batch = incoming[start : start + batch_size]
        steps = plan(read_index(db, wait_seconds), batch, is_gone)
        claims = _extracted(steps, {}, extract_many)
        with open_store(db, wait_seconds=wait_seconds) as con:
            outcomes += _write_batch(con, batch, steps, claims, extract_many, is_gone)
    return outcomes


def _extracted(
    steps: Sequence[Step], known: dict[str, list[dict]], extract_many: ExtractMany
) -> dict[str, list[dict]]:
    """Claim rows per content hash for every step that extracts (reusing `known` ones)."""
    todo = [s for s in steps if s.extracts and s.digest not in known]
    rows = extract_many([replace(s.item.doc, doc_id=s.doc_id) for s in todo]) if todo else []
    return known | {s.digest: r for s, r in zip(todo, rows, strict=True) if r is not None}


def _write_batch(
    con: duckdb.DuckDBPyConnection,
    batch: Sequence[Incoming],
    steps: list[Step],
    claims: dict[str, list[dict]],
    extract_many: ExtractMany,
    is_gone: Callable[[str], bool],
) -> list[Outcome]:
    with transaction(con):
        replanned = plan(stored_documents(con), batch, is_gone)
        if replanned != steps:  # another process wrote between the plan and the lock
            steps, claims = replanned, _extracted(replanned, claims, extract_many)
        steps = [s for s in steps if not s.extracts or s.digest in claims]  # failed: not stored
        written = [s for s in steps if s.extracts]
        changed = {s.doc_id for s in written}
        before = document_inputs(con, changed)
        _delete(con, changed)
        _insert(con, written, claims)
        _record_new_names(con, [s for s in steps if s.status == "renamed"])
        if changed:
            refresh_facts(con, changed, before)
    counts = _claim_counts(con, [s.doc_id for s in steps])
    return [Outcome(s.doc_id, s.status, counts.get(s.doc_id, 0), s.item.file_name) for s in steps]


def _delete(
    con: duckdb.DuckDBPyConnection, doc_ids: set[str], tables=("claims", "documents")
) -> None:
    ids = pd.DataFrame({"doc_id": pd.Series(sorted(doc_ids), dtype="string")})
    with registered(con, "gone_ids", ids):
        for table in tables:
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM gone_ids)")


def _insert(
    con: duckdb.DuckDBPyConnection, steps: Sequence[Step], claims: dict[str, list[dict]]
) -> None:
    if not steps:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    rows_by_doc = [[{**row, "doc_id": s.doc_id} for row in claims[s.digest]] for s in steps]
    rows = [row for doc_rows in rows_by_doc for row in doc_rows]
    new_claims = conform(pd.DataFrame(rows)) if rows else empty_claims()
    new_documents = pd.DataFrame(
        [document_row(s, doc_rows, now) for s, doc_rows in zip(steps, rows_by_doc, strict=True)]
    ).astype(DOCUMENT_COLUMNS)
    with registered(con, "new_documents", new_documents), registered(con, "new_claims", new_claims):
        con.execute("INSERT INTO documents BY NAME SELECT * FROM new_documents")
        con.execute("INSERT INTO claims BY NAME SELECT * FROM new_claims")


def _record_new_names(con: duckdb.DuckDBPyConnection, steps: Sequence[Step]) -> None:
    for step in steps:
        query = "UPDATE documents SET file_name = ? WHERE doc_id = ?"
        con.execute(query, [step.item.file_name, step.doc_id])


def document_row(step: Step, rows: list[dict], added_at: datetime) -> dict:
    """Given metadata first; what it leaves open comes from the document's own claims."""
    doc = step.item.doc
    meta = doc.meta

    def given_or_claimed(field: str) -> str:
        value = getattr(meta, field)
        if value:
            return value
        claimed = Counter(row[field] for row in rows if row.get(field))
        # the most frequent value; of equally frequent ones the first in sort order
        return min(claimed, key=lambda v: (-claimed[v], v)) if claimed else ""

    return {
        "doc_id": step.doc_id,
        "content_hash": step.digest,
        "file_name": step.item.file_name,
        "lang": given_or_claimed("lang"),
        "body": given_or_claimed("body"),
        "title": meta.title or "",
        "published": given_or_claimed("published"),
        "source_url": given_or_claimed("source_url"),
        "source_lang": meta.source_lang or "",
        "text": doc.text,
        "added_at": added_at,
        "text_hash": text_identity(doc.text),
    }


def _claim_counts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, int]:
    if not doc_ids:
        return {}
    asked = pd.DataFrame({"doc_id": pd.Series(doc_ids, dtype="string")})
    with registered(con, "asked_ids", asked):
        rows = con.execute(
            "SELECT doc_id, count(*) FROM claims "
            "WHERE doc_id IN (SELECT doc_id FROM asked_ids) GROUP BY doc_id"
        ).fetchall()
    return dict(rows)


def remove_documents(
    db: Path, doc_ids: Sequence[str], wait_seconds: float = DEFAULT_WAIT_SECONDS
) -> list[str]:
    """Remove the documents (and their claims) in one transaction, facts recomputed;
    return the doc_ids that are not in the store (nothing is removed for them)."""
    with open_store(db, wait_seconds=wait_seconds) as con:
        stored = {d.doc_id for d in stored_documents(con)}
        found = {doc_id for doc_id in doc_ids if doc_id in stored}
        if found:
            with transaction(con):
                before = document_inputs(con, found)
                _delete(con, found, ("claims", "documents", "doc_aliases"))
                refresh_facts(con, found, before)
    return [doc_id for doc_id in doc_ids if doc_id not in found]
