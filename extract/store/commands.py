"""python -m extract add / export: the store's commands, and reading what is added.

`add PATH ...` reads .txt and .html documents (folders: their .txt and .html files), each
with the metadata given beside it, and adds them to the store in one transaction. Bad files
are reported one line each and skipped; the others are added.
`export DIR` writes the store's claims as Parquet partitioned by year.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.document import DocMeta, Document
from extract.errors import EXIT_CANNOT_WRITE, EXIT_NOTHING_READ, EXIT_OK, InputError, message
from extract.readers.content import READABLE_SUFFIXES, kind_of_name, read_bytes, read_file
from extract.readers.manifest import load_metadata
from extract.readers.read import collect_paths
from extract.store.database import (
    DB_ENV,
    DEFAULT_DB,
    DEFAULT_WAIT_SECONDS,
    Incoming,
    Outcome,
    StoreError,
    add_documents,
    export_claims,
    open_store,
    resolve_db_path,
)

ADDED_SUFFIXES = READABLE_SUFFIXES
# Uploads from the browser: a saved ministry page or report is well under this.
UPLOAD_LIMIT_BYTES = 5_000_000

DB_HELP = f"the store (default: ${DB_ENV}, else {DEFAULT_DB})"
WAIT_HELP = (
    "seconds to wait while another claimboard process is writing the store "
    f"(default: {DEFAULT_WAIT_SECONDS:g})"
)


def document_from_bytes(name: str, raw: bytes, given: DocMeta) -> Document:
    """A document from its bytes (an uploaded file); given metadata wins over the page's."""
    declared = kind_of_name(name)
    if declared is None:
        raise InputError(message("not_added", path=name))
    text, inferred, note = read_bytes(raw, name, declared)
    return Document(doc_id=Path(name).name, text=text, meta=given.merged_over(inferred), note=note)


def read_incoming(path: Path, given: DocMeta) -> Incoming:
    return Incoming(read_file(path, given), str(path))


def load_incoming(paths: Iterable[str | Path]) -> tuple[list[Incoming], list[str]]:
    """Every readable document the paths name, with its metadata, and one line per problem."""
    files, errors = collect_paths(paths, ADDED_SUFFIXES, wrong_type="not_added")
    metas, meta_errors = load_metadata(files)
    errors.extend(meta_errors)
    incoming: dict[str, Incoming] = {}
    for path in files:
        if path.name in incoming:  # doc_id is the file name: two of them would mix claims
            errors.append(
                message("duplicate_doc_id", path=path, other=incoming[path.name].file_name)
            )
            continue
        try:
            incoming[path.name] = read_incoming(path, metas[path])
        except InputError as exc:
            errors.append(str(exc))
    return list(incoming.values()), errors


@dataclass(frozen=True)
class UploadResult:
    name: str
    status: str  # added | replaced | unchanged | refused
    claims: int
    error: str = ""  # one line naming the file, when refused


def add_uploads(
    db: Path,
    uploads: Sequence[tuple[str, bytes]],
    limit_bytes: int = UPLOAD_LIMIT_BYTES,
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
) -> list[UploadResult]:
    """Add uploaded (name, bytes) files in one transaction; a refused file changes nothing."""
    read: list[Incoming | str] = []  # per upload: the document, or why it is refused
    for name, raw in uploads:
        try:
            read.append(Incoming(_uploaded_document(name, raw, limit_bytes, read), name))
        except InputError as exc:
            read.append(str(exc))
    incoming = [item for item in read if isinstance(item, Incoming)]
    outcomes: dict[str, Outcome] = {}
    if incoming:
        try:
            with open_store(db, wait_seconds=wait_seconds) as con:
                outcomes = {o.doc_id: o for o in add_documents(con, incoming)}
        except StoreError as exc:
            read = [str(exc) if isinstance(item, Incoming) else item for item in read]
    return [
        UploadResult(name, "refused", 0, item)
        if isinstance(item, str)
        else UploadResult(name, outcomes[item.doc.doc_id].status, outcomes[item.doc.doc_id].claims)
        for (name, _), item in zip(uploads, read, strict=True)
    ]


def _uploaded_document(
    name: str, raw: bytes, limit_bytes: int, earlier: list[Incoming | str]
) -> Document:
    if len(raw) > limit_bytes:
        size_mb, limit_mb = len(raw) / 1e6, limit_bytes / 1e6
        raise InputError(message("too_large", path=name, size_mb=size_mb, limit_mb=limit_mb))
    doc = document_from_bytes(name, raw, DocMeta())
    if any(isinstance(i, Incoming) and i.doc.doc_id == doc.doc_id for i in earlier):
        raise InputError(message("duplicate_doc_id", path=name, other=doc.doc_id))
    return doc


def add_summary(outcomes: Sequence[Outcome], db: Path) -> str:
    counts = {status: 0 for status in ("added", "replaced", "unchanged")}
    for outcome in outcomes:
        counts[outcome.status] += 1
    claims = sum(outcome.claims for outcome in outcomes)
    done = ", ".join(f"{count} {status}" for status, count in counts.items())
    return f"{len(outcomes)} documents ({done}), {claims} claims -> {db}"


def add_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m extract add",
        description="Add .txt and .html documents to the claimboard store (one transaction).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html files or folders")
    parser.add_argument("--db", metavar="FILE", help=DB_HELP)
    parser.add_argument("--wait", type=float, default=DEFAULT_WAIT_SECONDS, help=WAIT_HELP)
    args = parser.parse_args(list(argv))
    db = resolve_db_path(args.db)
    incoming, errors = load_incoming(args.paths)
    for line in errors:
        _error(line)
    for item in incoming:  # the same note lines as python -m extract prints
        if item.doc.note:
            print(f"note: {item.file_name}: {item.doc.note}", file=sys.stderr)
    if not incoming:
        _error(message("nothing_read", paths=", ".join(args.paths)))
        return EXIT_NOTHING_READ
    try:
        with open_store(db, wait_seconds=args.wait) as con:
            outcomes = add_documents(con, incoming)
    except StoreError as exc:
        _error(str(exc))
        return EXIT_CANNOT_WRITE
    print(add_summary(outcomes, db))
    return EXIT_OK


def export_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m extract export",
        description=(
            "Write the store's claims to DIR as Parquet partitioned by year (DIR/year=2024/...;"
            " year=0 holds claims of unknown year), readable by DuckDB, pandas or Spark."
        ),
    )
    parser.add_argument("dir", metavar="DIR", help="a new or empty folder")
    parser.add_argument("--db", metavar="FILE", help=DB_HELP)
    parser.add_argument("--wait", type=float, default=DEFAULT_WAIT_SECONDS, help=WAIT_HELP)
    args = parser.parse_args(list(argv))
    db, out_dir = resolve_db_path(args.db), Path(args.dir)
    if not db.exists():
        return _fail(message("no_store", db=db), EXIT_NOTHING_READ)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        return _fail(message("export_not_empty", path=out_dir), EXIT_CANNOT_WRITE)
    try:
        written = export_claims(db, out_dir, wait_seconds=args.wait)
    except StoreError as exc:
        return _fail(str(exc), EXIT_CANNOT_WRITE)
    if not written:
        return _fail(message("store_empty", db=db), EXIT_NOTHING_READ)
    print(f"{written} claims -> {out_dir} (Parquet, partitioned by year)")
    return EXIT_OK


def _error(line: str) -> None:
    print(f"error: {line}", file=sys.stderr)


def _fail(line: str, code: int) -> int:
    _error(line)
    return code
