"""Time series of facts: what a series is, one point per fact, and each ministry's colour.

A series is one indicator for one body in one unit with one change basis and one kind
(SERIES_KEY): 8 % year on year and 8 % month on month are two series, and so are a target
and an actual. A point is one fact (`fact_id`, else the claim itself): the English, French
and Vietnamese copies of one figure are one point (query.ClaimsDB.points aggregates them).
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from dashboard.logic import NO_LABEL, Filters, format_value, source_link

SERIES_KEY = ("indicator", "body", "unit", "change_basis", "kind")
# Okabe & Ito's colour-blind-safe palette, without its black (lost on a dark theme) and its
# yellow (lost on a light one).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7")
CHANGE_BASIS_WORDS = {"yoy": "year on year", "mom": "month on month", "": ""}


def ministry_colour(body: str) -> str:
    """The colour of a reporting body: fixed by its name (a checksum, the same in every
    chart, session and process), never by the order bodies appear in."""
    return PALETTE[zlib.crc32(body.encode("utf-8")) % len(PALETTE)]


def series_label(key: dict) -> str:
    """How a series reads in a legend: body · kind · change basis."""
    parts = (key["body"] or NO_LABEL, key["kind"], CHANGE_BASIS_WORDS.get(key["change_basis"]))
    return " · ".join(p for p in parts if p)


def series_of(points: pd.DataFrame) -> list[tuple[dict, pd.DataFrame]]:
    """Each series' key and its points in time order, the series with most points first."""
    groups = [
        (dict(zip(SERIES_KEY, key, strict=True)), frame)
        for key, frame in points.groupby(list(SERIES_KEY), sort=False, observed=True)
    ]
    return sorted(groups, key=lambda item: (-len(item[1]), series_label(item[0])))


def latest_change(series: pd.DataFrame) -> tuple[pd.Series, pd.Series | None]:
    """A series' latest point and the one before it (None when it has one point); points
    of the same span are one step, the last stated wins."""
    ordered = series.sort_values(["end", "start"])
    last = ordered.iloc[-1]
    earlier = ordered[ordered["end"] < last["end"]]
    return last, (earlier.iloc[-1] if len(earlier) else None)


def point_text(point: pd.Series) -> str:
    return format_value(point["value"], point["value_max"], point["unit"])


def change_text(last: pd.Series, previous: pd.Series | None) -> str | None:
    """The change from the previous point, in the series' unit ("+1.2 %", "-3 billion
    USD"); for percentages in percentage points."""
    if previous is None or pd.isna(last["value"]) or pd.isna(previous["value"]):
        return None
    difference = float(last["value"]) - float(previous["value"])
    unit = "pp" if last["unit"] == "%" else last["unit"]
    shown = format_value(abs(difference), None, unit)
    sign = "+" if difference > 0 else "-" if difference < 0 else "±"
    return f"{sign}{shown} since {previous['period']}"


def language_counts(langs: dict[str, int]) -> str:
    """The languages of a fact's quotes, most quoted first: "vi ×2, en, fr"."""
    ordered = sorted(langs.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{lang} ×{n}" if n > 1 else lang for lang, n in ordered)


def unit_groups(points: pd.DataFrame) -> list[tuple[str, str]]:
    """(indicator, unit) pairs, most facts first: what one chart shows."""
    if points.empty:
        return []
    counts = points.groupby(["indicator", "unit"], sort=False).size()
    ordered = sorted(counts.items(), key=lambda item: (item[0][0] == "", -item[1], item[0]))
    return [key for key, _ in ordered]


def indicator_choice(indicator: str, unit: str) -> str:
    """How an (indicator, unit) chart is named in the selector and the URL."""
    return f"{indicator or NO_LABEL} ({unit or 'no unit'})"


SPARKLINE_POINTS = 24  # the latest values a card's sparkline shows


def sparkline(series: pd.DataFrame) -> list[float]:
    """The series' latest values in time order (at most SPARKLINE_POINTS)."""
    values = series.sort_values(["end", "start"])["value"].to_numpy(dtype=float)
    return [float(v) for v in values if not np.isnan(v)][-SPARKLINE_POINTS:]


SPARKLINE_WIDTH, SPARKLINE_HEIGHT = 120, 36  # the drawing's own units; it stretches to fit


def sparkline_svg(values: list[float], height: int = 48) -> str:
    """`values` (two or more) drawn as a line in a small inline SVG: the first at the left,
    the last at the right, the lowest at the bottom. Built from numbers only, never document
    text, so it is safe to put on the page as HTML; drawn in the text colour, so it follows
    the theme, without loading a charting library."""
    low, high = min(values), max(values)
    step = SPARKLINE_WIDTH / (len(values) - 1)
    span = high - low
    # a flat series is a line across the middle
    heights = [(v - low) / span if span else 0.5 for v in values]
    points = " ".join(
        f"{i * step:.1f},{(1 - h) * SPARKLINE_HEIGHT:.1f}" for i, h in enumerate(heights)
    )
    return (
        f'<svg viewBox="-2 -2 {SPARKLINE_WIDTH + 4} {SPARKLINE_HEIGHT + 4}" width="100%" '
        f'height="{height}" preserveAspectRatio="none" role="img" '
        f'aria-label="trend of the latest {len(values)} values">'
        f'<polyline points="{points}" fill="none" stroke="currentColor" stroke-width="2" '
        'vector-effect="non-scaling-stroke" stroke-linejoin="round"/></svg>'
    )


def fact_table(points: pd.DataFrame, filters: Filters | None = None) -> pd.DataFrame:
    """A chart's points as a table for people: period, series, the value as a number and as
    stated, its quotes and languages, and a link to its source (keeping `filters`)."""
    ordered = points.sort_values(["start", "end"], kind="stable")
    return pd.DataFrame(
        {
            "period": ordered["period"].to_numpy(),
            "series": [series_label(key) for key in ordered[list(SERIES_KEY)].to_dict("records")],
            "value": ordered["value"].to_numpy(dtype=float),
            "as stated": [point_text(point) for point in ordered.to_dict("records")],
            "quotes": ordered["quotes"].to_numpy(),
            "languages": [language_counts(langs) for langs in ordered["langs"]],
            "source": [source_link(claim_id, filters) for claim_id in ordered["claim_id"]],
        }
    )
