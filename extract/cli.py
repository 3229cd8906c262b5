"""python -m extract: the command line over extract.job (and the store's add / export)."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tqdm import tqdm

from extract import __version__
from extract.errors import (
    EXIT_CANNOT_WRITE,
    EXIT_INTERRUPTED,
    EXIT_NOTHING_READ,
    EXIT_OK,
    EXIT_USAGE,
    OutputError,
    message,
)
from extract.job import SanityError, run
from extract.parallel import add_jobs_option
from extract.readers.manifest import META_KEYS
from extract.readers.read import MAX_DOCUMENT_BYTES
from extract.schema import SchemaError
from extract.write import WRITERS, table_format

DEFAULT_PATHS = ["seeds/"]
PROGRESS_MIN_DOCUMENTS = 21  # a bar for a handful of documents is only noise

# in extract.store.commands
STORE_COMMANDS = {
    "add": "add_main",
    "list": "list_main",
    "remove": "remove_main",
    "export": "export_main",
}

DESCRIPTION = """\
Extract every numeric claim (growth rates, amounts of money, shares, counts, targets) from
government reports in English, French and Vietnamese into one claims table, one row per
claim, with the sentence and character offsets it came from.

Store commands (see `python -m extract add --help`):
  python -m extract add PATH|URL ... add .txt/.html/.pdf files and web pages to the DuckDB store
  python -m extract list             the store's documents (id, language, date, claims)
  python -m extract remove DOC_ID    remove documents from the store (one transaction)
  python -m extract export DIR       write the store as Parquet partitioned by year
"""

EPILOG = f"""\
input:
  PATH is a .txt file or a folder, whose .txt files are read (not its subfolders).
  Default: {" ".join(DEFAULT_PATHS)}. Text should be UTF-8; Windows-1258 (Vietnamese) and
  Latin-1 / Windows-1252 (French) are recognised, decoded, and named on a "note:" line.
  Files must be under {MAX_DOCUMENT_BYTES / 1e6:g} MB. Empty, binary or undecodable files are
  reported, one "error: FILE: problem" line each, and skipped; the others are extracted.

metadata (optional; what is missing is inferred from the text):
  manifest.csv     in the folder or its parent; columns file,url,title,publisher,
                   ministry_or_body,language,published_date,notes
  manifest.toml    in the folder; one ["NAME.txt"] table per document
  NAME.meta.toml   beside NAME.txt; overrides both manifests
  keys: {", ".join(META_KEYS)}
        (published as YYYY, YYYY-MM or YYYY-MM-DD)

output:
  --out FILE is written by its suffix: {", ".join(WRITERS)} (UTF-8). The table has
  exactly the columns of extract/schema.py; it is replaced atomically, never half written.
  One summary line at the end: documents, claims, seconds. A progress bar appears on
  stderr when there are more than {PROGRESS_MIN_DOCUMENTS - 1} documents.

exit codes:
  {EXIT_OK}  the table was written (some files may have been skipped: see the error lines)
  {EXIT_NOTHING_READ}  nothing could be read; no table was written
  {EXIT_USAGE}  bad arguments (for instance an unknown --out suffix)
  {EXIT_CANNOT_WRITE}  the table could not be written
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C, SIGTERM); nothing was written

cluster (Dask):
  --scheduler ADDRESS runs the same extraction on dask.distributed workers, which read the
  documents themselves (PATH may then be an fsspec URL: s3://, gs://, hdfs:// with s3fs,
  gcsfs or pyarrow's HDFS installed). --out is a new or empty folder (or URL): Parquet files
  under year=YYYY/ (year=0: unknown).

examples:
  python -m extract --out data/claims.parquet
  python -m extract seeds/ ../shared/corpus/docs --out claims.csv
  python -m extract report.txt --out report.jsonl
  python -m extract archive/ --out claims/ --scheduler local:2
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extract",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        default=DEFAULT_PATHS,
        help=f".txt files or folders of them (default: {' '.join(DEFAULT_PATHS)})",
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=f"where to write the claims table: {', '.join(WRITERS)}",
    )
    add_jobs_option(parser)
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster: a scheduler address such as tcp://host:8786, or local:N "
        "for N workers on this machine; --out is then a folder of Parquet files by year",
    )
    parser.add_argument("--version", action="version", version=f"claimboard {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in STORE_COMMANDS:
        return store_command(argv[0], argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.scheduler:
        return cluster_command(parser, args)
    try:
        table_format(Path(args.out))
    except OutputError as exc:
        parser.error(str(exc))  # exits with EXIT_USAGE
    try:
        with sigterm_interrupts():
            summary = run(
                args.paths,
                args.out,
                progress=bar_for,
                on_error=print_error,
                on_note=print_note,
                jobs=args.jobs,
                on_failed=print_error,
            )
    except KeyboardInterrupt:
        return _fail(message("interrupted", path=args.out), EXIT_INTERRUPTED)
    except (OutputError, SchemaError) as exc:
        return _fail(str(exc), EXIT_CANNOT_WRITE)
    except SanityError as exc:
        return _fail(message("inconsistent_rows", path=args.out, reason=exc), EXIT_CANNOT_WRITE)
    if summary.documents == 0:
        return _fail(message("nothing_read", paths=", ".join(args.paths)), EXIT_NOTHING_READ)
    skipped = summary.skipped
    failed = len(summary.failed)
    print(
        f"{summary.documents - failed} documents, {summary.claims} claims, "
        f"{summary.seconds:.2f} s -> {summary.out}"
        + (f" ({skipped} files skipped, see above)" if skipped else "")
        + (f" ({failed} documents failed, see above)" if failed else "")
    )
    return EXIT_OK


def cluster_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """--scheduler: the same extraction on a Dask cluster, into a folder."""
    from extract.cluster import run_on_cluster

    if Path(args.out).suffix.lower() in WRITERS:
        parser.error(message("scheduler_needs_folder", path=args.out))
    try:
        with sigterm_interrupts():
            summary = run_on_cluster(
                args.paths,
                args.out,
                args.scheduler,
                on_problem=print_error,
                progress=bar_for,
                on_note=print_note,
            )
    except KeyboardInterrupt:
        return _fail(message("interrupted", path=args.out), EXIT_INTERRUPTED)
    except (OutputError, SchemaError) as exc:
        return _fail(str(exc), EXIT_CANNOT_WRITE)
    except (OSError, ValueError) as exc:  # no scheduler there, a bad local:N
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _fail(message("bad_scheduler", scheduler=args.scheduler, reason=reason), EXIT_USAGE)
    if summary.documents == 0:
        return _fail(message("nothing_read", paths=", ".join(args.paths)), EXIT_NOTHING_READ)
    print(
        f"{summary.documents} documents, {summary.claims} claims, {summary.seconds:.2f} s "
        f"-> {summary.out}"
        + (f" ({summary.skipped} files skipped, see above)" if summary.skipped else "")
        + (f" ({summary.failed} documents failed, see above)" if summary.failed else "")
    )
    return EXIT_OK


@contextlib.contextmanager
def bar_for(total: int) -> Iterator[Callable[[int], None]]:
    """A progress callback (files done) for a run over `total` files; the bar is closed on
    leaving, before the summary or an error line."""
    if total < PROGRESS_MIN_DOCUMENTS:
        yield lambda done: None
        return
    with ProgressBar(total=total, desc="extracting", unit="doc", file=sys.stderr) as bar:
        yield bar.update


@contextlib.contextmanager
def sigterm_interrupts():
    """SIGTERM stops a run as Ctrl-C does, so the temporary table is removed on the way out."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def print_error(line: str) -> None:
    tqdm.write(f"error: {line}", file=sys.stderr)  # above the progress bar, not through it


def print_note(line: str) -> None:
    tqdm.write(f"note: {line}", file=sys.stderr)


class ProgressBar(tqdm):
    monitor_interval = 0  # no monitor thread: worker processes are forked after the bar starts


def store_command(name: str, argv: list[str]) -> int:
    """Hand `add` / `export` to the store's module, imported only when asked for."""
    try:
        module = importlib.import_module("extract.store.commands")
    except ImportError as exc:
        return _fail(message("missing_command", command=name, reason=exc), EXIT_USAGE)
    return getattr(module, STORE_COMMANDS[name])(argv)


def _fail(line: str, code: int) -> int:
    print(f"error: {line}", file=sys.stderr)
    return code
