"""Where the dashboard's data comes from: one cached loader returning a `Corpus`, whose
`db` (dashboard/query.py) answers every page with DuckDB queries.

Two kinds of source:
- the store (extract/store/database.py), a DuckDB file the Add documents page and
  `python -m extract add` write to: `--db FILE`, or $CLAIMBOARD_DB;
- a flat claims table over a folder of documents: `--claims FILE --corpus DIR`, or
  $CLAIMBOARD_CLAIMS / $CLAIMBOARD_CORPUS. When the table does not exist yet, the folder is
  extracted into it first (through the extractor's own job steps, extract/job.py).
The command line wins over the environment; with neither, the default store
data/claimboard.duckdb is read, and created from seeds/ when it does not exist yet, so a
fresh checkout shows the seeds. Arguments reach the app after `--`:
`streamlit run dashboard/app.py -- --db FILE`.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import query
from extract import job
from extract.document import Document
from extract.errors import OutputError, message
from extract.schema import SchemaError
from extract.store import database
from extract.store.changes import add_documents
from extract.store.commands import load_incoming
from extract.write import read_claims

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / database.DEFAULT_DB
DEFAULT_CLAIMS = ROOT / "data" / "claims.parquet"
DEFAULT_CORPUS = ROOT / "seeds"
DOCUMENT_COLUMNS = query.DOCUMENT_COLUMNS
CLAIMS_ENV, CORPUS_ENV = "CLAIMBOARD_CLAIMS", "CLAIMBOARD_CORPUS"


@dataclass(frozen=True)
class Sources:
    """A store (`db`), or a flat claims table over a corpus folder (`claims`, `corpus`)."""

    db: Path | None = None
    seed: Path | None = None  # folder added to the store when the store does not exist yet
    claims: Path | None = None
    corpus: Path | None = None

    @property
    def described(self) -> str:
        if self.db is not None:
            return f"the store {self.db}"
        return f"the claims table {self.claims} over {self.corpus}"


@dataclass(frozen=True)
class Corpus:
    db: query.ClaimsDB  # the claims and documents, queried (never loaded whole)
    options: dict[str, list]  # what each filter offers, and `months` (ClaimsDB.options)
    note: str = ""  # how the claims were obtained, when that is worth telling the reader
    problems: list[str] = field(default_factory=list)  # one line per unreadable input file
    # doc_ids that older URLs name -> the document they are now (a migrated store's copies)
    aliases: dict[str, str] = field(default_factory=dict)


def resolve_sources(argv: Sequence[str], environ: Mapping[str, str]) -> Sources:
    """The source named on the command line, else in the environment, else the default
    store (created from seeds/)."""
    parser = argparse.ArgumentParser(prog="streamlit run dashboard/app.py --")
    parser.add_argument("--db", help="the claimboard store (DuckDB file)")
    parser.add_argument("--claims", help="flat claims table (.parquet, .csv or .jsonl)")
    parser.add_argument("--corpus", help="folder of the documents the flat table comes from")
    args, _ = parser.parse_known_args(list(argv))
    if args.db:
        return Sources(db=Path(args.db))
    if args.claims or args.corpus:
        return flat_sources(args.claims, args.corpus, environ)
    if environ.get(database.DB_ENV):
        return Sources(db=Path(environ[database.DB_ENV]))
    if environ.get(CLAIMS_ENV) or environ.get(CORPUS_ENV):
        return flat_sources(None, None, environ)
    return Sources(db=DEFAULT_DB, seed=DEFAULT_CORPUS)


def flat_sources(claims: str | None, corpus: str | None, environ: Mapping[str, str]) -> Sources:
    return Sources(
        claims=Path(claims or environ.get(CLAIMS_ENV) or DEFAULT_CLAIMS),
        corpus=Path(corpus or environ.get(CORPUS_ENV) or DEFAULT_CORPUS),
    )


def source_stamp(sources: Sources) -> float:
    """Changes when the source is rewritten (by another process too), so the cache reloads.
    DuckDB keeps recent changes in a .wal file beside the store until it checkpoints."""
    if sources.db is not None:
        files = [sources.db, sources.db.with_name(sources.db.name + ".wal")]
    else:
        files = [sources.claims]
    return max((f.stat().st_mtime for f in files if f.exists()), default=0.0)


def documents_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per document: its metadata and exact text, as strings."""
    rows = [
        {
            "doc_id": d.doc_id,
            **{c: getattr(d.meta, c) or "" for c in DOCUMENT_COLUMNS[1:]},
            "text": d.text,
        }
        for d in documents
    ]
    return pd.DataFrame(rows, columns=[*DOCUMENT_COLUMNS, "text"]).astype("string").fillna("")


def read_table(path: Path) -> pd.DataFrame:
    """The claims table at `path`; a schema mismatch is one line naming the file."""
    try:
        return read_claims(path)
    except SchemaError as error:
        raise OutputError(message("schema", path=path, reason=error)) from None


def table_corpus(claims_file: Path, corpus_dir: Path) -> Corpus:
    """Flat-table mode: the table, extracted from the corpus folder first if missing."""
    loaded = job.load([corpus_dir])
    note = ""
    if claims_file.exists():
        claims = read_table(claims_file)
    elif loaded.documents:
        claims = job.process(loaded.documents)
        job.sanity_checks(claims, loaded.documents)
        job.save(claims, claims_file)
        claims = read_table(claims_file)  # as stored, so later loads look the same
        note = f"Extracted {len(loaded.documents)} documents of {corpus_dir} into {claims_file}."
    else:
        raise OutputError(message("nothing_read", paths=corpus_dir))
    db = query.frames_db(claims, documents_frame(loaded.documents))
    return Corpus(db, db.options(), note, loaded.errors)


def store_corpus(db: Path, seed: Path | None) -> Corpus:
    """Store mode: the store's copy for the dashboard (query.store_db); a missing store is
    first filled from `seed` (through the store's own add), or shown empty when there is no
    seed folder."""
    note, problems = "", []
    if seed is not None and not db.exists():
        loaded = load_incoming([seed])
        add_documents(db, loaded.incoming)
        problems = loaded.errors
        note = f"Created the store {db} from the {len(loaded.incoming)} documents of {seed}."
    elif not db.exists():
        note = message("no_store", db=db)
    claims_db = query.store_db(db, source_stamp(Sources(db=db)))
    return Corpus(claims_db, claims_db.options(), note, problems, database.read_aliases(db))


# cache_resource, not cache_data: every session shares one Corpus and its read-only
# database connection (each query on its own cursor).
@st.cache_resource(show_spinner="Loading claims…", max_entries=4)
def load_corpus(sources: Sources, stamp: float) -> Corpus:
    """The claims and their documents from `sources`; `stamp` (source_stamp) only keys the
    cache. Raises InputError / OutputError / StoreError (one line) when nothing can be
    shown."""
    del stamp
    if sources.db is not None:
        return store_corpus(sources.db, sources.seed)
    return table_corpus(sources.claims, sources.corpus)
