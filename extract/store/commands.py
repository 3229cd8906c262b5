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
from extract.readers.content import READABLE_SUFFIXES, is_url, kind_of_name, read_content, read_file
from extract.readers.manifest import load_metadata
from extract.readers.read import collect_paths
from extract.readers.web import FROM_HELP, fetch_documents, read_url_list, web_document
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
    text, inferred, note = read_content(raw, name, declared)
    return Document(doc_id=Path(name).name, text=text, meta=given.merged_over(inferred), note=note)


def read_incoming(path: Path, given: DocMeta) -> Incoming:
    return Incoming(read_file(path, given), str(path))


def load_sources(
    sources: Sequence[str], url_list: str | None = None
) -> tuple[list[Incoming], list[str]]:
    """load_incoming for the paths among `sources`; its URLs, and those listed in the file
    `url_list`, fetched (readers/web.py). One line per problem; the others go on."""
    urls = [source for source in sources if is_url(source)]
    errors: list[str] = []
    if url_list:
        listed, list_errors = read_url_list(url_list)
        urls.extend(listed)
        errors.extend(list_errors)
    incoming, path_errors = load_incoming([source for source in sources if not is_url(source)])
    fetched, fetch_errors = fetch_documents(urls)
    taken = {item.doc.doc_id: item.file_name for item in incoming}
    for doc, final_url in fetched:
        if doc.doc_id in taken:  # two URLs redirected to one page
            fetch_errors.append(
                message("duplicate_doc_id", path=final_url, other=taken[doc.doc_id])
            )
            continue
        taken[doc.doc_id] = final_url
        incoming.append(Incoming(doc, final_url))
    return incoming, errors + path_errors + fetch_errors


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
    doc_id: str = ""  # the document it is in the store, when it is


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
    return _add_read(db, [name for name, _ in uploads], read, wait_seconds)


def add_urls(
    db: Path, urls: Sequence[str], wait_seconds: float = DEFAULT_WAIT_SECONDS
) -> list[UploadResult]:
    """Fetch each URL (readers/web.py) and add what could be read, as add_uploads does."""
    read: list[Incoming | str] = []
    for url in urls:
        try:
            doc, final_url = web_document(url)
        except InputError as exc:
            read.append(str(exc))
            continue
        read.append(Incoming(doc, final_url))
    return _add_read(db, list(urls), read, wait_seconds)


def _add_read(
    db: Path, names: Sequence[str], read: list[Incoming | str], wait_seconds: float
) -> list[UploadResult]:
    """Add the documents read (one per name, or why it is refused) in one transaction."""
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
        else UploadResult(
            name,
            outcomes[item.doc.doc_id].status,
            outcomes[item.doc.doc_id].claims,
            doc_id=item.doc.doc_id,
        )
        for name, item in zip(names, read, strict=True)
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
        description=(
            "Add .txt, .html and .pdf documents, and pages fetched from http(s) URLs, to the "
            "claimboard store (one transaction)."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH_OR_URL", help=".txt/.html/.pdf files, folders, URLs"
    )
    parser.add_argument("--from", dest="url_list", metavar="FILE", help=FROM_HELP)
    parser.add_argument("--db", metavar="FILE", help=DB_HELP)
    parser.add_argument("--wait", type=float, default=DEFAULT_WAIT_SECONDS, help=WAIT_HELP)
    args = parser.parse_args(list(argv))
    if not args.paths and not args.url_list:
        parser.error("name at least one PATH or URL, or --from FILE")
    db = resolve_db_path(args.db)
    incoming, errors = load_sources(args.paths, args.url_list)
    for line in errors:
        _error(line)
    for item in incoming:  # the same note lines as python -m extract prints
        if item.doc.note:
            print(f"note: {item.file_name}: {item.doc.note}", file=sys.stderr)
    if not incoming:
        named = [*args.paths, *([args.url_list] if args.url_list else [])]
        _error(message("nothing_read", paths=", ".join(named)))
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
