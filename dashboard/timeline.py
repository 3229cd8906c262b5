"""Periods on a real time axis: each period a span of days [start, end).

A period is a year (`2024`), a quarter (`2024-Q2`), a month (`2023-05`) or a span between two
of those (`2024-01/2024-05`, "January to May 2024"). Anything else has no place on the axis
(None). Months of the time-range control are `YYYY-MM`.
"""

from __future__ import annotations

import re

import pandas as pd

_YEAR = r"(\d{4})"
_PART = re.compile(rf"^{_YEAR}(?:-(?:Q([1-4])|(\d{{2}})))?$")


def _part_bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    match = _PART.match(text.strip())
    if not match:
        return None
    year, quarter, month = match.groups()
    start_month, months = 1, 12
    if quarter:
        start_month, months = 3 * int(quarter) - 2, 3
    elif month:
        if not 1 <= int(month) <= 12:
            return None
        start_month, months = int(month), 1
    start = pd.Timestamp(year=int(year), month=start_month, day=1)
    return start, start + pd.DateOffset(months=months)


def period_bounds(period: str | None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first day of `period` and the day after its last, or None when it is no period."""
    if not period or pd.isna(period):
        return None
    parts = str(period).split("/")
    if len(parts) > 2:
        return None
    bounds = [_part_bounds(part) for part in parts]
    if any(b is None for b in bounds):
        return None
    start, end = bounds[0][0], bounds[-1][1]
    return (start, end) if start < end else None


def month_label(moment: pd.Timestamp) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def month_range(spans: pd.DataFrame) -> list[str]:
    """Every month from the earliest `start` to the latest `end` of `spans` (YYYY-MM)."""
    placed = spans.dropna()
    if placed.empty:
        return []
    first, last = placed["start"].min(), placed["end"].max() - pd.Timedelta(days=1)
    return [month_label(m) for m in pd.date_range(first, last, freq="MS")]
