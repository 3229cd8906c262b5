"""The writing end: the claims table to .parquet, .csv or .jsonl, and back.

Every table passes through `schema.conform` both ways, so a missing or extra column is a
SchemaError, never a silent fix. In text columns a missing value is the empty string in every
format (CSV cannot tell them apart). Writes are atomic: a temporary file in the same folder,
renamed over the target only once complete, so a failed run never leaves half a table.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import fsspec
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.errors import OutputError, message
from extract.schema import CLAIM_COLUMNS, UNKNOWN_YEAR, conform, empty_claims

BATCH_ROWS = 20_000  # rows per Parquet row group: a few MB of memory
TEXT_COLUMNS = [name for name, dtype in CLAIM_COLUMNS.items() if dtype == "string"]
# OWASP's CSV injection rule: a spreadsheet runs a cell beginning with one of these as a
# formula. Such a text cell is written after an apostrophe, which spreadsheets show as text;
# a text cell already beginning with an apostrophe gets one more, so reading strips exactly
# one and every text comes back as it was. Numbers are never touched (-4.3 stays a number).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_APOSTROPHE = "'"


def table_format(path: Path) -> str:
    """The format a path asks for, from its suffix; OutputError when it is not one we write."""
    suffix = path.suffix.lower()
    if suffix not in APPENDERS:
        raise OutputError(message("unknown_format", path=path, suffix=path.suffix or "(none)"))
    return suffix


def normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as it is stored: conformed, with '' for missing text."""
    frame = conform(frame)
    frame[TEXT_COLUMNS] = frame[TEXT_COLUMNS].fillna("")
    return frame


def write_claims(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the claims table to `path` in the format its suffix names; return the path."""
    with ClaimsWriter(path) as writer:
        writer.write(frame)
        return writer.commit()


class ClaimsWriter:
    """A claims table written as it comes: rows are added in batches, each conformed to the
    schema and appended (a Parquet row group, CSV or JSON lines) to a temporary file beside
    the target (same file system, so the final rename is atomic; one per process). `commit`
    renames it over the target; leaving the `with` block without a commit removes it, so an
    error or an interrupt never leaves half a table.
    """

    def __init__(self, path: str | Path, batch_rows: int = BATCH_ROWS) -> None:
        self.path = Path(path)
        self._format = table_format(self.path)
        self._temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self._batch_rows = batch_rows
        self._pending: list[pd.DataFrame | list[dict]] = []
        self._pending_rows = 0
        self._appender: _Appender | None = None
        self.rows = 0

    def __enter__(self) -> ClaimsWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._close()
        if self._temporary.exists():  # not committed
            self._temporary.unlink()

    def write(self, rows: pd.DataFrame | list[dict]) -> None:
        """Add claim rows (a table or row dicts); they reach the disk a batch at a time."""
        self._pending.append(rows)
        self._pending_rows += len(rows)
        if self._pending_rows >= self._batch_rows:
            self._flush()

    def commit(self) -> Path:
        self._flush(final=True)
        self._close()
        try:
            os.replace(self._temporary, self.path)
        except OSError as exc:
            raise OutputError(
                message("cannot_write", path=self.path, reason=_reason(exc))
            ) from None
        return self.path

    def _flush(self, final: bool = False) -> None:
        if not self._pending_rows and not (final and self._appender is None):
            return  # an empty table is still written once, with its header or schema
        frame = normalised(_one_frame(self._pending))
        self._pending, self._pending_rows = [], 0
        try:  # SchemaError, from normalised, before anything touches the disk
            if self._appender is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._appender = APPENDERS[self._format](self._temporary)
            self._appender.append(frame)
        except OSError as exc:
            raise OutputError(
                message("cannot_write", path=self.path, reason=_reason(exc))
            ) from None
        self.rows += len(frame)

    def _close(self) -> None:
        if self._appender is not None:
            self._appender.close()
            self._appender = None


def _one_frame(batches: list[pd.DataFrame | list[dict]]) -> pd.DataFrame:
    """One table of the batches, in order (row dicts become a table once, not per batch)."""
    frames: list[pd.DataFrame] = []
    records: list[dict] = []
    for batch in batches:
        if isinstance(batch, pd.DataFrame):
            frames += [pd.DataFrame.from_records(records)] if records else []
            frames.append(batch)
            records = []
        else:
            records += batch
    frames += [pd.DataFrame.from_records(records)] if records else []
    if not frames:
        return empty_claims()
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def write_year_partitions(frame: pd.DataFrame, root: str, part: str) -> list[str]:
    """Write claims as Parquet partitioned by year under `root` (a folder or an fsspec URL):
    root/year=YYYY/PART.parquet, year=0 when unknown, the year in the path and not in the
    file, as the store's `export` lays it out. Return the files written."""
    fs, base = fsspec.core.url_to_fs(root)
    frame = normalised(frame)
    years = frame["year"].fillna(UNKNOWN_YEAR).astype("int64")
    schema = _file_schema()
    written = []
    for year, rows in frame.drop(columns="year").groupby(years, sort=True):
        folder = f"{base.rstrip('/')}/year={year}"
        fs.makedirs(folder, exist_ok=True)
        table = pa.Table.from_pandas(rows, schema=schema, preserve_index=False)
        pq.write_table(table, f"{folder}/{part}.parquet", filesystem=fs)
        written.append(f"{folder}/{part}.parquet")
    return written


def read_year_partitions(root: str | Path) -> pd.DataFrame:
    """Claims written by `write_year_partitions` (or the store's export), conformed, with the
    year back as a column (missing for year=0)."""
    try:
        table = pq.read_table(str(root), partitioning="hive")
    except (OSError, ValueError) as exc:
        raise OutputError(message("cannot_read_table", path=root, reason=exc)) from None
    frame = table.to_pandas()
    year = frame["year"].astype("int64")
    frame["year"] = year.where(year != UNKNOWN_YEAR).astype("Int64")
    return normalised(frame)


def _file_schema() -> pa.Schema:
    schema = pa.Schema.from_pandas(normalised(empty_claims()), preserve_index=False)
    return schema.remove(schema.get_field_index("year"))


def _reason(exc: OSError) -> str:
    """The OS's words and the path they are about (it may be a parent folder)."""
    return f"{exc.strerror}: {exc.filename}" if exc.strerror and exc.filename else str(exc)


def read_claims(path: str | Path) -> pd.DataFrame:
    """Read a claims table written by `write_claims` (any of the three formats), conformed."""
    path = Path(path)
    read = READERS[table_format(path)]
    try:
        frame = read(path)
    except (OSError, ValueError) as exc:  # includes JSONDecodeError and pyarrow's errors
        raise OutputError(message("cannot_read_table", path=path, reason=exc)) from None
    return normalised(frame)


class _Appender:
    """One open output file in one format: tables appended, then closed."""

    def append(self, frame: pd.DataFrame) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell a spreadsheet would run as a formula neutralised: the one
    function every CSV the project writes goes through (--out x.csv, the dashboard)."""
    safe = frame.copy()
    for name in safe.columns:
        column = safe[name]
        if pd.api.types.is_string_dtype(column):
            risky = column.astype("string").str.startswith((*FORMULA_TRIGGERS, _APOSTROPHE))
            safe[name] = column.where(~risky.fillna(False), _APOSTROPHE + column.astype("string"))
    return safe


def _csv_text(column: pd.Series) -> pd.Series:
    """A text column as csv_safe wrote it -> as it was."""
    return column.where(~column.str.startswith(_APOSTROPHE).fillna(False), column.str[1:])


def csv_text(frame: pd.DataFrame, target: TextIO | None = None, header: bool = True) -> str | None:
    """`frame` as CSV, its formulas neutralised, to the open text file `target` or returned
    as text: how every CSV the project writes is written (--out x.csv, the dashboard's)."""
    # CRLF rows (RFC 4180): the csv writer then quotes any field holding a \r or \n, which
    # a lone \r in a sentence would otherwise break.
    return csv_safe(frame).to_csv(target, index=False, header=header, lineterminator="\r\n")


class _ParquetAppender(_Appender):
    def __init__(self, path: Path) -> None:
        self._schema = pa.Schema.from_pandas(normalised(empty_claims()), preserve_index=False)
        self._writer = pq.ParquetWriter(path, self._schema)

    def append(self, frame: pd.DataFrame) -> None:  # one row group
        self._writer.write_table(
            pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False)
        )

    def close(self) -> None:
        self._writer.close()


class _CsvAppender(_Appender):
    def __init__(self, path: Path) -> None:
        self._file = path.open("w", encoding="utf-8", newline="")
        self._header = True

    def append(self, frame: pd.DataFrame) -> None:
        csv_text(frame, self._file, self._header)
        self._header = False

    def close(self) -> None:
        self._file.close()


class _JsonlAppender(_Appender):
    def __init__(self, path: Path) -> None:
        self._file = path.open("w", encoding="utf-8", newline="\n")

    def append(self, frame: pd.DataFrame) -> None:
        # json.dumps writes floats with every digit (pandas' to_json rounds to 15), and one
        # object per line is what score.py and jq read.
        for record in frame.to_dict("records"):
            self._file.write(
                json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False)
            )
            self._file.write("\n")

    def close(self) -> None:
        self._file.close()


def _json_value(value: object) -> object:
    if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _read_parquet(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path, engine="pyarrow")


def _read_csv(path: Path) -> pd.DataFrame:
    # Every field as text first: an empty text field stays '' and "NA" stays the text NA;
    # numbers are parsed from their exact digits (no detour through float for big ints).
    frame = pd.read_csv(path, encoding="utf-8", dtype="string", keep_default_na=False)
    for name in frame.columns.intersection(TEXT_COLUMNS):
        frame[name] = _csv_text(frame[name])
    for name in frame.columns.difference(TEXT_COLUMNS):
        frame[name] = pd.to_numeric(frame[name].replace("", pd.NA), dtype_backend="numpy_nullable")
    return frame


def _read_jsonl(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    # Python objects as json gives them: conform types them without a detour through float.
    return pd.DataFrame(records, dtype=object) if records else empty_claims()


APPENDERS: dict[str, Callable[[Path], _Appender]] = {
    ".parquet": _ParquetAppender,
    ".csv": _CsvAppender,
    ".jsonl": _JsonlAppender,
}
WRITERS = tuple(APPENDERS)  # the suffixes written
READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    ".parquet": _read_parquet,
    ".csv": _read_csv,
    ".jsonl": _read_jsonl,
}
