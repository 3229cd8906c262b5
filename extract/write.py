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

import pandas as pd

from extract.errors import OutputError, message
from extract.schema import CLAIM_COLUMNS, conform, empty_claims

TEXT_COLUMNS = [name for name, dtype in CLAIM_COLUMNS.items() if dtype == "string"]


def table_format(path: Path) -> str:
    """The format a path asks for, from its suffix; OutputError when it is not one we write."""
    suffix = path.suffix.lower()
    if suffix not in WRITERS:
        raise OutputError(message("unknown_format", path=path, suffix=path.suffix or "(none)"))
    return suffix


def normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as it is stored: conformed, with '' for missing text."""
    frame = conform(frame)
    frame[TEXT_COLUMNS] = frame[TEXT_COLUMNS].fillna("")
    return frame


def write_claims(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the claims table to `path` in the format its suffix names; return the path."""
    path = Path(path)
    write = WRITERS[table_format(path)]
    frame = normalised(frame)  # SchemaError before anything touches the disk
    # Beside the target (same file system, so the rename is atomic), one per process.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(frame, temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(message("cannot_write", path=path, reason=_reason(exc))) from None
    finally:
        if temporary.exists():  # False, not an error, when the folder itself is missing
            temporary.unlink()
    return path


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


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False, engine="pyarrow")


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    # CRLF rows (RFC 4180): the csv writer then quotes any field holding a \r or \n, which
    # a lone \r in a sentence would otherwise break.
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\r\n")


def _write_jsonl(frame: pd.DataFrame, path: Path) -> None:
    # json.dumps writes floats with every digit (pandas' to_json rounds to 15), and one
    # object per line is what score.py and jq read.
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in frame.to_dict("records"):
            out.write(
                json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False)
            )
            out.write("\n")


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
    for name in frame.columns.difference(TEXT_COLUMNS):
        frame[name] = pd.to_numeric(frame[name].replace("", pd.NA), dtype_backend="numpy_nullable")
    return frame


def _read_jsonl(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    # Python objects as json gives them: conform types them without a detour through float.
    return pd.DataFrame(records, dtype=object) if records else empty_claims()


WRITERS: dict[str, Callable[[pd.DataFrame, Path], None]] = {
    ".parquet": _write_parquet,
    ".csv": _write_csv,
    ".jsonl": _write_jsonl,
}
READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    ".parquet": _read_parquet,
    ".csv": _read_csv,
    ".jsonl": _read_jsonl,
}
