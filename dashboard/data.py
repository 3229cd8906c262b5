"""Where the dashboard's data comes from: one cached loader returning a `Corpus`.

Sources, in order of precedence: the command line (`streamlit run dashboard/app.py --
--claims FILE --corpus DIR`), the environment (CLAIMBOARD_CLAIMS, CLAIMBOARD_CORPUS), then
the defaults (data/claims.parquet over the embedded seeds/). When the claims table does not
exist yet, the corpus folder is extracted in memory, so a fresh checkout shows the seeds.
"""

from __future__ import annotations

import argparse
import csv
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from extract.document import DocMeta, Document
from extract.errors import InputError, OutputError, message
from extract.pipeline import extract_document
from extract.schema import CLAIM_COLUMNS, SchemaError, conform, empty_claims

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CLAIMS = ROOT / "data" / "claims.parquet"
DEFAULT_CORPUS = ROOT / "seeds"
DOCUMENT_COLUMNS = ("doc_id", "lang", "body", "title", "published", "source_url", "source_lang")
# manifest.csv (the shared corpus) column -> DocMeta field
_CSV_META = {
    "language": "lang",
    "ministry_or_body": "body",
    "published_date": "published",
    "url": "source_url",
    "title": "title",
}


@dataclass(frozen=True)
class Sources:
    claims: Path
    corpus: Path


@dataclass(frozen=True)
class Corpus:
    claims: pd.DataFrame  # exactly the schema columns (extract/schema.py)
    documents: pd.DataFrame  # DOCUMENT_COLUMNS + text, indexed by doc_id
    note: str = ""  # how the claims were obtained, when that is worth telling the reader


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


def _manifest(corpus_dir: Path) -> dict[str, DocMeta]:
    """Per-document metadata from manifest.toml (seeds) or manifest.csv (shared corpus)."""
    toml_path, csv_path = corpus_dir / "manifest.toml", corpus_dir / "manifest.csv"
    try:
        if toml_path.is_file():
            tables = tomllib.loads(toml_path.read_text(encoding="utf-8"))
            return {name: DocMeta(**meta) for name, meta in tables.items()}
        if csv_path.is_file():
            with csv_path.open(encoding="utf-8", newline="") as handle:
                return {
                    row["file"]: DocMeta(**{f: row.get(c) or None for c, f in _CSV_META.items()})
                    for row in csv.DictReader(handle)
                }
    except (OSError, ValueError, TypeError, KeyError) as error:
        path = toml_path if toml_path.is_file() else csv_path
        raise InputError(message("bad_manifest", path=path, reason=error)) from error
    return {}


def read_documents(corpus_dir: Path) -> list[Document]:
    """Every .txt document in `corpus_dir`, decoded exactly (claim offsets index this text)."""
    if not corpus_dir.is_dir():
        raise InputError(message("not_found", path=corpus_dir))
    paths = sorted(corpus_dir.glob("*.txt"))
    if not paths:
        raise InputError(message("no_documents", path=corpus_dir))
    metas = _manifest(corpus_dir)
    documents = []
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(message("unreadable", path=path, reason=error)) from error
        documents.append(Document(path.name, text, metas.get(path.name, DocMeta())))
    return documents


def documents_frame(documents: Sequence[Document]) -> pd.DataFrame:
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


def extract_claims(documents: Sequence[Document]) -> pd.DataFrame:
    rows = [row for doc in documents for row in extract_document(doc)]
    return conform(pd.DataFrame(rows)) if rows else empty_claims()


def read_claims_table(path: Path) -> pd.DataFrame:
    """The one place the dashboard reads a claims file (until extract.write.read_claims)."""
    readers = {
        ".parquet": pd.read_parquet,
        ".csv": lambda p: pd.read_csv(p, dtype=str, keep_default_na=False),
        ".jsonl": lambda p: pd.read_json(p, lines=True, dtype=False),
    }
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise OutputError(message("unknown_format", path=path, suffix=path.suffix))
    try:
        frame = reader(path)
        if path.suffix.lower() == ".csv":  # CSV has no types: an empty number is missing
            numeric = [c for c, t in CLAIM_COLUMNS.items() if t != "string" and c in frame]
            frame[numeric] = frame[numeric].replace("", None)
        return conform(frame)
    except SchemaError as error:
        raise OutputError(message("schema", path=path, reason=error)) from error
    except (OSError, ValueError, TypeError) as error:
        raise OutputError(message("cannot_read_table", path=path, reason=error)) from error


def table_stamp(path: Path) -> float:
    """Changes when the claims table is rewritten, so the cache reloads it."""
    return path.stat().st_mtime if path.exists() else 0.0


@st.cache_data(show_spinner="Loading claims…", max_entries=4)
def load_corpus(claims_path: str, corpus_dir: str, stamp: float) -> Corpus:
    """The claims table and its documents; `stamp` (see table_stamp) keys the cache."""
    del stamp  # only part of the cache key
    documents = read_documents(Path(corpus_dir))
    claims_file = Path(claims_path)
    if claims_file.exists():
        claims, note = read_claims_table(claims_file), ""
    else:
        claims = extract_claims(documents)
        note = f"{claims_file} does not exist yet: showing claims extracted from {corpus_dir}"
    return Corpus(claims=claims, documents=documents_frame(documents), note=note)
