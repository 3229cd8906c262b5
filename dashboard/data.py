"""Where the dashboard's data comes from: one cached loader returning a `Corpus`.

Sources, in order of precedence: the command line (`streamlit run dashboard/app.py --
--claims FILE --corpus DIR`), the environment (CLAIMBOARD_CLAIMS, CLAIMBOARD_CORPUS), then
the defaults (data/claims.parquet over the embedded seeds/). When the claims table does not
exist yet, the corpus folder is extracted into it first, so a fresh checkout shows the seeds.
Reading, extracting and writing go through the extractor's own job steps (extract/job.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from extract import job
from extract.document import Document
from extract.errors import OutputError, message
from extract.schema import SchemaError
from extract.write import read_claims

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CLAIMS = ROOT / "data" / "claims.parquet"
DEFAULT_CORPUS = ROOT / "seeds"
DOCUMENT_COLUMNS = ("doc_id", "lang", "body", "title", "published", "source_url", "source_lang")


@dataclass(frozen=True)
class Sources:
    claims: Path
    corpus: Path


@dataclass(frozen=True)
class Corpus:
    claims: pd.DataFrame  # exactly the schema columns (extract/schema.py)
    documents: pd.DataFrame  # DOCUMENT_COLUMNS + text, indexed by doc_id
    note: str = ""  # how the claims were obtained, when that is worth telling the reader
    problems: list[str] = field(default_factory=list)  # one line per unreadable input file


def resolve_sources(argv: Sequence[str], environ: Mapping[str, str]) -> Sources:
    """The claims table and corpus folder named on the command line, else in the
    environment, else the defaults."""
    parser = argparse.ArgumentParser(prog="streamlit run dashboard/app.py --")
    parser.add_argument("--claims", help="claims table (.parquet, .csv or .jsonl)")
    parser.add_argument("--corpus", help="folder of the documents the claims come from")
    args, _ = parser.parse_known_args(list(argv))
    claims = args.claims or environ.get("CLAIMBOARD_CLAIMS") or DEFAULT_CLAIMS
    corpus = args.corpus or environ.get("CLAIMBOARD_CORPUS") or DEFAULT_CORPUS
    return Sources(claims=Path(claims), corpus=Path(corpus))


def documents_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per document: its metadata and exact text, indexed by doc_id."""
    rows = [
        {
            "doc_id": d.doc_id,
            **{c: getattr(d.meta, c) or "" for c in DOCUMENT_COLUMNS[1:]},
            "text": d.text,
        }
        for d in documents
    ]
    frame = pd.DataFrame(rows, columns=[*DOCUMENT_COLUMNS, "text"]).astype("string")
    return frame.set_index("doc_id", drop=False)


def read_table(path: Path) -> pd.DataFrame:
    """The claims table at `path`; a schema mismatch is one line naming the file."""
    try:
        return read_claims(path)
    except SchemaError as error:
        raise OutputError(message("schema", path=path, reason=error)) from None


def table_stamp(path: Path) -> float:
    """Changes when the claims table is rewritten, so the cache reloads it."""
    return path.stat().st_mtime if path.exists() else 0.0


@st.cache_data(show_spinner="Loading claims…", max_entries=4)
def load_corpus(claims_path: str, corpus_dir: str, stamp: float) -> Corpus:
    """The claims table and its documents; `stamp` (see table_stamp) only keys the cache.

    Raises InputError / OutputError (one line) when nothing usable can be shown.
    """
    del stamp
    loaded = job.load([corpus_dir])
    claims_file = Path(claims_path)
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
    return Corpus(claims, documents_frame(loaded.documents), note, loaded.errors)
