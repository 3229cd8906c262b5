"""Overview figures: one Plotly chart per indicator, value by period and ministry.

Each unit gets its own subplot row (values of different units never share an axis); a range
is drawn as a bar from its low to its high bound; targets and estimates use hollow markers
so they read apart from actuals. Every point carries its claim id in `customdata`.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.logic import NO_LABEL, formatted_values

KIND_SYMBOLS = {"actual": "circle", "target": "diamond-open", "estimate": "triangle-up-open"}
MAX_CHARTS = 12  # beyond this the Overview asks the reader to pick indicators in the sidebar


def indicator_families(claims: pd.DataFrame) -> list[str]:
    """Indicators present, most claims first (ties alphabetical); unlabelled ones (NO_LABEL)
    last, as they mix unrelated quantities."""
    labels = claims["indicator"].fillna("").replace("", NO_LABEL)
    counts = labels.value_counts()
    return sorted(counts.index, key=lambda label: (label == NO_LABEL, -counts[label], label))


def family_rows(claims: pd.DataFrame, family: str) -> pd.DataFrame:
    labels = claims["indicator"].fillna("").replace("", NO_LABEL)
    return claims[labels == family]


def _trace(rows: pd.DataFrame, body: str, kind: str, show_legend: bool) -> go.Scatter:
    """One ministry's claims of one kind. Plotly reads labels as HTML, so values that come
    from documents or tables are escaped."""
    ranges = (rows["value_max"] - rows["value"]).fillna(0.0).to_numpy()
    hover = [
        escape(f"{value} ({qualifier}, {kind})") + "<br>" + escape(f"{period} · {body}")
        for value, qualifier, period in zip(
            formatted_values(rows), rows["qualifier"], rows["period_label"], strict=True
        )
    ]
    # Fixed-width string arrays: Streamlit deep-copies the figure, which is a memcpy for these
    # and an element-by-element copy for Python lists or object arrays.
    return go.Scatter(
        x=rows["period_label"].to_numpy(dtype=str),
        y=rows["value"].to_numpy(dtype=float),
        mode="markers",
        name=escape(f"{body} · {kind}"),
        legendgroup=escape(body),
        showlegend=show_legend,
        marker={"symbol": KIND_SYMBOLS.get(kind, "square"), "size": 10},
        error_y={
            "type": "data",
            "symmetric": False,
            "array": ranges,
            "arrayminus": np.zeros(len(rows)),
            "thickness": 3,
            "width": 0,
            "visible": bool(ranges.any()),
        },
        customdata=rows["claim_id"].to_numpy(dtype=str),
        hovertext=np.asarray(hover, dtype=str),
        hovertemplate="%{hovertext}<extra></extra>",
        # Plotly otherwise checks every array element one by one (about a second for 100,000
        # points); these arrays are built above with known types.
        _validate=False,
    )


def family_figure(rows: pd.DataFrame, title: str) -> go.Figure:
    """One indicator's claims: a subplot row per unit, x = period, a trace per ministry
    and kind."""
    rows = rows.assign(
        period_label=rows["period"].fillna("").replace("", NO_LABEL).map(escape),
        body=rows["body"].fillna("").replace("", NO_LABEL),
        unit=rows["unit"].fillna(""),
    ).sort_values(["period_label", "body"])
    units = sorted(rows["unit"].unique())
    figure = make_subplots(
        rows=len(units), cols=1, shared_xaxes=True, vertical_spacing=0.08, subplot_titles=None
    )
    in_legend: set[tuple[str, str]] = set()
    for row_number, unit in enumerate(units, start=1):
        of_unit = rows[rows["unit"] == unit]
        for (body, kind), group in of_unit.groupby(["body", "kind"], sort=True):
            trace = _trace(group, body, kind, show_legend=(body, kind) not in in_legend)
            in_legend.add((body, kind))
            figure.add_trace(trace, row=row_number, col=1)
        figure.update_yaxes(title_text=escape(unit or "(no unit)"), row=row_number, col=1)
    figure.update_xaxes(type="category", categoryorder="category ascending")
    figure.update_layout(
        title=escape(title),
        height=260 + 180 * len(units),
        margin={"t": 50, "b": 30},
        legend={"orientation": "h", "y": -0.15},
        clickmode="event+select",
    )
    return figure
