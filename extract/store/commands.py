"""python -m extract add / list / remove / export: the store's commands, and reading what is added.

`add PATH|URL ...` reads .txt, .html and .pdf documents (folders: their files of those kinds),
each
with the metadata given beside it, and adds them to the store (changes.py: extracted without
holding the store, each batch one short transaction). Bad files are reported one line each
and skipped; the others are added. `list` shows the documents, `remove DOC_ID ...` removes
some in one transaction, `export DIR` writes the claims as Parquet partitioned by year.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.document import DocMeta, Document, RunIdentities
from extract.errors import (
    EXIT_CANNOT_WRITE,
    EXIT_NOTHING_READ,
    EXIT_OK,
    InputError,
    OutputError,
    message,
)
from extract.parallel import add_jobs_option, extract_batch
from extract.pipeline.bodies import unknown_bodies
from extract.readers.content import READABLE_SUFFIXES, is_url, kind_of_name, read_content, read_file
from extract.readers.manifest import load_metadata
from extract.readers.read import collect_paths
from extract.readers.web import (
    FROM_HELP,
    PUBLIC_ONLY_HELP,
    fetch_documents,
    read_url_list,
    web_document,
)
from extract.store.changes import Incoming, Outcome, add_documents, remove_documents
from extract.store.database import (
    DB_ENV,
    DEFAULT_DB,
    DEFAULT_WAIT_SECONDS,
    LISTED_COLUMNS,
    StoreError,
    export_claims,
    list_documents,
    resolve_db_path,
)

ADDED_SUFFIXES = READABLE_SUFFIXES

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
    """The document at `path`, recorded under its absolute path (how a changed file at the
    same place is recognised)."""
    return Incoming(read_file(path, given), str(path.absolute()))


@dataclass(frozen=True)
class Loaded:
    incoming: list[Incoming]
    errors: list[str]  # one line per file that could not be read
    notes: list[str]  # one line per file read with a remark (its encoding, a copy)


def load_sources(
    sources: Sequence[str], url_list: str | None = None, public_only: bool = False
) -> Loaded:
    """load_incoming for the paths among `sources`; its URLs, and those listed in the file
    `url_list`, fetched (readers/web.py) and told apart from the files by their text too.
    One line per problem; the others go on."""
    urls = [source for source in sources if is_url(source)]
    errors: list[str] = []
    if url_list:
        listed, list_errors = read_url_list(url_list)
        urls.extend(listed)
        errors.extend(list_errors)
    identities = RunIdentities()
    loaded = load_incoming([source for source in sources if not is_url(source)], identities)
    fetched, fetch_errors = fetch_documents(urls, public_only)
    incoming, notes = list(loaded.incoming), list(loaded.notes)
    for doc, final_url in fetched:
        admitted = identities.admit(doc, final_url)
        if isinstance(admitted, str):  # two URLs with one text (a redirect, a mirror)
            notes.append(message("same_text", path=final_url, other=admitted))
            continue
        incoming.append(Incoming(admitted, final_url))
        if admitted.note:
            notes.append(f"{final_url}: {admitted.note}")
    return Loaded(incoming, errors + loaded.errors + fetch_errors, notes)


def load_incoming(paths: Iterable[str | Path], identities: RunIdentities | None = None) -> Loaded:
    """Every readable document the paths name, with its metadata, and one line per problem;
    a second copy of a text in the run is named in a note and read once."""
    files, errors = collect_paths(paths, ADDED_SUFFIXES, wrong_type="not_added")
    metas, meta_errors = load_metadata(files)
    errors.extend(meta_errors)
    identities = identities or RunIdentities()
    incoming, notes, given_bodies = [], [], []
    for path in files:
        try:
            item = read_incoming(path, metas[path])
        except InputError as exc:
            errors.append(str(exc))
            continue
        doc = identities.admit(item.doc, str(path))
        if isinstance(doc, str):
            notes.append(message("same_text", path=path, other=doc))
            continue
        incoming.append(Incoming(doc, item.file_name))
        given_bodies.append((path, doc.meta.body))
        if doc.note:
            notes.append(f"{path}: {doc.note}")
    # as the flat command does (job.load): one line per metadata body the lexicon does not know
    notes += [message("unknown_body", path=p, body=b) for p, b in unknown_bodies(given_bodies)]
    return Loaded(incoming, errors, notes)


@dataclass(frozen=True)
class UploadResult:
    name: str
    status: str  # added | replaced | renamed | unchanged | copy | refused
    claims: int
    error: str = ""  # one line naming the file, when refused (or where its copy is)
    doc_id: str = ""  # the document it is in the store, when it is


def add_uploads(
    db: Path,
    uploads: Sequence[tuple[str, bytes]],
    limit_bytes: int,
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
) -> list[UploadResult]:
    """Add uploaded (name, bytes) files to the store; a refused file changes nothing."""
    identities = RunIdentities()
    read: list[Incoming | str] = []  # per upload: the document, or why it is refused
    for name, raw in uploads:
        try:
            doc = identities.admit(_uploaded_document(name, raw, limit_bytes), name)
        except InputError as exc:
            read.append(str(exc))
            continue
        is_copy = isinstance(doc, str)
        read.append(message("same_text", path=name, other=doc) if is_copy else Incoming(doc, name))
    return _add_read(db, [name for name, _ in uploads], read, wait_seconds)


def add_urls(
    db: Path,
    urls: Sequence[str],
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
    public_only: bool = False,
) -> list[UploadResult]:
    """Fetch each URL (readers/web.py) and add what could be read, as add_uploads does;
    `public_only` refuses hosts at private addresses (a dashboard's viewers name the URLs)."""
    identities = RunIdentities()
    read: list[Incoming | str] = []
    for url in urls:
        try:
            doc, final_url = web_document(url, public_only)
        except InputError as exc:
            read.append(str(exc))
            continue
        admitted = identities.admit(doc, final_url)
        is_copy = isinstance(admitted, str)
        read.append(
            message("same_text", path=url, other=admitted)
            if is_copy
            else Incoming(admitted, final_url)
        )
    return _add_read(db, list(urls), read, wait_seconds)


def _add_read(
    db: Path, names: Sequence[str], read: list[Incoming | str], wait_seconds: float
) -> list[UploadResult]:
    """Add the documents read (one per name, or why it is refused) to the store."""
    incoming = [item for item in read if isinstance(item, Incoming)]
    outcomes: dict[str, Outcome] = {}
    if incoming:
        try:
            added = add_documents(db, incoming, wait_seconds=wait_seconds)
            outcomes = {o.file_name: o for o in added}
        except StoreError as exc:
            read = [str(exc) if isinstance(item, Incoming) else item for item in read]
    return [_upload_result(name, item, outcomes) for name, item in zip(names, read, strict=True)]


def _upload_result(name: str, item: Incoming | str, outcomes: dict[str, Outcome]) -> UploadResult:
    if isinstance(item, str):
        return UploadResult(name, "refused", 0, item)
    outcome = outcomes[item.file_name]
    return UploadResult(name, outcome.status, outcome.claims, outcome.note, outcome.doc_id)


def _uploaded_document(name: str, raw: bytes, limit_bytes: int) -> Document:
    if len(raw) > limit_bytes:
        size_mb, limit_mb = len(raw) / 1e6, limit_bytes / 1e6
        raise InputError(message("too_large", path=name, size_mb=size_mb, limit_mb=limit_mb))
    return document_from_bytes(name, raw, DocMeta())


ADD_STATUSES = ("added", "replaced", "renamed", "unchanged", "copy")


def add_summary(outcomes: Sequence[Outcome], db: Path) -> str:
    counts = {status: 0 for status in ADD_STATUSES}
    for outcome in outcomes:
        counts[outcome.status] += 1
    claims = sum(outcome.claims for outcome in outcomes if outcome.status != "copy")
    labels = {"copy": "already stored"}
    shown = [s for s in ADD_STATUSES if counts[s] or s in ("added", "replaced", "unchanged")]
    done = ", ".join(f"{counts[s]} {labels.get(s, s)}" for s in shown)
    return f"{len(outcomes)} documents ({done}), {claims} claims -> {db}"


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m extract {prog}", description=description)
    return parser


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE", help=DB_HELP)
    parser.add_argument("--wait", type=float, default=DEFAULT_WAIT_SECONDS, help=WAIT_HELP)


def add_main(argv: Sequence[str]) -> int:
    parser = _parser(
        "add",
        "Add .txt, .html and .pdf documents, and pages fetched from http(s) URLs, to the "
        "claimboard store. Documents are extracted without holding the store; each batch is "
        "then written in one short transaction.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH_OR_URL", help=".txt/.html/.pdf files, folders, URLs"
    )
    parser.add_argument("--from", dest="url_list", metavar="FILE", help=FROM_HELP)
    parser.add_argument("--public-only", action="store_true", help=PUBLIC_ONLY_HELP)
    add_jobs_option(parser)
    _store_options(parser)
    args = parser.parse_args(list(argv))
    if not args.paths and not args.url_list:
        parser.error("name at least one PATH or URL, or --from FILE")
    db = resolve_db_path(args.db)
    loaded = load_sources(args.paths, args.url_list, args.public_only)
    for line in loaded.errors:
        _error(line)
    for line in loaded.notes:
        _note(line)
    if not loaded.incoming:
        named = [*args.paths, *([args.url_list] if args.url_list else [])]
        return _fail(message("nothing_read", paths=", ".join(named)), EXIT_NOTHING_READ)
    try:
        outcomes = add_documents(
            db,
            loaded.incoming,
            extract_many=functools.partial(extract_batch, jobs=args.jobs, on_failed=_error),
            # a page cannot be told gone without fetching it: its copies stay copies
            is_gone=lambda place: not is_url(place) and not os.path.lexists(place),
            wait_seconds=args.wait,
        )
    except StoreError as exc:
        return _fail(str(exc), EXIT_CANNOT_WRITE)
    for outcome in outcomes:
        if outcome.note:
            _note(outcome.note)
    print(add_summary(outcomes, db))
    return EXIT_OK


def list_main(argv: Sequence[str]) -> int:
    parser = _parser("list", "List the store's documents: id, language, date, claims, body.")
    _store_options(parser)
    args = parser.parse_args(list(argv))
    db = resolve_db_path(args.db)
    if not db.exists():
        return _fail(message("no_store", db=db), EXIT_NOTHING_READ)
    try:
        documents = list_documents(db, wait_seconds=args.wait)
    except StoreError as exc:
        return _fail(str(exc), EXIT_CANNOT_WRITE)
    widths = {c: max([len(c), *documents[c].astype(str).map(len)]) for c in LISTED_COLUMNS}
    for row in [{c: c for c in LISTED_COLUMNS}, *documents.to_dict("records")]:
        print("  ".join((str(row[c]) or "-").ljust(widths[c]) for c in LISTED_COLUMNS).rstrip())
    return EXIT_OK


def remove_main(argv: Sequence[str]) -> int:
    parser = _parser(
        "remove", "Remove documents and their claims from the store (one transaction)."
    )
    parser.add_argument("doc_ids", nargs="+", metavar="DOC_ID", help="ids as `list` shows them")
    _store_options(parser)
    args = parser.parse_args(list(argv))
    db = resolve_db_path(args.db)
    if not db.exists():
        return _fail(message("no_store", db=db), EXIT_NOTHING_READ)
    try:
        unknown = remove_documents(db, args.doc_ids, wait_seconds=args.wait)
    except StoreError as exc:
        return _fail(str(exc), EXIT_CANNOT_WRITE)
    for doc_id in unknown:
        _error(message("unknown_document", db=db, doc_id=doc_id))
    removed = len(set(args.doc_ids) - set(unknown))
    print(f"{removed} documents removed -> {db}")
    return EXIT_NOTHING_READ if unknown else EXIT_OK


def export_main(argv: Sequence[str]) -> int:
    parser = _parser(
        "export",
        "Write the store's claims to DIR as Parquet partitioned by year (DIR/year=2024/...;"
        " year=0 holds claims of unknown year), readable by DuckDB, pandas or Spark.",
    )
    parser.add_argument("dir", metavar="DIR", help="a new or empty folder")
    _store_options(parser)
    args = parser.parse_args(list(argv))
    db, out_dir = resolve_db_path(args.db), Path(args.dir)
    if not db.exists():
        return _fail(message("no_store", db=db), EXIT_NOTHING_READ)
    if out_dir.exists() and not out_dir.is_dir():
        return _fail(message("export_is_file", path=out_dir), EXIT_CANNOT_WRITE)
    if out_dir.is_dir() and any(out_dir.iterdir()):
        return _fail(message("export_not_empty", path=out_dir), EXIT_CANNOT_WRITE)
    try:
        written = export_claims(db, out_dir, wait_seconds=args.wait)
    except (StoreError, OutputError) as exc:
        return _fail(str(exc), EXIT_CANNOT_WRITE)
    if not written:
        return _fail(message("store_empty", db=db), EXIT_NOTHING_READ)
    print(f"{written} claims -> {out_dir} (Parquet, partitioned by year)")
    return EXIT_OK


def _note(line: str) -> None:
    print(f"note: {line}", file=sys.stderr)


def _error(line: str) -> None:
    print(f"error: {line}", file=sys.stderr)


def _fail(line: str, code: int) -> int:
    _error(line)
    return code
