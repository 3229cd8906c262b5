"""Pure functions behind the charts: time placement, figures, colours, fact tables, export
options, search normalisation (the queries that aggregate points: test_dashboard_query.py)."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pytest

from dashboard.figures import export_config, fact_figure
from dashboard.logic import Filters
from dashboard.search import fold, number_readings
from dashboard.series import (
    PALETTE,
    SPARKLINE_HEIGHT,
    SPARKLINE_POINTS,
    SPARKLINE_WIDTH,
    fact_table,
    language_counts,
    ministry_colour,
    sparkline,
    sparkline_svg,
)
from dashboard.timeline import month_range, period_bounds

T = pd.Timestamp


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        ("2024", (T("2024-01-01"), T("2025-01-01"))),
        ("2024-Q2", (T("2024-04-01"), T("2024-07-01"))),
        ("2023-05", (T("2023-05-01"), T("2023-06-01"))),
        ("2023-12", (T("2023-12-01"), T("2024-01-01"))),
        ("2024-01/2024-05", (T("2024-01-01"), T("2024-06-01"))),
        ("2023/2024", (T("2023-01-01"), T("2025-01-01"))),
        ("2024-05/2024-01", None),
        ("2024-13", None),
        ("abc", None),
        ("", None),
        (None, None),
    ],
)
def test_timeline_period_bounds_places_years_quarters_months_and_spans(period, bounds):
    assert period_bounds(period) == bounds


def test_timeline_month_range_covers_every_placed_period():
    spans = pd.DataFrame({"start": [T("2023-11-01"), pd.NaT], "end": [T("2025-01-01"), pd.NaT]})
    months = month_range(spans)
    assert months[0] == "2023-11" and months[-1] == "2024-12" and len(months) == 14


def point(claim_id: str, period: str, value: float, kind: str = "actual", **key) -> dict:
    start, end = period_bounds(period)
    return {
        "indicator": "exports",
        "body": "Ministry of Industry and Trade",
        "unit": "USD",
        "change_basis": "",
        "kind": kind,
        "fact": claim_id,
        "period": period,
        "start": start,
        "end": end,
        "middle": start + (end - start) / 2,
        "value": value,
        "value_max": float("nan"),
        "claim_id": claim_id,
        "quotes": 1,
        "langs": {"en": 1},
        **key,
    }


@pytest.fixture
def points() -> pd.DataFrame:
    return pd.DataFrame(
        [
            point("old", "2023", 700e9),
            point("en", "2024", 786.3e9, quotes=3, langs={"en": 1, "fr": 1, "vi": 1}),
            point("tgt", "2025", 900e9, kind="target"),
        ]
    )


def test_series_figure_draws_time_spans_and_hollow_targets(points):
    figure = fact_figure(points, "exports", "USD", "Source: test")
    assert figure.layout.xaxis.type == "date"
    markers = [t for t in figure.data if t.mode == "markers"]
    symbols = {claim_id: t.marker.symbol for t in markers for claim_id in t.customdata}
    assert symbols["tgt"] == "circle-open" and symbols["en"] == "circle"
    spans = [t for t in figure.data if t.mode == "lines"]
    first, last, gap = pd.to_datetime(spans[0].x[:3])
    assert (last - first).days >= 364  # a year drawn as a year
    assert np.isnan(spans[0].y[2]) and last == gap  # then the line breaks
    assert figure.layout.title.subtitle.text == "Source: test"
    hover = next(t for t in markers if "en" in t.customdata).hovertext
    assert any("3 quote(s): en, fr, vi" in text for text in hover)


@pytest.mark.parametrize(
    ("langs", "text"),
    [({"en": 1}, "en"), ({"fr": 1, "vi": 2, "en": 1}, "vi ×2, en, fr"), ({}, "")],
)
def test_series_language_counts_most_quoted_first(langs, text):
    assert language_counts(langs) == text


def test_series_fact_table_reads_for_people_with_source_links(points):
    table = fact_table(points, Filters(lang=("en",)))
    assert list(table["period"]) == ["2023", "2024", "2025"]
    assert table["as stated"].iloc[1] == "786.3 billion USD"
    assert table["languages"].iloc[1] == "en, fr, vi"
    assert table["source"].iloc[1] == "source?lang=en&claim=en"
    assert "target" in table["series"].iloc[2]


@pytest.mark.parametrize("image_format", ["png", "svg"])
def test_figures_export_config_downloads_the_chosen_format(image_format):
    options = export_config("GDP change (%)", image_format)["toImageButtonOptions"]
    assert options["format"] == image_format and options["filename"] == "GDP_change____"
    assert options["width"] > options["height"] > 0


@pytest.mark.parametrize("body", ["Ministry of Industry and Trade", "Bộ Công Thương", ""])
def test_series_ministry_colour_is_fixed_by_the_name(body):
    assert ministry_colour(body) in PALETTE
    assert ministry_colour(body) == ministry_colour(str(body))  # same in a new string
    assert ministry_colour(body) == ministry_colour(unicodedata.normalize("NFC", body))


def test_series_ministry_colour_does_not_depend_on_order():
    bodies = [f"Ministry {n}" for n in range(20)]
    assert [ministry_colour(b) for b in bodies] == [ministry_colour(b) for b in bodies[::-1]][::-1]
    assert len({ministry_colour(b) for b in bodies}) > 1


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Xuất nhập khẩu", "xuat nhap khau"),
        (unicodedata.normalize("NFD", "Xuất nhập khẩu"), "xuat nhap khau"),
        ("Đồng", "dong"),
        ("Économie  française", "economie francaise"),
        ("ŒUVRE", "oeuvre"),
    ],
)
def test_search_fold_is_accent_case_and_form_insensitive(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("token", "readings"),
    [("786,3", {786.3}), ("786.3", {786.3}), ("1.726", {1.726, 1726.0}), ("5,566.4", {5566.4})],
)
def test_search_number_readings_in_both_conventions(token, readings):
    assert number_readings(token) == readings


@pytest.mark.parametrize("count", [1, 24, 100])
def test_series_sparkline_shows_the_latest_values_in_time_order(count):
    years = range(2100 - count, 2100)
    series = pd.DataFrame([point(str(y), str(y), float(y)) for y in years]).iloc[::-1]
    values = sparkline(series)
    assert values == [float(y) for y in years][-SPARKLINE_POINTS:]


def polyline_points(svg: str) -> list[tuple[float, float]]:
    points = re.search(r'points="([^"]*)"', svg).group(1)
    return [tuple(float(n) for n in pair.split(",")) for pair in points.split()]


@pytest.mark.parametrize(
    ("values", "lowest", "highest"),
    [([1.0, 3.0, 2.0], 0, 1), ([5.0, -5.0], 1, 0), ([1e9, 2e9, 3e9, 0.0], 3, 2)],
)
def test_series_sparkline_svg_spans_the_box_left_to_right_low_to_high(values, lowest, highest):
    points = polyline_points(sparkline_svg(values))
    assert len(points) == len(values)
    xs = [x for x, _ in points]
    assert xs == sorted(xs) and xs[0] == 0 and xs[-1] == SPARKLINE_WIDTH
    ys = [y for _, y in points]  # SVG's y grows downwards
    assert ys[lowest] == SPARKLINE_HEIGHT and ys[highest] == 0


@pytest.mark.parametrize("values", [[7.0, 7.0], [0.0, 0.0, 0.0]])
def test_series_sparkline_svg_draws_a_flat_series_across_the_middle(values):
    assert {y for _, y in polyline_points(sparkline_svg(values))} == {SPARKLINE_HEIGHT / 2}


def test_series_sparkline_svg_holds_only_the_drawing():
    svg = sparkline_svg([1.0, 2.0], height=40)
    assert svg.startswith("<svg ") and svg.endswith("</svg>") and 'height="40"' in svg
    assert "<script" not in svg and "href" not in svg
