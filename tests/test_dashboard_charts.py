"""dashboard/charts.py: one figure per indicator, units apart, every point a claim id."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.charts import (
    KIND_SYMBOLS,
    WEBGL_POINTS,
    chart_points,
    family_figure,
    indicator_families,
)
from dashboard.logic import NO_LABEL
from extract.schema import conform, empty_claims


@pytest.fixture
def claims(claim_row) -> pd.DataFrame:
    rows = [
        claim_row(claim_id="p1", indicator="exports", unit="%", value=8.4),
        claim_row(claim_id="u1", indicator="exports", unit="USD", value=4e11),
        claim_row(
            claim_id="t1",
            indicator="exports",
            kind="target",
            value=6.0,
            value_max=6.5,
            period="2025",
            body="<img src=x onerror=alert(1)>",
        ),
        claim_row(claim_id="n1", indicator="", period="", value=3.0),
        claim_row(claim_id="n2", indicator="", period="", value=4.0),
    ]
    return conform(pd.DataFrame(rows))


def points(figure) -> dict[str, tuple]:
    """claim id -> (y axis, x, y, symbol, range above) for every plotted point."""
    found = {}
    for trace in figure.data:
        ranges = trace.error_y.array if trace.error_y.array is not None else [0] * len(trace.x)
        for claim_id, x, y, extra in zip(trace.customdata, trace.x, trace.y, ranges, strict=True):
            found[claim_id] = (trace.yaxis, x, y, trace.marker.symbol, extra)
    return found


def figure_of(claims: pd.DataFrame, family: str):
    return family_figure(chart_points(claims), family)


def test_charts_indicator_families_most_claims_first_unlabelled_last(claims):
    assert indicator_families(chart_points(claims.iloc[:-1])) == ["exports", NO_LABEL]
    extra = claims.assign(indicator=["a", "b", "b", "", ""])  # unlabelled ties "b", still last
    assert indicator_families(chart_points(extra)) == ["b", "a", NO_LABEL]
    assert list(chart_points(claims).of_family(NO_LABEL).claim_id) == ["n1", "n2"]


@pytest.mark.parametrize("family", ["exports", NO_LABEL])
def test_charts_every_claim_of_the_indicator_is_one_point_with_its_id(claims, family):
    expected = {"exports": {"p1", "u1", "t1"}, NO_LABEL: {"n1", "n2"}}[family]
    assert set(points(figure_of(claims, family))) == expected


@pytest.mark.parametrize(
    ("kept", "expected"),
    [
        ([True, True, True, True, True], {"p1", "u1", "t1", "n1", "n2"}),
        ([False, True, True, False, True], {"u1", "t1", "n2"}),
        ([False] * 5, set()),
    ],
)
def test_charts_select_keeps_the_filtered_claims_in_chart_order(claims, kept, expected):
    selected = chart_points(claims).select(np.array(kept))
    assert set(selected.claim_id) == expected
    order = list(zip(selected.family, selected.unit, selected.body, selected.kind, strict=True))
    assert order == sorted(order)  # each chart, unit row and trace stays one slice
    if expected:
        assert set(points(family_figure(selected, selected.family[0]))) <= expected


def test_charts_no_claims_give_no_points():
    assert len(chart_points(empty_claims())) == 0
    assert indicator_families(chart_points(empty_claims())) == []


def test_charts_units_never_share_an_axis(claims):
    found = points(figure_of(claims, "exports"))
    assert found["p1"][0] == found["t1"][0] != found["u1"][0]


def test_charts_targets_and_ranges_are_drawn_apart(claims):
    found = points(figure_of(claims, "exports"))
    assert found["p1"][3] == KIND_SYMBOLS["actual"] != found["t1"][3] == KIND_SYMBOLS["target"]
    assert found["t1"][4] == pytest.approx(0.5)  # a bar from 6 up to 6.5
    assert found["p1"][4] == 0


def test_charts_empty_period_still_plots(claims):
    found = points(figure_of(claims, NO_LABEL))
    assert found["n1"][1] == NO_LABEL


def test_charts_document_values_are_escaped_in_labels(claims):
    figure = figure_of(claims, "exports")
    labels = [t.name for t in figure.data] + [h for t in figure.data for h in t.hovertext]
    assert not any("<img" in label for label in labels)
    assert any("&lt;img" in label for label in labels)


@pytest.mark.parametrize(("count", "trace_type"), [(3, "scatter"), (WEBGL_POINTS + 1, "scattergl")])
def test_charts_many_points_are_drawn_with_webgl_and_keep_their_ids(claim_row, count, trace_type):
    rows = [claim_row(claim_id=f"c{i}", value=float(i)) for i in range(count)]
    figure = figure_of(conform(pd.DataFrame(rows)), "industrial production growth")
    assert {trace.type for trace in figure.data} == {trace_type}
    assert len(points(figure)) == count


def test_charts_a_ministry_keeps_its_colour_in_every_unit_row(claims):
    figure = figure_of(claims, "exports")
    colour = {claim_id: t.marker.color for t in figure.data for claim_id in t.customdata}
    assert colour["p1"] == colour["u1"] != colour["t1"]  # t1 is another ministry's
