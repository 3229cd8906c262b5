"""Plotly figures of fact series on a real time axis. One figure is one indicator in one unit
(values of different units never share an axis). Each series (series.SERIES_KEY) is drawn in
its ministry's fixed colour: every fact a marker at the middle of its period, with its
period drawn as a horizontal span (a year is a year-long bar, a month a short one) and a
range as a vertical bar from its low to its high bound. Actuals are solid, targets hollow
and dotted, estimates lighter and dashed. A marker carries the claim a click opens in
`customdata`; its tooltip lists every language the fact is stated in. Every label from a
document is HTML-escaped (Plotly reads labels as HTML). The title's subtitle is the source
line, so an exported PNG or SVG says where its figures come from.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.series import (
    CHANGE_BASIS_WORDS,
    language_counts,
    ministry_colour,
    point_text,
    series_label,
    series_of,
)

KIND_STYLE = {  # marker symbol, span dash, opacity
    "actual": ("circle", "solid", 1.0),
    "target": ("circle-open", "dot", 1.0),
    "estimate": ("diamond", "dash", 0.55),
}
OUTLINE = "rgba(128,128,128,0.9)"  # marker edge readable on light and dark backgrounds
HEIGHT = 440
EXPORT_FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


def _spans(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """x and y of every span as its own segment: its first and last day, then a gap (a
    missing y breaks the line). Arrays, not lists: Plotly checks a list item by item."""
    starts = frame["start"].to_numpy(dtype="datetime64[ns]")
    lasts = (frame["end"] - pd.Timedelta(days=1)).to_numpy(dtype="datetime64[ns]")
    values = frame["value"].to_numpy(dtype=float)
    xs = np.empty(3 * len(frame), dtype="datetime64[ns]")
    ys = np.full(3 * len(frame), np.nan)
    xs[0::3], xs[1::3], xs[2::3] = starts, lasts, lasts
    ys[0::3], ys[1::3] = values, values
    return xs, ys


def _hover(frame: pd.DataFrame, key: dict) -> list[str]:
    basis = CHANGE_BASIS_WORDS.get(key["change_basis"], key["change_basis"])
    about = " · ".join(p for p in (key["body"], key["kind"], basis) if p)
    texts = []
    for point in frame.to_dict("records"):
        stated = f"stated in {point['quotes']} quote(s): {language_counts(point['langs'])}"
        texts.append(
            f"<b>{escape(point_text(point))}</b> · {escape(str(point['period']))}<br>"
            f"{escape(about)}<br>{escape(stated)}"
        )
    return texts


def _series_traces(key: dict, frame: pd.DataFrame) -> list[go.Scatter]:
    symbol, dash, opacity = KIND_STYLE.get(key["kind"], ("square", "solid", 1.0))
    colour = ministry_colour(key["body"])
    name = escape(series_label(key))
    group = name
    span_x, span_y = _spans(frame)
    above = (frame["value_max"] - frame["value"]).fillna(0.0).to_numpy(dtype=float)
    return [
        go.Scatter(
            x=span_x,
            y=span_y,
            mode="lines",
            line={"color": colour, "width": 3, "dash": dash},
            opacity=opacity,
            hoverinfo="skip",
            showlegend=False,
            legendgroup=group,
        ),
        go.Scatter(
            x=frame["middle"],
            y=frame["value"],
            mode="markers",
            name=name,
            legendgroup=group,
            opacity=opacity,
            marker={
                "symbol": symbol,
                "size": 11,
                "color": colour,
                "line": {"width": 2 if symbol.endswith("open") else 1, "color": colour}
                if symbol.endswith("open")
                else {"width": 1, "color": OUTLINE},
            },
            error_y={
                "type": "data",
                "symmetric": False,
                "array": above,
                "arrayminus": np.zeros(len(above)),
                "color": colour,
                "thickness": 4,
                "width": 6,
                "visible": bool(above.any()),
            },
            customdata=frame["claim_id"],
            hovertext=_hover(frame, key),
            hovertemplate="%{hovertext}<extra></extra>",
        ),
    ]


def fact_figure(points: pd.DataFrame, indicator: str, unit: str, source_line: str) -> go.Figure:
    """The facts of one indicator in one unit, a series per trace pair (span + markers)."""
    chart = points[(points["indicator"] == indicator) & (points["unit"] == unit)]
    traces = [trace for key, frame in series_of(chart) for trace in _series_traces(key, frame)]
    title = f"{indicator or 'Unlabelled figures'} ({unit or 'no unit'})"
    layout = {
        # the source line is the title's subtitle: it is in every export and no legend of
        # any length can overlap it
        "title": {
            "text": escape(title),
            "subtitle": {"text": escape(source_line), "font": {"size": 11}},
        },
        # a font every system has: an exported image is drawn without the page's web fonts,
        # and labels laid out in one font overlap when drawn in a wider one
        "font": {"family": EXPORT_FONT},
        "height": HEIGHT,
        "margin": {"t": 70, "b": 90},
        "xaxis": {"type": "date", "title": {"text": "Period (bars span it)"}},
        "yaxis": {"title": {"text": escape(unit or "value")}, "rangemode": "tozero"},
        "legend": {"orientation": "h", "y": -0.25, "yanchor": "top"},
        "clickmode": "event+select",
    }
    return go.Figure(data=traces, layout=layout)


EXPORT_FORMATS = {"png": 2, "svg": 1}  # format -> scale (a PNG at twice the size, for slides)
EXPORT_SIZE = (1200, 600)  # pixels (before scale): the source line is laid out for this width


def export_config(name: str, image_format: str = "png") -> dict:
    """The chart's toolbar: its camera button downloads the figure as `image_format` (PNG or
    SVG), the title, axes, legend and source line included (they are part of the figure)."""
    filename = "".join(c if c.isalnum() else "_" for c in name)[:60] or "chart"
    width, height = EXPORT_SIZE
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": image_format,
            "filename": filename,
            "width": width,
            "height": height,
            "scale": EXPORT_FORMATS[image_format],
        },
    }
