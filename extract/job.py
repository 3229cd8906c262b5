"""The extraction job: load -> extract -> check -> write, each step a function of the last.

Only `load` and the writers (`save`, `run`'s ClaimsWriter) touch files. Per-file problems
are gathered as one-line messages and never stop the other files; `run` returns a Summary
the command line prints. `run` streams: claims go to the output as documents are done.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extract.document import Document, RunIdentities
from extract.errors import InputError, message
from extract.parallel import Failed, extract_all
from extract.pipeline.bodies import unknown_bodies
from extract.pipeline.claims import extract_document
from extract.readers.content import is_url, read_file
from extract.readers.manifest import load_metadata
from extract.readers.read import collect_paths
from extract.schema import conform, empty_claims
from extract.write import ClaimsWriter, write_claims

Progress = Callable[[Iterable, int], Iterator]  # (items, how many) -> the same items


def no_progress(items: Iterable, total: int) -> Iterator:
    return iter(items)


@dataclass(frozen=True)
class Loaded:
    documents: list[Document]
    errors: list[str] = field(default_factory=list)  # one line per problem
    skipped: int = 0  # files named or found that could not be read
    notes: list[str] = field(default_factory=list)  # files read, but worth a word (encoding)


@dataclass(frozen=True)
class Summary:
    loaded: Loaded  # what was read, skipped and noted
    claims: int
    seconds: float
    out: Path
    failed: tuple[str, ...] = ()  # documents the extractor raised on: one line each

    @property
    def documents(self) -> int:
        return len(self.loaded.documents)


class SanityError(Exception):
    """Rows that break the table's own invariants: a bug in the extractor, not in the input."""


def load(paths: Iterable[str | Path]) -> Loaded:
    """Read every document the paths name, with its metadata; bad files become error lines."""
    paths = list(paths)
    files, errors = collect_paths([path for path in paths if not is_url(path)])
    # fetching belongs to the store, which keeps a page's final and canonical URL and date
    errors = [message("url_not_flat", url=path) for path in paths if is_url(path)] + errors
    skipped = len(errors)
    metas, meta_errors = load_metadata(files)
    errors.extend(meta_errors)
    documents: list[Document] = []
    notes: list[str] = []
    read_from: dict[str, Path] = {}
    identities = RunIdentities()
    for path in files:
        try:
            doc = identities.admit(read_file(path, metas[path]), str(path))
        except InputError as exc:
            errors.append(str(exc))
            skipped += 1
            continue
        if isinstance(doc, str):  # a copy: its text is already in the run, under `doc`
            notes.append(message("same_text", path=path, other=doc))
            continue
        documents.append(doc)
        read_from[doc.doc_id] = path
        if doc.note:
            notes.append(f"{path}: {doc.note}")
    given_bodies = ((read_from[doc.doc_id], doc.meta.body) for doc in documents if doc.meta.body)
    notes += [message("unknown_body", path=p, body=b) for p, b in unknown_bodies(given_bodies)]
    return Loaded(documents, errors, skipped, notes)


def process(documents: Sequence[Document]) -> pd.DataFrame:
    """The claims of every document, as one conformed table, in this process."""
    rows = [row for doc in documents for row in extract_document(doc)]
    return conform(pd.DataFrame.from_records(rows)) if rows else empty_claims()


class SanityChecks:
    """The table's invariants checked as its rows stream by: each row against its document's
    text, and every claim_id once in the whole run (a set of the ids seen)."""

    SHOWN = 3  # problems named in the error; the rest are counted

    def __init__(self) -> None:
        self._ids: set[str] = set()
        self._problems: list[str] = []
        self._count = 0

    def check(self, rows: Iterable[dict], texts: Mapping[str, str]) -> None:
        problems = []
        for row in rows:
            problems += [
                f"row {row['claim_id']}: {problem}" for problem in _row_problems(row, texts)
            ]
            if row["claim_id"] in self._ids:
                problems.append(f"claim_id {row['claim_id']} is not unique")
            self._ids.add(row["claim_id"])
        self._count += len(problems)
        self._problems += problems[: self.SHOWN - len(self._problems)]

    def raise_problems(self) -> None:
        """Raise SanityError naming the first problems found, if any."""
        if self._problems:
            more = self._count - len(self._problems)
            raise SanityError("; ".join(self._problems) + (f" (and {more} more)" if more else ""))


def sanity_checks(frame: pd.DataFrame, documents: Sequence[Document]) -> None:
    """Raise SanityError unless every row's offsets, range and id are consistent."""
    checks = SanityChecks()
    checks.check(frame.to_dict("records"), {doc.doc_id: doc.text for doc in documents})
    checks.raise_problems()


def _row_problems(row: dict, texts: Mapping[str, str]) -> Iterator[str]:
    text = texts.get(row["doc_id"])
    if text is None:
        yield f"doc_id {row['doc_id']!r} is not a document of this run"
        return
    start, end = row["start"], row["end"]
    sentence_start, sentence_end = row["sentence_start"], row["sentence_end"]
    if not 0 <= sentence_start <= start < end <= sentence_end <= len(text):
        yield (
            f"mention {start}:{end} is not inside sentence "
            f"{sentence_start}:{sentence_end} of the text"
        )
    elif not text[start:end].strip():
        yield f"mention {start}:{end} is blank"
    elif text[sentence_start:sentence_end] != row["sentence"]:
        yield "sentence is not text[sentence_start:sentence_end]"
    if not pd.isna(row["value_max"]) and not row["value"] <= row["value_max"]:
        yield f"value {row['value']} is above value_max {row['value_max']}"


def save(frame: pd.DataFrame, out: str | Path) -> Path:
    """The whole table at once (run streams its rows through a ClaimsWriter instead)."""
    return write_claims(frame, out)


def run(
    paths: Iterable[str | Path],
    out: str | Path,
    progress: Progress = no_progress,
    on_loaded: Callable[[Loaded], None] = lambda loaded: None,
    jobs: int = 1,
    on_failed: Callable[[str], None] = lambda line: None,
) -> Summary:
    """Extract every readable document under `paths` into the table `out`, on `jobs` processes.

    `on_loaded` sees what was read before the long part starts (the command line prints
    the per-file problems there); `on_failed` sees each document the extractor raised on, as
    it happens. Nothing is written when no document could be read, so an earlier table is
    never replaced by an empty one.
    """
    started = time.perf_counter()
    loaded = load(paths)
    on_loaded(loaded)
    if not loaded.documents:
        return Summary(loaded, 0, time.perf_counter() - started, Path(out))
    failed: list[str] = []
    checks = SanityChecks()
    with (
        ClaimsWriter(out) as writer,  # claims stream to a temporary file, renamed at the end
        contextlib.closing(extract_all(loaded.documents, jobs)) as extracted,
    ):
        for doc, result in progress(extracted, len(loaded.documents)):
            if isinstance(result, Failed):
                failed.append(result.error)
                on_failed(result.error)
                continue
            checks.check(result, {doc.doc_id: doc.text})
            writer.write(result)
        checks.raise_problems()
        written = writer.commit()
    seconds = time.perf_counter() - started
    return Summary(loaded, writer.rows, seconds, written, tuple(failed))
