"""Two DuckDB habits every store module shares: a DataFrame seen by SQL for one block, and a
transaction that lands whole or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

import duckdb
import pandas as pd


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> Iterator[None]:
    """`frame` visible to SQL under `name` for the duration of a `with` block."""
    con.register(name, frame)
    try:
        yield
    finally:
        con.unregister(name)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit the block's writes, or roll them back on any error. The error raised is the
    one that happened: when DuckDB has already aborted the transaction itself (a full disk
    during the commit), the rollback's own complaint is not allowed to hide it."""
    con.begin()
    try:
        yield
    except BaseException:
        with suppress(duckdb.Error):
            con.rollback()
        raise
    con.commit()
