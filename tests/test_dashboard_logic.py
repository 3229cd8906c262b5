"""dashboard/logic.py: filtering, counting, formatting, links and exports, without Streamlit."""

from __future__ import annotations

import io
import json
from urllib.parse import unquote

import pandas as pd
import pytest

from dashboard.logic import (
    NO_LABEL,
    Filters,
    claim_id_from_selection,
    claims_for_people,
    count_by,
    escape_markdown,
    export_csv,
    export_json,
    filter_claims,
    filter_options,
    filters_from_url,
    find_claim,
    format_value,
    mention_context,
    offsets_match,
    safe_http_url,
    text_fragment_url,
)
from extract.schema import CLAIM_COLUMNS, conform


@pytest.fixture
def claims(claim_row) -> pd.DataFrame:
    """Four claims that differ in every filtered column."""
    rows = [
        claim_row(claim_id="a", body="Ministry of Industry and Trade", year=2024, period="2024"),
        claim_row(
            claim_id="b",
            body="Ministry of Home Affairs",
            lang="vi",
            year=2023,
            period="2023",
            indicator="staff reduction",
            unit="people",
            value=519.0,
            sentence="Giảm 519 người.",
            start=5,
            end=14,
            sentence_end=15,
        ),
        claim_row(claim_id="c", kind="target", year=2025, period="2025", lang="fr", value=8.0),
        claim_row(
            claim_id="d", indicator="", year=None, period="", sentence="About 3% more.", value=3.0
        ),
    ]
    return conform(pd.DataFrame(rows))


@pytest.mark.parametrize(
    ("filters", "expected_ids"),
    [
        (Filters(), {"a", "b", "c", "d"}),
        (Filters(ministry=("Ministry of Home Affairs",)), {"b"}),
        (Filters(year=(2024, 2025)), {"a", "c"}),
        (Filters(lang=("fr", "vi")), {"b", "c"}),
        (Filters(indicator=("staff reduction",)), {"b"}),
        (Filters(kind=("target",)), {"c"}),
        (Filters(q="GIẢM"), {"b"}),  # search ignores case, over the quote
        (Filters(q="staff"), {"b"}),  # and over the indicator
        (Filters(q="3%"), {"d"}),  # a number finds the claim of that value
        (Filters(q="giam 519"), {"b"}),  # accents and case do not matter
        (Filters(q="home affairs"), {"b"}),  # the body is searched
        (Filters(q="people"), {"b"}),  # and the unit
        (Filters(q="8,4"), {"a"}),  # 8,4 is 8.4 (c states 8)
        (Filters(period_from="2024-01", period_to="2025-06"), {"a", "c"}),  # time range
        (Filters(period_from="2025-01"), {"c"}),
        (Filters(kind=("target",), lang=("en",)), set()),  # filters combine with AND
    ],
)
def test_logic_filter_claims_keeps_matching_rows(claims, filters, expected_ids):
    assert set(filter_claims(claims, filters)["claim_id"]) == expected_ids


def test_logic_filter_options_lists_distinct_values_without_missing_years(claims):
    options = filter_options(claims)
    assert options["year"] == [2023, 2024, 2025]
    assert options["ministry"] == ["Ministry of Home Affairs", "Ministry of Industry and Trade"]
    assert "" in options["indicator"]  # an empty indicator can still be chosen


def test_logic_filters_as_query_params_reproduce_the_view():
    filters = Filters(ministry=("A",), year=(2024,), indicator=("",), q="export")
    assert filters.as_query_params() == {
        "ministry": ["A"],
        "year": ["2024"],
        "indicator": [NO_LABEL],
        "q": "export",
    }


OPTIONS = {
    "ministry": ["A", "B"],
    "year": [2023, 2024],
    "lang": ["en"],
    "indicator": ["", "x"],
    "kind": ["actual"],
}


@pytest.mark.parametrize(
    ("params", "filters", "ignored"),
    [
        ({}, Filters(), []),
        ({"year": ["2024"], "q": [" export "]}, Filters(year=(2024,), q="export"), []),
        ({"year": ["abc", "2023"]}, Filters(year=(2023,)), ["year=abc"]),
        ({"ministry": ["C", "A", "A"]}, Filters(ministry=("A",)), ["ministry=C"]),
        ({"indicator": [NO_LABEL]}, Filters(indicator=("",)), []),
        ({"lang": ["../x"], "kind": ["target"]}, Filters(), ["lang=../x", "kind=target"]),
    ],
)
def test_logic_filters_from_url_keeps_known_values_and_names_the_others(params, filters, ignored):
    parsed, problems = filters_from_url(params, OPTIONS)
    assert parsed == filters
    assert [problem.split(" ")[0] for problem in problems] == ignored


@pytest.mark.parametrize(
    "filters", [Filters(), Filters(ministry=("B",), year=(2023, 2024), q="a b")]
)
def test_logic_filters_round_trip_through_the_url(filters):
    params = {
        name: [value] if isinstance(value, str) else value
        for name, value in filters.as_query_params().items()
    }
    assert filters_from_url(params, OPTIONS) == (filters, [])


@pytest.mark.parametrize("column", ["body", "lang", "year"])
def test_logic_count_by_adds_up_to_all_claims(claims, column):
    counts = count_by(claims, column)
    assert counts["claims"].sum() == len(claims)
    assert counts["claims"].is_monotonic_decreasing


def test_logic_count_by_names_missing_values(claims):
    counts = count_by(claims, "year").set_index("year")["claims"]
    assert counts[NO_LABEL] == 1


@pytest.mark.parametrize(
    ("value", "value_max", "unit", "expected"),
    [
        (786_300_000_000.0, None, "USD", "786.3 billion USD"),
        (25_000_000_000.0, None, "USD", "25 billion USD"),
        (5_566_400_000_000.0, None, "VND", "5.566 trillion VND"),
        (8.4, None, "%", "8.4 %"),
        (-0.7, None, "%", "-0.7 %"),
        (27.0, 28.0, "%", "27–28 %"),
        (20e9, 25e9, "USD", "20–25 billion USD"),
        (1200.0, None, "people", "1,200 people"),
        (1.2, None, "percentage points", "1.2 percentage points"),
        (3.0, None, "", "3"),
        (float("nan"), None, "%", ""),
    ],
)
def test_logic_format_value_reads_like_a_person_writes(value, value_max, unit, expected):
    assert format_value(value, value_max, unit) == expected


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "", None, "//evil.example"],
)
def test_logic_safe_http_url_refuses_other_schemes(url):
    assert safe_http_url(url) is None


def test_logic_text_fragment_url_encodes_the_sentence():
    url = text_fragment_url("https://moit.gov.vn/a.html#top", "Tăng 8,4% - so với 2023", True)
    base, fragment = url.split("#:~:text=")
    assert base == "https://moit.gov.vn/a.html"
    assert " " not in fragment and "-" not in fragment and "," not in fragment
    assert unquote(fragment) == "Tăng 8,4% - so với 2023"


def test_logic_text_fragment_url_uses_start_and_end_for_long_sentences():
    sentence = "one two three four five six seven eight nine ten eleven twelve"
    fragment = text_fragment_url("https://x.example/p", sentence, True).split("#:~:text=")[1]
    start, end = fragment.split(",")
    assert unquote(start) == "one two three four five"
    assert unquote(end) == "eight nine ten eleven twelve"


@pytest.mark.parametrize(
    ("source_url", "same_language", "expected"),
    [
        ("https://x.example/p", False, "https://x.example/p"),  # a translation cannot match
        ("javascript:alert(1)", True, None),
        ("", True, None),
    ],
)
def test_logic_text_fragment_url_without_a_fragment(source_url, same_language, expected):
    assert text_fragment_url(source_url, "Grew 8.4%.", same_language) == expected


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ({"points": [{"customdata": "abc", "x": "2024"}]}, "abc"),
        ({"points": [{"customdata": ["abc"]}, {"customdata": ["def"]}]}, "abc"),
        ({"points": [{"x": "2024"}]}, None),
        ({"points": [], "box": [], "lasso": []}, None),
        (None, None),
    ],
)
def test_logic_claim_id_from_selection_reads_customdata(selection, expected):
    assert claim_id_from_selection(selection) == expected


def test_logic_claims_for_people_keeps_rows_aligned(claims):
    subset = claims.iloc[[3, 1]]  # a filtered view keeps its original index
    table = claims_for_people(subset)
    assert list(table.index) == ["d", "b"]
    assert table.loc["b", "value"] == 519.0  # a number: it sorts as one
    assert table.loc["b", "as stated"] == "519 people"
    assert table.loc["b", "quote"] == "Giảm ⟦519 người⟧."
    assert table.loc["b", "source"] == "source?claim=b"


def test_logic_claims_for_people_has_no_empty_number_cells(claims):
    """A range reads whole in "as stated" ("27–28 %"); no column is left empty (a "None"
    cell on screen) for the claims that are not ranges."""
    table = claims_for_people(claims)
    numbers = table.select_dtypes("number")
    assert not numbers.isna().any().any()


@pytest.mark.parametrize("export", [export_csv, export_json])
def test_logic_exports_carry_every_schema_column(claims, export):
    data = export(claims).decode("utf-8-sig")
    if export is export_json:
        records = json.loads(data)
    else:
        records = pd.read_csv(io.StringIO(data), keep_default_na=False).to_dict("records")
    assert [r["claim_id"] for r in records] == list(claims["claim_id"])
    assert all(set(r) == set(CLAIM_COLUMNS) for r in records)
    assert records[1]["sentence"] == "Giảm 519 người."


def test_logic_find_claim_only_looks_up_the_table(claims):
    assert find_claim(claims, "b")["body"] == "Ministry of Home Affairs"
    assert find_claim(claims, "../../etc/passwd") is None
    assert find_claim(claims, None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Industry grew 8.4% in 2024.", True), ("Edited: grew 8.4% in 2024.", False)],
)
def test_logic_offsets_match_detects_a_changed_text(claims, text, expected):
    assert offsets_match(text, find_claim(claims, "a")) is expected


@pytest.mark.parametrize("text", ["[click](http://evil.example)", "**bold** <b>x</b>", "a_b_c"])
def test_logic_escape_markdown_leaves_no_markup(text):
    escaped = escape_markdown(text)
    assert all(escaped[i - 1] == "\\" for i, ch in enumerate(escaped) if ch in "[]()*<>_")


@pytest.mark.parametrize(
    ("sentence", "start", "end", "context"),
    [
        ("rose 8.4%", 5, 9, "rose 8.4%"),
        ("a b c d e f 8.4% g h i j k", 12, 16, "… c d e f 8.4% g h i j …"),
        ("8.4%", 0, 4, "8.4%"),
    ],
)
def test_logic_mention_context_keeps_whole_words_around_the_mention(sentence, start, end, context):
    assert mention_context(sentence, start, end) == context


@pytest.mark.parametrize(
    ("filters", "kept"), [(Filters(), {"a"}), (Filters(all_tiers=True), {"a", "b"})]
)
def test_logic_core_claims_only_unless_all_tiers(claim_row, filters, kept):
    claims = conform(pd.DataFrame([claim_row(claim_id="a"), claim_row(claim_id="b", tier="minor")]))
    assert set(filter_claims(claims, filters)["claim_id"]) == kept
