"""The same extraction on a Dask cluster: python -m extract PATH ... --out DIR --scheduler ADDRESS.

The client lists the documents (names, sizes, metadata given beside them) and sends tasks of
paths, never texts, in two passes. First the workers read each document (a local path their
machine sees, or an fsspec URL; by its content, as the flat run reads: a PDF saved as .txt is
a PDF) and send back the hash of its text: the client admits the documents as a flat run does
(job.Admission: a copy of a text is one note line and is left out, a name two texts share is
made distinct), so every doc_id and claim_id is unique across tasks. Then the workers read
the admitted documents again, extract them, check the rows and write them as Parquet
partitioned by year into a staging folder under DIR; the client only counts what each task
reports. Reading twice costs little beside extracting (text decodes at hundreds of MB/s; a
PDF's text layer is parsed twice). When every task is done the staged files move into place
(DIR/year=YYYY/part-NNNNNN.parquet, year=0 for an unknown year, the store's `export`
layout); a failed or interrupted run removes them.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import fsspec
import pandas as pd

from extract.document import DocMeta, Document, text_identity
from extract.errors import InputError, OutputError, message
from extract.job import (
    Admission,
    Advance,
    Progress,
    Report,
    SanityChecks,
    SanityError,
    no_progress,
)
from extract.parallel import Failed, extract_safely
from extract.pipeline.claims import extract_document
from extract.readers.content import kind_of_name, read_content, read_file
from extract.readers.manifest import load_metadata
from extract.readers.read import DOCUMENT_SUFFIX, collect_paths
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
    name: str  # the file name, then (once admitted) the doc_id
    size: int
    meta: DocMeta = field(default_factory=DocMeta)
    identity: str = ""  # document.text_identity of its text, once admitted


@dataclass(frozen=True)
class Identified:
    """What the first pass learns of one source: its text's hash and how it was read, or
    the one-line problem that keeps it out."""

    identity: str = ""
    note: str | None = None
    body: str | None = None  # the body it gives (a manifest's, a page's)
    problem: str = ""


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
    return sources, errors


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
    """The document at a local path or an fsspec URL, read by its content (readers/content.py,
    as the flat run reads it), under the source's name; InputError when it cannot be read."""
    if "://" not in source.location:
        doc = read_file(Path(source.location), source.meta)
    else:
        declared = kind_of_name(source.name)
        if declared is None:
            raise InputError(message("not_added", path=source.location))
        try:
            with fsspec.open(source.location, "rb") as file:
                raw = file.read()
        except OSError as exc:
            raise InputError(message("unreadable", path=source.location, reason=exc)) from None
        text, inferred, note = read_content(raw, source.location, declared)
        doc = Document(source.name, text, source.meta.merged_over(inferred), note)
    return replace(doc, doc_id=source.name)


def identify_task(sources: list[Source]) -> list[Identified]:
    """On a worker, the first pass: each source's text hash (or why it cannot be read)."""
    identified = []
    for source in sources:
        try:
            doc = read_source(source)
        except InputError as exc:
            identified.append(Identified(problem=str(exc)))
            continue
        identified.append(Identified(text_identity(doc.text), doc.note, doc.meta.body))
    return identified


def extract_task(sources: list[Source], staging: str, part: str) -> TaskReport:
    """On a worker, the second pass: read, extract, check and write one task's documents."""
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
        if text_identity(doc.text) != source.identity:  # its id was given to the other text
            problems.append(message("changed_during_run", path=source.location))
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
    on_problem: Report = lambda line: None,
    progress: Progress = no_progress,
    on_note: Report = lambda line: None,
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
            admitted, unread = _admitted(client, sources, Admission(on_note), on_problem, advance)
            skipped += unread
            for report in _reports(client, admitted, fs.unstrip_protocol(staging)):
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


def _admitted(
    client, sources: Sequence[Source], admission: Admission, on_problem: Report, advance: Advance
) -> tuple[list[Source], int]:
    """The first pass: (the sources admitted, under their doc_ids and with their identities,
    in order; how many could not be read). Copies and unreadable sources are done here."""
    admitted: list[Source] = []
    unread = 0
    for task, identified in _in_order(client, identify_task, tasks(sources)):
        for source, found in zip(task, identified, strict=True):
            if found.problem:
                on_problem(found.problem)
                unread += 1
            else:
                where = source.location
                doc_id = admission.admit(source.name, found.identity, where, found.note, found.body)
                if doc_id is not None:
                    admitted.append(replace(source, name=doc_id, identity=found.identity))
                    continue
            advance(1)
    return admitted, unread


def _in_order(client, function, task_lists: Iterable[list[Source]]) -> Iterator[tuple]:
    """(task, its result) for each task, in order, at most a few tasks per worker at a time."""
    in_flight: deque = deque()
    window = _window(client)
    for task in task_lists:
        in_flight.append((task, client.submit(function, task, pure=False)))
        if len(in_flight) >= window:
            yield _done(*in_flight.popleft())
    while in_flight:
        yield _done(*in_flight.popleft())


def _done(task: list[Source], future) -> tuple:
    result = future.result()
    future.release()
    return task, result


def _window(client) -> int:
    return max(1, len(client.scheduler_info()["workers"])) * TASKS_IN_FLIGHT_PER_WORKER


def _reports(client, sources: Sequence[Source], staging: str) -> Iterator[TaskReport]:
    """Each task's report as it completes; at most a few tasks per worker are submitted at
    a time, so neither the scheduler nor the client holds the whole job."""
    from dask.distributed import as_completed

    window = _window(client)
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
