"""Metadata given beside the documents: what the text alone may not say.

Three places, the more specific winning:
  manifest.csv   in the document's folder or its parent (the corpus format:
                 file,url,title,publisher,ministry_or_body,language,published_date,notes)
  manifest.toml  in the document's folder: one table per file name, with the DocMeta keys
  NAME.meta.toml beside NAME.txt: the DocMeta keys at top level
The parse_* functions are pure (text in, DocMeta out) and raise ManifestError; `load_metadata`
reads the files for a batch of documents and turns each bad file into one error line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path

from extract.document import DocMeta
from extract.errors import message

MANIFEST_TOML = "manifest.toml"
MANIFEST_CSV = "manifest.csv"
META_SUFFIX = ".meta.toml"

META_KEYS = tuple(f.name for f in fields(DocMeta))
# corpus manifest column -> DocMeta field (publisher and notes describe the page, not the body)
CSV_COLUMNS = {
    "url": "source_url",
    "title": "title",
    "ministry_or_body": "body",
    "language": "lang",
    "published_date": "published",
}
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class ManifestError(ValueError):
    """A metadata file that cannot be used as it is; the message says why, without the path."""


def parse_meta_table(table: dict) -> DocMeta:
    """One document's keys (a manifest.toml table or a NAME.meta.toml) -> DocMeta."""
    unknown = sorted(set(table) - set(META_KEYS))
    if unknown:
        raise ManifestError(
            f"unknown key {', '.join(unknown)}; expected some of {', '.join(META_KEYS)}"
        )
    return DocMeta(**{key: _text_value(key, value) for key, value in table.items()})


def _text_value(key: str, value: object) -> str:
    # TOML reads an unquoted 2025-01-08 as a date: accept it as the ISO string it means.
    if isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ManifestError(f"{key} must be text, not {value!r}")
    value = value.strip()
    if key == "published" and value and not _ISO_DATE.fullmatch(value):
        raise ManifestError(
            f"published must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}"
        )
    return value


def parse_meta_toml(text: str) -> DocMeta:
    return parse_meta_table(_toml(text))


def parse_manifest_toml(text: str) -> dict[str, DocMeta]:
    """manifest.toml -> {file name: DocMeta}."""
    tables = _toml(text)
    not_tables = [name for name, table in tables.items() if not isinstance(table, dict)]
    if not_tables:
        raise ManifestError(f'{not_tables[0]} is not a ["FILE.txt"] table')
    return {name: _for_file(name, table) for name, table in tables.items()}


def _for_file(name: str, table: dict) -> DocMeta:
    try:
        return parse_meta_table(table)
    except ManifestError as exc:
        raise ManifestError(f"[{name}]: {exc}") from None


def parse_manifest_csv(text: str) -> dict[str, DocMeta]:
    """The corpus manifest.csv -> {file name: DocMeta}. Body names pass through as given."""
    rows = csv.DictReader(io.StringIO(text))
    if not rows.fieldnames or "file" not in rows.fieldnames:
        raise ManifestError("no 'file' column in the header")
    metas = {}
    for line, row in enumerate(rows, start=2):
        table = {field: row[column] for column, field in CSV_COLUMNS.items() if row.get(column)}
        try:
            metas[row["file"].strip()] = parse_meta_table(table)
        except ManifestError as exc:
            raise ManifestError(f"line {line}: {exc}") from None
    return metas


def _toml(text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"not valid TOML: {exc}") from None


def load_metadata(documents: Iterable[Path]) -> tuple[dict[Path, DocMeta], list[str]]:
    """DocMeta for each document path, and one error line per unusable metadata file."""
    errors: list[str] = []
    folder_manifests: dict[Path, dict[str, DocMeta]] = {}
    metas = {}
    for path in documents:
        folder = path.parent
        if folder not in folder_manifests:
            folder_manifests[folder] = _folder_manifest(folder, errors)
        meta = folder_manifests[folder].get(path.name, DocMeta())
        beside = path.with_name(path.stem + META_SUFFIX)
        if beside.is_file():
            meta = _parsed(beside, parse_meta_toml, errors, DocMeta()).merged_over(meta)
        metas[path] = meta
    return metas, errors


def _folder_manifest(folder: Path, errors: list[str]) -> dict[str, DocMeta]:
    """manifest.csv (folder, else its parent) overlaid by the folder's manifest.toml."""
    merged: dict[str, DocMeta] = {}
    csv_path = next(
        (p for p in (folder / MANIFEST_CSV, folder.parent / MANIFEST_CSV) if p.is_file()), None
    )
    sources = [(csv_path, parse_manifest_csv), (folder / MANIFEST_TOML, parse_manifest_toml)]
    for path, parse in sources:
        if path is not None and path.is_file():
            for name, meta in _parsed(path, parse, errors, {}).items():
                merged[name] = meta.merged_over(merged.get(name, DocMeta()))
    return merged


def _parsed(path: Path, parse, errors: list[str], fallback):
    """parse(path's text), or the fallback with one error line when the file is unusable."""
    try:
        return parse(path.read_text(encoding="utf-8-sig"))
    except (ManifestError, OSError, UnicodeDecodeError) as exc:
        errors.append(message("bad_manifest", path=path, reason=exc))
        return fallback
