"""Documents extracted on every core: worker processes, results back in input order.

`extract_all(documents, jobs)` yields `(document, rows)` for each document in the order given,
or `(document, Failed)` when the extractor raised on it: one document's bug never stops the
run. Documents go to the workers in chunks (one round trip per chunk, not per document) and
at most a few chunks per worker are in flight, so memory stays bounded however many documents
the iterable yields. `jobs=1` runs in this process, with the same results.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import select
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import NoReturn

from extract.document import Document
from extract.errors import message

Extract = Callable[[Document], list[dict]]
WORKER_START = "extract.worker"  # imported by the forkserver: workers start warm

CHUNK_CHARS = 250_000  # a chunk's text: large enough that a round trip costs ~1 % of its work
CHUNK_DOCUMENTS = 64
EXIT_RUN_GONE = 1  # a worker whose run was killed ends with this code
CHUNKS_IN_FLIGHT_PER_JOB = 3  # one running, the next ones queued: no worker waits for input


@dataclass(frozen=True)
class Failed:
    """The extractor raised on a document (a bug): one line naming the document."""

    error: str


Result = list[dict] | Failed


def default_jobs() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    """--jobs N, shared by `python -m extract` and `python -m extract add`."""
    parser.add_argument(
        "--jobs",
        type=_positive_int,
        default=default_jobs(),
        metavar="N",
        help="worker processes extracting documents (default: the number of cores, here "
        f"{default_jobs()}); the result is the same for any N",
    )


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def extract_all(
    documents: Iterable[Document], jobs: int = 1, extract: Extract | None = None
) -> Iterator[tuple[Document, Result]]:
    """Each document with its claim rows (or Failed), in input order, on `jobs` processes.

    `extract` (default: the pipeline's extract_document) must be a module-level function
    (it is sent to the workers by name). Close the iterator when stopping early or on an
    exception (`contextlib.closing`): that stops and joins the worker processes there and
    then, not whenever it is garbage collected.
    """
    extract = extract or _pipeline()
    if jobs <= 1:
        for doc in documents:
            yield doc, extract_safely(extract, doc)
        return
    pool = ProcessPoolExecutor(
        jobs, mp_context=_context(), initializer=_worker_starts, initargs=(os.getpid(),)
    )
    in_flight: deque[tuple[list[Document], Future]] = deque()
    try:
        for chunk in _chunks(documents):
            with _stops_deferred():  # a worker process may be starting
                in_flight.append((chunk, pool.submit(_extract_chunk, extract, chunk)))
            if len(in_flight) >= jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                yield from _collected(*in_flight.popleft())
        while in_flight:
            yield from _collected(*in_flight.popleft())
    finally:  # also on Ctrl-C and when the caller stops early: queued chunks never start
        with _stops_deferred():
            pool.shutdown(wait=True, cancel_futures=True)


def start_workers_early(argv: Sequence[str]) -> None:
    """Start the forkserver the workers are forked from now, when the command line `argv`
    asks for a flat run (`--out`, no `--scheduler`) on more than one process: its start-up
    (the pipeline's imports and every language's vocabularies, about 1 s of CPU) then runs
    beside the command's own imports (pandas, pyarrow) rather than after them. Anything else,
    or arguments the command will refuse, starts nothing: workers start when first needed."""
    options = _QuietParser(add_help=False)
    options.add_argument("--out")
    options.add_argument("--scheduler")
    add_jobs_option(options)
    try:
        known, _ = options.parse_known_args(argv)
    except argparse.ArgumentError:
        return
    if not known.out or known.scheduler or known.jobs <= 1:
        return
    if not isinstance(_context(), multiprocessing.context.ForkServerContext):
        return
    # Ctrl-C reaches the whole process group, and the forkserver ignores it only once it has
    # imported: it is started with Ctrl-C ignored, which a new program keeps (a handler, as
    # _stops_deferred's, is reset by exec).
    with _stops_deferred():
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            multiprocessing.forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, previous)


class _QuietParser(argparse.ArgumentParser):
    """Reads the options it knows and says nothing: the command's own parser reports errors."""

    def error(self, message: str) -> NoReturn:
        raise argparse.ArgumentError(None, message)


def extract_batch(
    documents: Iterable[Document], jobs: int, on_failed: Callable[[str], None]
) -> list[list[dict] | None]:
    """Each document's claim rows in input order, on `jobs` processes; None (and one line to
    `on_failed`) for a document the extractor raised on. The store's `add` takes its batches
    through this (changes.ExtractMany)."""
    rows: list[list[dict] | None] = []
    with contextlib.closing(extract_all(documents, jobs)) as extracted:
        for _, result in extracted:
            if isinstance(result, Failed):
                on_failed(result.error)
                rows.append(None)
            else:
                rows.append(result)
    return rows


def _context() -> multiprocessing.context.BaseContext:
    """forkserver: workers are forked from a clean single-threaded server that has imported
    the pipeline and compiled every language's vocabularies once (extract.worker), never
    from the caller, whose threads (a dashboard's, a Dask client's) a fork would copy
    mid-flight. spawn where there is no fork."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WORKER_START])
    return context


def _pipeline() -> Extract:
    # Imported here, not at the top: start_workers_early runs before the pipeline is imported.
    from extract.pipeline.claims import extract_document

    return extract_document


def extract_safely(extract: Extract, doc: Document) -> Result:
    try:
        return extract(doc)
    except Exception as exc:  # a bug on one document: report it, go on with the others
        return Failed(message("extraction_failed", path=doc.doc_id, reason=_reason(exc)))


def _reason(exc: BaseException) -> str:
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__


def _extract_chunk(extract: Extract, chunk: list[Document]) -> list[Result]:
    return [extract_safely(extract, doc) for doc in chunk]


def _collected(chunk: list[Document], future: Future) -> Iterator[tuple[Document, Result]]:
    try:
        results = future.result()
    except Exception as exc:  # the worker died (killed, out of memory) or a result would not pickle
        reason = _reason(exc)
        results = [
            Failed(message("worker_failed", path=doc.doc_id, reason=reason)) for doc in chunk
        ]
    yield from zip(chunk, results, strict=True)


def _chunks(documents: Iterable[Document]) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    chars = 0
    for doc in documents:
        chunk.append(doc)
        chars += len(doc.text)
        if chars >= CHUNK_CHARS or len(chunk) >= CHUNK_DOCUMENTS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


_STOPS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _stops_deferred() -> Iterator[None]:
    """Ctrl-C or SIGTERM while a submit starts a worker process, or while the pool shuts
    down, would leave a process half started or orphaned: they are held (not lost) until it
    is done, then delivered. Processes started meanwhile inherit the blocked signals (so the
    forkserver never dies of Ctrl-C while it imports); `_worker_starts` unblocks them."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield  # only the main thread handles signals; elsewhere there is nothing to hold
        return
    held: list[int] = []
    # The mask holds signals sent to this thread; the handler catches those that the kernel
    # gives another thread, whose flag Python would otherwise raise here.
    handlers = {stop: signal.signal(stop, lambda signum, _: held.append(signum)) for stop in _STOPS}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a pending one reaches `held` now
        for stop, handler in handlers.items():
            signal.signal(stop, handler)
        if held:
            signal.raise_signal(held[0])


def _worker_starts(run_pid: int) -> None:
    """Ctrl-C reaches the whole process group: only the parent stops the run (and cleans
    up); a worker that also raised KeyboardInterrupt would only print tracebacks. A run killed
    outright (kill -9, out of memory) cannot stop its workers, and they would wait for work
    forever (each holds both ends of its queue, so it never sees the run go): each watches
    the run's process and exits with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    threading.Thread(target=_exit_with, args=(run_pid,), daemon=True).start()


def _exit_with(run_pid: int) -> None:
    """Wait until the process `run_pid` has ended, then end this one."""
    try:  # Linux: a pidfd becomes readable when its process ends (no pid reuse race)
        watched = os.pidfd_open(run_pid)
    except (AttributeError, OSError):  # elsewhere: look every second
        while _alive(run_pid):
            time.sleep(1.0)
    else:
        select.select([watched], [], [])
    os._exit(EXIT_RUN_GONE)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, but someone else's: the pid was reused, the run is gone
        return False
    return True
