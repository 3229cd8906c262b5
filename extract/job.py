"""The extraction job: read -> extract -> check -> write, each step a function of the last.

Only `Reading` (and `load`, which reads through it) and the writers (`save`, `run`'s
ClaimsWriter) touch files. Per-file problems are one-line messages, given as they are found,
and never stop the other files; `run` returns a Summary the command line prints. `run`
streams both ways: each document is read when a worker is about to take it, and its claims
go to the output as they come back.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from extract.document import Document, RunIdentities, text_identity
from extract.errors import InputError, message
from extract.parallel import Failed, extract_all
from extract.pipeline.bodies import canonical_body
from extract.pipeline.claims import extract_document
from extract.readers.content import is_url, read_file
from extract.readers.manifest import load_metadata
from extract.readers.read import collect_paths
from extract.schema import conform, empty_claims
from extract.write import ClaimsWriter, write_claims

Advance = Callable[[int], None]  # n more files done (read and extracted, or skipped)
# (how many files) -> a context giving the callback that advances a bar (closed on leaving)
Progress = Callable[[int], AbstractContextManager[Advance]]
Report = Callable[[str], None]  # one problem or note line, as it is found


def no_progress(total: int) -> AbstractContextManager[Advance]:
    return contextlib.nullcontext(lambda done: None)


@dataclass(frozen=True)
class Loaded:
    documents: list[Document]
    errors: list[str] = field(default_factory=list)  # one line per problem
    skipped: int = 0  # files named or found that could not be read
    notes: list[str] = field(default_factory=list)  # files read, but worth a word (encoding)


@dataclass(frozen=True)
class Summary:
    documents: int  # read (copies of a text already read are not counted)
    skipped: int  # files named or found that could not be read
    claims: int
    seconds: float
    out: Path
    failed: tuple[str, ...] = ()  # documents the extractor raised on: one line each


class SanityError(Exception):
    """Rows that break the table's own invariants: a bug in the extractor, not in the input."""


class Reading:
    """The documents under `paths`, read one at a time as they are iterated, so a run holds
    only the documents in flight, never the whole input.

    The file list and the metadata are gathered when it is made (names, not texts); each file
    is read when the iteration reaches it. Problems and notes go to `on_error` / `on_note`
    as they are found. A copy of a text already read is told apart by the hash of its text
    (Admission keeps hashes, not texts): one note line, and the run goes on.
    """

    def __init__(
        self,
        paths: Iterable[str | Path],
        on_error: Report = lambda line: None,
        on_note: Report = lambda line: None,
    ) -> None:
        paths = list(paths)
        files, errors = collect_paths([path for path in paths if not is_url(path)])
        # fetching belongs to the store, which keeps a page's final and canonical URL and date
        errors = [message("url_not_flat", url=path) for path in paths if is_url(path)] + errors
        self.files = files
        self.skipped = len(errors)
        self.documents = 0
        self._metas, meta_errors = load_metadata(files)
        self._on_error, self._on_note = on_error, on_note
        for line in errors + meta_errors:
            on_error(line)

    def read(self, on_passed: Advance = lambda files: None) -> Iterator[Document]:
        """Each readable document once, in file order; `on_passed` counts the files that
        give no document (unreadable, or a copy)."""
        admission = Admission(self._on_note)
        for path in self.files:
            try:
                doc = read_file(path, self._metas[path])
            except InputError as exc:
                self._on_error(str(exc))
                self.skipped += 1
                on_passed(1)
                continue
            identity = text_identity(doc.text)
            doc_id = admission.admit(doc.doc_id, identity, str(path), doc.note, doc.meta.body)
            if doc_id is None:
                on_passed(1)
                continue
            self.documents += 1
            yield doc if doc_id == doc.doc_id else replace(doc, doc_id=doc_id)


class Admission:
    """Which documents a run takes, told apart by the hashes of their texts (never the texts):
    a copy of a text already taken gets one note line and is left out; a name another text
    has is made distinct. The notes a document is worth (its encoding, an unknown given
    body, once per name) are said as it is taken. The flat run reads and admits each file;
    the cluster's client admits what its workers report."""

    def __init__(self, on_note: Report) -> None:
        self._identities = RunIdentities()
        self._bodies: set[str] = set()
        self._on_note = on_note

    def admit(
        self, name: str, identity: str, where: str, note: str | None, body: str | None
    ) -> str | None:
        """The document's doc_id in the run, or None for a copy."""
        first = self._identities.copy_of(identity)
        if first is not None:
            self._on_note(message("same_text", path=where, other=first))
            return None
        doc_id = self._identities.take(name, identity, where)
        if note:
            self._on_note(f"{where}: {note}")
        if body and body not in self._bodies:
            self._bodies.add(body)
            if canonical_body(body) is None:  # noted once per name, where it first appears
                self._on_note(message("unknown_body", path=where, body=body))
        return doc_id


def load(paths: Iterable[str | Path]) -> Loaded:
    """Every document the paths name, read into one list, with its metadata (for callers that
    want them all at once; `run` reads them as it goes); bad files become error lines."""
    errors: list[str] = []
    notes: list[str] = []
    reading = Reading(paths, errors.append, notes.append)
    documents = list(reading.read())
    return Loaded(documents, errors, reading.skipped, notes)


def process(documents: Sequence[Document]) -> pd.DataFrame:
    """The claims of every document, as one conformed table, in this process."""
    rows = [row for doc in documents for row in extract_document(doc)]
    return conform(pd.DataFrame.from_records(rows)) if rows else empty_claims()


class SanityChecks:
    """The table's invariants checked as its rows stream by: each row against its document's
    text, and every claim_id once. Ids are compared within each document (a set of its ids);
    across documents they differ by construction (a claim_id hashes its document's text, and a
    run reads each text once), so the run keeps no set that grows with its claims."""

    SHOWN = 3  # problems named in the error; the rest are counted

    def __init__(self) -> None:
        self._problems: list[str] = []
        self._count = 0

    def check(self, rows: Iterable[dict], texts: Mapping[str, str]) -> None:
        problems = []
        ids: dict[str, set[str]] = {}  # per document
        for row in rows:
            problems += [
                f"row {row['claim_id']}: {problem}" for problem in _row_problems(row, texts)
            ]
            seen = ids.setdefault(row["doc_id"], set())
            if row["claim_id"] in seen:
                problems.append(f"claim_id {row['claim_id']} is not unique")
            seen.add(row["claim_id"])
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
    on_error: Report = lambda line: None,
    on_note: Report = lambda line: None,
    jobs: int = 1,
    on_failed: Report = lambda line: None,
) -> Summary:
    """Extract every readable document under `paths` into the table `out`, on `jobs` processes.

    Documents are read as the workers take them and their claims written as they come back,
    so memory holds the documents in flight, not the input. `on_error` and `on_note` see each
    file's problem or note as it is read; `on_failed` each document the extractor raised on.
    Nothing is written when no document could be read, so an earlier table is never replaced
    by an empty one.
    """
    started = time.perf_counter()
    reading = Reading(paths, on_error, on_note)
    failed: list[str] = []
    checks = SanityChecks()
    with (
        progress(len(reading.files)) as advance,
        ClaimsWriter(out) as writer,  # claims stream to a temporary file, renamed at the end
        contextlib.closing(extract_all(reading.read(advance), jobs)) as extracted,
    ):
        for doc, result in extracted:
            advance(1)
            if isinstance(result, Failed):
                failed.append(result.error)
                on_failed(result.error)
                continue
            checks.check(result, {doc.doc_id: doc.text})
            writer.write(result)
        checks.raise_problems()
        written = writer.commit() if reading.documents else Path(out)
    seconds = time.perf_counter() - started
    return Summary(reading.documents, reading.skipped, writer.rows, seconds, written, tuple(failed))
