"""Overview figures: one Plotly chart per indicator, value by period and ministry.

Each unit gets its own subplot row (values of different units never share an axis); a range
is drawn as a bar from its low to its high bound; targets and estimates use hollow markers
so they read apart from actuals. Every point carries its claim id in `customdata`.

Speed: the loader turns the claims into `ChartPoints` once, sorted by indicator, unit,
ministry, kind and period, so each chart, subplot row and trace is a contiguous slice. A
filter change is then a boolean take and a few slices of NumPy arrays, with no per-row
Python, and traces are handed to Plotly unvalidated (their arrays are built here, typed).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from dashboard.logic import NO_LABEL, formatted_values

KIND_SYMBOLS = {"actual": "circle", "target": "diamond-open", "estimate": "triangle-up-open"}
MAX_CHARTS = 12  # beyond this the Overview asks the reader to pick indicators in the sidebar
# Above this many points a figure is drawn with WebGL, as plotly.express does: the browser
# crawls with tens of thousands of SVG markers, not with WebGL.
WEBGL_POINTS = 1000
ROW_SPACING = 0.08  # between a figure's unit rows, as a share of its height
MINISTRY_COLOURS = qualitative.Plotly  # one colour per ministry in a figure, in every row


@dataclass(frozen=True)
class ChartPoints:
    """Every claim as a chart point, in chart order: indicator, unit, ministry, kind, period.

    `rank[i]` is where claims row i (by position) sits in that order; the other fields are
    arrays aligned in that order. Labels shown in a chart are HTML-escaped already, since
    Plotly reads them as HTML.
    """

    rank: np.ndarray
    family: np.ndarray  # indicator, NO_LABEL when empty (not escaped: also a lookup key)
    unit: np.ndarray
    body: np.ndarray  # ministry, escaped
    kind: np.ndarray
    trace: np.ndarray  # increasing int, one value per (indicator, unit, ministry, kind)
    x: np.ndarray  # period, escaped
    y: np.ndarray  # value
    above: np.ndarray  # how far a range reaches above its value (0 for a single value)
    claim_id: np.ndarray
    hover: np.ndarray  # escaped: "786.3 billion USD (approx, actual)<br>2024 · ministry"

    def __len__(self) -> int:
        return len(self.claim_id)

    def take(self, index: np.ndarray | slice) -> ChartPoints:
        """The points at `index` (positions in chart order, increasing), still in order."""
        kept = {f.name: getattr(self, f.name)[index] for f in fields(self) if f.name != "rank"}
        return ChartPoints(rank=np.arange(len(kept["claim_id"])), **kept)

    def select(self, mask: np.ndarray) -> ChartPoints:
        """The points of the claims rows where `mask` (aligned with the claims) is true."""
        return self.take(np.sort(self.rank[mask]))

    def of_family(self, family: str) -> ChartPoints:
        """One indicator's points: a contiguous run, as the indicator sorts first."""
        start = np.searchsorted(self.family, family, side="left")
        stop = np.searchsorted(self.family, family, side="right")
        return self.take(slice(int(start), int(stop)))


def _sorted_codes(values: pd.Series, empty: str = NO_LABEL) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, distinct labels), codes in label order; missing values read `empty`."""
    labels = values.astype("string").fillna("").replace("", empty)
    codes, distinct = pd.factorize(labels, sort=True)
    return codes, distinct.to_numpy(dtype=str)


def _escaped(labels: np.ndarray) -> np.ndarray:
    return np.array([escape(label) for label in labels], dtype=str)


def chart_points(claims: pd.DataFrame) -> ChartPoints:
    """The claims as chart points; built once per loaded table (the loader keeps it).

    Sorting and grouping work on integer codes of the distinct labels, and every label is
    escaped once per distinct value, not once per claim.
    """
    family, body, period = (_sorted_codes(claims[c]) for c in ("indicator", "body", "period"))
    unit, kind = (_sorted_codes(claims[c], empty="") for c in ("unit", "kind"))
    order = np.lexsort([codes for codes, _ in (period, kind, body, unit, family)])
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    starts = np.zeros(len(order), dtype=bool)
    for codes, _ in (family, unit, body, kind):
        ordered = codes[order]
        starts[1:] |= ordered[1:] != ordered[:-1]
    value = claims["value"].to_numpy(dtype=float, na_value=np.nan)
    value_max = claims["value_max"].to_numpy(dtype=float, na_value=np.nan)
    hover = np.array(
        [
            escape(f"{v} ({q}, {k})") + "<br>" + escape(f"{p} · {b}")
            for v, q, k, p, b in zip(
                formatted_values(claims),
                claims["qualifier"].astype("string").fillna(""),
                kind[1][kind[0]],
                period[1][period[0]],
                body[1][body[0]],
                strict=True,
            )
        ],
        dtype=str,
    ).reshape(-1)  # (0,) rather than an error when there are no claims
    return ChartPoints(
        rank=rank,
        family=family[1][family[0][order]],
        unit=unit[1][unit[0][order]],
        body=_escaped(body[1])[body[0][order]],
        kind=kind[1][kind[0][order]],
        trace=np.cumsum(starts),
        x=_escaped(period[1])[period[0][order]],
        y=value[order],
        above=np.nan_to_num(value_max - value, nan=0.0)[order],
        claim_id=claims["claim_id"].to_numpy(dtype=str)[order],
        hover=hover[order],
    )


def indicator_families(points: ChartPoints) -> list[str]:
    """Indicators present, most claims first (ties alphabetical); unlabelled ones (NO_LABEL)
    last, as they mix unrelated quantities."""
    labels, counts = np.unique(points.family, return_counts=True)
    count = dict(zip(labels.tolist(), counts.tolist(), strict=True))
    return sorted(count, key=lambda label: (label == NO_LABEL, -count[label], label))


def _runs(values: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of equal neighbouring values."""
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]]) if len(values) else []
    bounds = [*map(int, starts), len(values)]
    return list(zip(bounds, bounds[1:], strict=False))


def _trace(
    points: ChartPoints, row: int, colour: str, webgl: bool, show_legend: bool
) -> go.Scatter | go.Scattergl:
    """One ministry's claims of one kind in one unit, drawn in subplot row `row`."""
    body, kind = str(points.body[0]), str(points.kind[0])
    trace_type = go.Scattergl if webgl else go.Scatter
    return trace_type(
        xaxis=_axis_name("x", row),
        yaxis=_axis_name("y", row),
        x=points.x,
        y=points.y,
        mode="markers",
        name=f"{body} · {escape(kind)}",
        legendgroup=body,
        showlegend=show_legend,
        marker={"symbol": KIND_SYMBOLS.get(kind, "square"), "size": 10, "color": colour},
        error_y={
            "type": "data",
            "symmetric": False,
            "array": points.above,
            "arrayminus": np.zeros(len(points)),
            "thickness": 3,
            "width": 0,
            "visible": bool(points.above.any()),
        },
        customdata=points.claim_id,
        hovertext=points.hover,
        hovertemplate="%{hovertext}<extra></extra>",
        # Plotly otherwise checks every array element one by one (about a second for 100,000
        # points); these arrays are typed NumPy arrays built in chart_points.
        _validate=False,
    )


def _axis_name(letter: str, row: int) -> str:
    return letter if row == 1 else f"{letter}{row}"


def _axes(units: list[str]) -> dict:
    """One subplot row per unit, top to bottom, sharing the period axis of the bottom row."""
    rows = len(units)
    share = (1 - ROW_SPACING * (rows - 1)) / rows
    bottom = _axis_name("x", rows)
    layout = {}
    for number, unit in enumerate(units, start=1):
        suffix = _axis_name("", number)
        top = 1 - (number - 1) * (share + ROW_SPACING)
        shared = {"matches": bottom, "showticklabels": False} if number < rows else {}
        layout[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}",
            "type": "category",
            "categoryorder": "category ascending",
            **shared,
        }
        layout[f"yaxis{suffix}"] = {
            "anchor": f"x{suffix}",
            "domain": [max(top - share, 0.0), top],
            "title": {"text": escape(unit or "(no unit)")},
            # from zero: magnitudes compare honestly, and a row whose claims all state one
            # value gets readable ticks instead of 24.999999999B, 25.000000001B
            "rangemode": "tozero",
        }
    return layout


def family_figure(points: ChartPoints, family: str) -> go.Figure:
    """One indicator's claims: a subplot row per unit, x = period, a trace per ministry and
    kind. `points` may hold other indicators too; only `family`'s are drawn."""
    points = points.of_family(family)
    units = [str(points.unit[start]) for start, _ in _runs(points.unit)]
    runs = _runs(points.trace)
    bodies = sorted({str(points.body[start]) for start, _ in runs})
    webgl = len(points) > WEBGL_POINTS
    traces, in_legend = [], set()
    for start, stop in runs:
        trace_points = points.take(slice(start, stop))
        legend_key = (str(trace_points.body[0]), str(trace_points.kind[0]))
        row = units.index(str(trace_points.unit[0])) + 1
        colour = MINISTRY_COLOURS[bodies.index(legend_key[0]) % len(MINISTRY_COLOURS)]
        traces.append(_trace(trace_points, row, colour, webgl, legend_key not in in_legend))
        in_legend.add(legend_key)
    layout = {
        **_axes(units),
        "title": {"text": escape(family)},
        "height": 260 + 180 * len(units),
        "margin": {"t": 50, "b": 30},
        "legend": {"orientation": "h", "y": -0.15},
        "clickmode": "event+select",
    }
    return go.Figure(data=traces, layout=layout, _validate=False)
