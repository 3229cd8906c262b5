"""The extraction job: load -> process -> check -> save, each step a function of the last.

Only `load` and `save` touch files. Per-file problems are gathered as one-line messages and
never stop the other files; `run` returns a Summary the command line prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extract.document import Document
from extract.errors import InputError, message
from extract.pipeline.bodies import unknown_bodies
from extract.pipeline.claims import extract_document
from extract.readers.content import is_url, read_file
from extract.readers.manifest import load_metadata
from extract.readers.read import collect_paths
from extract.schema import conform, empty_claims
from extract.write import write_claims

Progress = Callable[[Iterable[Document]], Iterator[Document]]


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
    for path in files:
        if path.name in read_from:  # doc_id is the file name: two of them would mix claims
            errors.append(message("duplicate_doc_id", path=path, other=read_from[path.name]))
            skipped += 1
            continue
        try:
            documents.append(read_file(path, metas[path]))
        except InputError as exc:
            errors.append(str(exc))
            skipped += 1
            continue
        read_from[path.name] = path
        if documents[-1].note:
            notes.append(f"{path}: {documents[-1].note}")
    given_bodies = ((read_from[doc.doc_id], doc.meta.body) for doc in documents if doc.meta.body)
    notes += [message("unknown_body", path=p, body=b) for p, b in unknown_bodies(given_bodies)]
    return Loaded(documents, errors, skipped, notes)


def process(documents: Sequence[Document], progress: Progress = iter) -> pd.DataFrame:
    """The claims of every document, as one conformed table."""
    rows = [row for doc in progress(documents) for row in extract_document(doc)]
    return conform(pd.DataFrame.from_records(rows)) if rows else empty_claims()


def sanity_checks(frame: pd.DataFrame, documents: Sequence[Document]) -> None:
    """Raise SanityError unless every row's offsets, range and id are consistent."""
    texts = {doc.doc_id: doc.text for doc in documents}
    problems = [f"row {claim_id}: {problem}" for claim_id, problem in _row_problems(frame, texts)]
    duplicated = frame["claim_id"][frame["claim_id"].duplicated()].unique()
    problems += [f"claim_id {claim_id} is not unique" for claim_id in duplicated]
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise SanityError("; ".join(problems[:3]) + more)


def _row_problems(frame: pd.DataFrame, texts: dict[str, str]) -> Iterator[tuple[str, str]]:
    for row in frame.itertuples(index=False):
        text = texts.get(row.doc_id)
        if text is None:
            yield row.claim_id, f"doc_id {row.doc_id!r} is not a document of this run"
            continue
        if not 0 <= row.sentence_start <= row.start < row.end <= row.sentence_end <= len(text):
            yield (
                row.claim_id,
                (
                    f"mention {row.start}:{row.end} is not inside sentence "
                    f"{row.sentence_start}:{row.sentence_end} of the text"
                ),
            )
        elif not text[row.start : row.end].strip():
            yield row.claim_id, f"mention {row.start}:{row.end} is blank"
        elif text[row.sentence_start : row.sentence_end] != row.sentence:
            yield row.claim_id, "sentence is not text[sentence_start:sentence_end]"
        if not pd.isna(row.value_max) and not row.value <= row.value_max:
            yield row.claim_id, f"value {row.value} is above value_max {row.value_max}"


def save(frame: pd.DataFrame, out: str | Path) -> Path:
    return write_claims(frame, out)


def run(
    paths: Iterable[str | Path],
    out: str | Path,
    progress: Progress = iter,
    on_loaded: Callable[[Loaded], None] = lambda loaded: None,
) -> Summary:
    """Extract every readable document under `paths` into the table `out`.

    `on_loaded` sees what was read before the long part starts (the command line prints
    the per-file problems there). Nothing is written when no document could be read, so an
    earlier table is never replaced by an empty one.
    """
    started = time.perf_counter()
    loaded = load(paths)
    on_loaded(loaded)
    if not loaded.documents:
        return Summary(loaded, 0, time.perf_counter() - started, Path(out))
    frame = process(loaded.documents, progress)
    sanity_checks(frame, loaded.documents)
    written = save(frame, out)
    return Summary(loaded, len(frame), time.perf_counter() - started, written)
