"""The same extraction on a Dask cluster: python -m extract PATH ... --out DIR --scheduler ADDRESS.

The client lists the documents (names, sizes, metadata given beside them) and sends tasks of
paths, never texts: each worker reads its documents (a local path its machine sees, or an
fsspec URL), extracts them, checks the rows and writes them as Parquet partitioned by year
into a staging folder under DIR; the client only counts what each task reports. When every
task is done the staged files move into place (DIR/year=YYYY/part-NNNNNN.parquet, year=0 for
an unknown year, the store's `export` layout); a failed or interrupted run removes them.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import fsspec
import pandas as pd

from extract.document import DocMeta, Document
from extract.errors import InputError, OutputError, message
from extract.job import Progress, SanityChecks, SanityError, no_progress
from extract.parallel import Failed, extract_safely
from extract.pipeline.claims import extract_document
from extract.readers.manifest import load_metadata
from extract.readers.read import DOCUMENT_SUFFIX, collect_paths, decode_text, read_document
from extract.write import write_year_partitions

LOCAL_PREFIX = "local:"  # local:N starts a LocalCluster of N worker processes here
TASK_BYTES = 4_000_000  # documents per task: about a second of one worker's time
TASK_DOCUMENTS = 2_000  # ... and never more documents than this in one task
TASKS_IN_FLIGHT_PER_WORKER = 2  # one running, one queued: no worker waits for the client
STAGING_PREFIX = "_staging-"  # Spark, pyarrow and DuckDB's year=*/ globs all pass over it


@dataclass(frozen=True)
class Source:
    """One document to read, as the workers will: a local path or an fsspec URL."""

    location: str
    name: str  # the doc_id
    size: int
    meta: DocMeta = field(default_factory=DocMeta)


@dataclass(frozen=True)
class TaskReport:
    """What a task sends back: counts and one-line problems, never claims."""

    documents: int
    claims: int
    problems: tuple[str, ...]  # unreadable documents and extractor failures, one line each
    failed: int
    sanity: str  # SanityError text, empty when the rows are consistent


@dataclass(frozen=True)
class ClusterSummary:
    documents: int
    claims: int
    skipped: int
    failed: int
    seconds: float
    out: str


def list_sources(paths: Iterable[str]) -> tuple[list[Source], list[str]]:
    """Every document the paths name, in order, and one line per problem: local files and
    folders (with the metadata files beside them), and fsspec URLs (text only)."""
    sources: list[Source] = []
    errors: list[str] = []
    local = [p for p in paths if "://" not in str(p)]
    files, local_errors = collect_paths(local)
    errors += local_errors
    metas, meta_errors = load_metadata(files)
    errors += meta_errors
    sources += [Source(str(p), p.name, p.stat().st_size, metas[p]) for p in files]
    for url in (p for p in paths if "://" in str(p)):
        found, problem = _url_sources(str(url))
        sources += found
        errors += [problem] if problem else []
    return _unique_names(sources, errors), errors


def _url_sources(url: str) -> tuple[list[Source], str | None]:
    try:
        fs, root = fsspec.core.url_to_fs(url)
        if fs.isdir(root):
            entries = [e for e in fs.ls(root, detail=True) if e["type"] == "file"]
            entries = [e for e in entries if e["name"].lower().endswith(DOCUMENT_SUFFIX)]
            if not entries:
                return [], message("no_documents", path=url, expected=DOCUMENT_SUFFIX)
        elif fs.exists(root):
            entries = [fs.info(root)]
        else:
            return [], message("not_found", path=url)
    except (ImportError, ValueError, OSError) as exc:  # no fsspec package for the protocol
        return [], message("no_filesystem", url=url, reason=str(exc).splitlines()[0])
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return [
        Source(
            fs.unstrip_protocol(e["name"]) if protocol != "file" else f"file://{e['name']}",
            PurePosixPath(e["name"]).name,
            int(e["size"]),
        )
        for e in sorted(entries, key=lambda e: e["name"])
    ], None


def _unique_names(sources: list[Source], errors: list[str]) -> list[Source]:
    first: dict[str, Source] = {}
    for source in sources:
        if source.name in first:  # doc_id is the file name: two of them would mix claims
            other = first[source.name].location
            errors.append(message("duplicate_doc_id", path=source.location, other=other))
        else:
            first[source.name] = source
    return list(first.values())


def tasks(sources: Sequence[Source]) -> Iterator[list[Source]]:
    """Consecutive sources batched into tasks of about TASK_BYTES."""
    task: list[Source] = []
    size = 0
    for source in sources:
        task.append(source)
        size += source.size
        if size >= TASK_BYTES or len(task) >= TASK_DOCUMENTS:
            yield task
            task, size = [], 0
    if task:
        yield task


def read_source(source: Source) -> Document:
    """The document at a local path or an fsspec URL; InputError when it is not text."""
    if "://" not in source.location:
        return read_document(Path(source.location), source.meta)
    try:
        with fsspec.open(source.location, "rb") as file:
            raw = file.read()
    except OSError as exc:
        raise InputError(message("unreadable", path=source.location, reason=exc)) from None
    text, note = decode_text(raw, source.location)
    return Document(doc_id=source.name, text=text, meta=source.meta, note=note)


def extract_task(sources: list[Source], staging: str, part: str) -> TaskReport:
    """On a worker: read, extract, check and write one task's documents."""
    problems: list[str] = []
    rows: list[dict] = []
    failed = 0
    checks = SanityChecks()
    for source in sources:
        try:
            doc = read_source(source)
        except InputError as exc:
            problems.append(str(exc))
            continue
        result = extract_safely(extract_document, doc)
        if isinstance(result, Failed):
            problems.append(result.error)
            failed += 1
            continue
        checks.check(result, {doc.doc_id: doc.text})
        rows += result
    try:
        checks.raise_problems()
    except SanityError as exc:  # nothing of this task is written
        return TaskReport(0, 0, tuple(problems), failed, str(exc))
    if rows:
        write_year_partitions(pd.DataFrame.from_records(rows), staging, part)
    read = len(sources) - len(problems) + failed
    return TaskReport(read - failed, len(rows), tuple(problems), failed, "")


@contextlib.contextmanager
def connect(scheduler: str) -> Iterator[object]:
    """A dask.distributed Client for `tcp://host:port` (or any address Dask takes), or for a
    LocalCluster of N single-threaded worker processes for `local:N`."""
    from dask.distributed import Client, LocalCluster

    if scheduler.startswith(LOCAL_PREFIX):
        workers = int(scheduler[len(LOCAL_PREFIX) :])
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",  # any free port, this machine only
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
    else:
        with Client(scheduler, timeout="30s") as client:
            yield client


def run_on_cluster(
    paths: Sequence[str],
    out: str,
    scheduler: str,
    on_problem: Callable[[str], None] = lambda line: None,
    progress: Progress = no_progress,
) -> ClusterSummary:
    """Extract every document under `paths` on the cluster into the folder `out`."""
    started = time.perf_counter()
    sources, errors = list_sources(paths)
    for line in errors:
        on_problem(line)
    skipped = len(errors)
    if not sources:
        return ClusterSummary(0, 0, skipped, 0, time.perf_counter() - started, out)
    fs, root = _empty_output(out)
    staging = f"{root.rstrip('/')}/{STAGING_PREFIX}{uuid.uuid4().hex}"
    documents = claims = failed = 0
    try:
        with progress(len(sources)) as advance, connect(scheduler) as client:
            for report in _reports(client, sources, fs.unstrip_protocol(staging)):
                for line in report.problems:
                    on_problem(line)
                if report.sanity:
                    raise OutputError(message("inconsistent_rows", path=out, reason=report.sanity))
                documents += report.documents
                claims += report.claims
                failed += report.failed
                skipped += len(report.problems) - report.failed
                advance(len(report.problems) + report.documents)
        _publish(fs, staging, root)
    finally:
        if fs.exists(staging):
            fs.rm(staging, recursive=True)
    return ClusterSummary(documents, claims, skipped, failed, time.perf_counter() - started, out)


def _reports(client, sources: Sequence[Source], staging: str) -> Iterator[TaskReport]:
    """Each task's report as it completes; at most a few tasks per worker are submitted at
    a time, so neither the scheduler nor the client holds the whole job."""
    from dask.distributed import as_completed

    window = max(1, len(client.scheduler_info()["workers"])) * TASKS_IN_FLIGHT_PER_WORKER
    pending = enumerate(tasks(sources))

    def submit(number: int, task: list[Source]):
        return client.submit(extract_task, task, staging, f"part-{number:06}", pure=False)

    running = as_completed([submit(n, t) for n, t in _take(pending, window)])
    for future in running:
        report = future.result()
        future.release()
        for number, task in _take(pending, 1):
            running.add(submit(number, task))
        yield report


def _take(items: Iterator, count: int) -> list:
    return [item for _, item in zip(range(count), items, strict=False)]


def _empty_output(out: str):
    """(filesystem, path) of the output folder; OutputError unless it is new or empty."""
    try:
        fs, root = fsspec.core.url_to_fs(out)
        if fs.exists(root) and (not fs.isdir(root) or fs.ls(root)):
            raise OutputError(message("output_not_empty", path=out))
        fs.makedirs(root, exist_ok=True)
    except (ImportError, ValueError) as exc:
        raise OutputError(message("no_filesystem", url=out, reason=exc)) from None
    return fs, root


def _publish(fs, staging: str, root: str) -> None:
    """Move the staged year=YYYY/ files into the output folder."""
    for path in sorted(fs.find(staging)):
        relative = path[len(staging) :].lstrip("/")
        fs.makedirs(f"{root}/{PurePosixPath(relative).parent}", exist_ok=True)
        fs.mv(path, f"{root}/{relative}")
