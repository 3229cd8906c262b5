"""Pure functions behind the charts: time placement, series keys, one point per fact,
colours, search normalisation."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest

from dashboard.figures import fact_figure
from dashboard.search import fold, fold_column, number_readings, parse_query, search_mask
from dashboard.series import (
    PALETTE,
    change_text,
    fact_points,
    latest_change,
    ministry_colour,
    series_of,
)
from dashboard.timeline import month_range, overlaps, period_bounds, period_spans
from extract.schema import conform

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


def test_timeline_periods_sort_in_time_not_as_text():
    periods = pd.Series(["2023-06", "2023", "2022-07", "2025", "2024"])
    spans = period_spans(periods)
    assert list(periods[spans["start"].argsort()]) == ["2022-07", "2023", "2023-06", "2024", "2025"]


@pytest.mark.parametrize(
    ("first", "last", "kept"),
    [
        ("", "", [True, True, True, True]),
        ("2024-01", "2024-12", [False, True, True, False]),
        ("2024-06", "", [False, True, True, False]),
        ("", "2023-12", [True, False, False, False]),
    ],
)
def test_timeline_overlaps_keeps_periods_that_meet_the_range(first, last, kept):
    spans = period_spans(pd.Series(["2023", "2024-06", "2024-01/2025-03", ""]))
    assert overlaps(spans, first, last).tolist() == kept


def test_timeline_month_range_covers_every_placed_period():
    months = month_range(period_spans(pd.Series(["2023-11", "2024", ""])))
    assert months[0] == "2023-11" and months[-1] == "2024-12" and len(months) == 14


@pytest.fixture
def fact_claims(claim_row) -> pd.DataFrame:
    rows = [  # one fact in three languages, another period, a target, a month-on-month
        claim_row(claim_id="en", fact_id="f1", lang="en", value=786.3e9, unit="USD"),
        claim_row(claim_id="fr", fact_id="f1", lang="fr", value=786.3e9, unit="USD"),
        claim_row(claim_id="vi", fact_id="f1", lang="vi", value=786.3e9, unit="USD"),
        claim_row(claim_id="old", fact_id="", period="2023", year=2023, value=700e9, unit="USD"),
        claim_row(claim_id="tgt", fact_id="", kind="target", period="2025", value=900e9),
        claim_row(claim_id="mom", fact_id="", change_basis="mom", value=2.0, unit="%"),
        claim_row(claim_id="yoy", fact_id="", change_basis="yoy", value=8.0, unit="%"),
        claim_row(claim_id="none", fact_id="", period="", year=None, value=1.0),
    ]
    frame = conform(pd.DataFrame(rows))
    frame.loc[frame["claim_id"] == "tgt", "unit"] = "USD"
    frame.loc[frame["unit"] == "USD", "change_basis"] = ""
    return frame


def test_series_one_point_per_fact_with_every_language(fact_claims):
    points = fact_points(fact_claims, period_spans(fact_claims["period"]))
    assert "none" not in set(points["claim_id"])  # no period: not on the time axis
    trade = points[points["claim_ids"].map(lambda ids: "en" in ids)]
    assert len(trade) == 1 and sorted(trade.iloc[0]["langs"]) == ["en", "fr", "vi"]
    assert len(points) == 5


def test_series_keys_keep_kind_and_change_basis_apart(fact_claims):
    points = fact_points(fact_claims, period_spans(fact_claims["period"]))
    keys = {(k["unit"], k["kind"], k["change_basis"]) for k, _ in series_of(points)}
    assert ("USD", "target", "") in keys and ("USD", "actual", "") in keys
    assert ("%", "actual", "mom") in keys and ("%", "actual", "yoy") in keys


def test_series_latest_change_compares_with_the_previous_period(fact_claims):
    points = fact_points(fact_claims, period_spans(fact_claims["period"]))
    actual = [f for k, f in series_of(points) if k["unit"] == "USD" and k["kind"] == "actual"]
    last, previous = latest_change(actual[0])
    assert (last["period"], previous["period"]) == ("2024", "2023")
    assert change_text(last, previous) == "+86.3 billion USD since 2023"


def test_series_figure_draws_time_spans_and_hollow_targets(fact_claims):
    points = fact_points(fact_claims, period_spans(fact_claims["period"]))
    figure = fact_figure(points, fact_claims["indicator"].iloc[0], "USD", "Source: test")
    assert figure.layout.xaxis.type == "date"
    markers = [t for t in figure.data if t.mode == "markers"]
    symbols = {claim_id: t.marker.symbol for t in markers for claim_id in t.customdata}
    assert symbols["tgt"] == "circle-open" and symbols["en"] == "circle"
    spans = [t for t in figure.data if t.mode == "lines"]
    year_span = [x for x in spans[0].x if x is not None]
    assert (year_span[1] - year_span[0]).days >= 364  # a year drawn as a year
    assert "Source: test" in figure.layout.annotations[0].text


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


@pytest.mark.parametrize(
    "query", ["786.3", "786,3", "786.3 billion", "786,3 tỷ", "786,3 milliards usd"]
)
def test_search_numbers_find_the_claim_they_belong_to(query):
    sentence = "Kim ngạch xuất nhập khẩu đạt 786,3 tỷ USD, tăng 15,4%."
    claims = pd.DataFrame(
        {"text": [sentence, sentence], "value": [786.3e9, 15.4], "value_max": [np.nan, np.nan]}
    )
    folded = fold_column(claims["text"] + " usd")
    mask = search_mask(
        folded, claims["value"].to_numpy(), claims["value_max"].to_numpy(), parse_query(query)
    )
    assert mask.tolist() == [True, False]  # the 15.4% claim in the same sentence did not match


@pytest.mark.parametrize(
    ("query", "hits"), [("xuat nhap khau", 1), ("XUẤT", 1), ("tăng", 1), ("export", 0)]
)
def test_search_words_ignore_accents_and_case(query, hits):
    folded = fold_column(pd.Series(["Kim ngạch xuất nhập khẩu tăng"]))
    mask = search_mask(folded, np.array([1.0]), np.array([np.nan]), parse_query(query))
    assert int(mask.sum()) == hits
