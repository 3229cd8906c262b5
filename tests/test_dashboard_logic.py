"""dashboard/logic.py: URL filters, formatting, links and exports, without Streamlit."""

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
    escape_markdown,
    export_csv,
    export_json,
    filters_from_url,
    format_value,
    mention_context,
    offsets_match,
    safe_http_url,
    text_fragment_url,
    unknown_page,
)
from extract.schema import CLAIM_COLUMNS


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Industry grew 8.4% in 2024.", True), ("Edited: grew 8.4% in 2024.", False)],
)
def test_logic_offsets_match_detects_a_changed_text(claims, text, expected):
    assert offsets_match(text, claims.iloc[0]) is expected


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
    ("url", "base", "asked"),
    [
        ("http://h:8501/nope", "", "nope"),
        ("http://h:8501/", "", None),
        ("http://h:8501", "", None),
        ("http://h:8501/claims", "", None),
        ("http://h/board/nope/", "board", "nope"),
        ("http://h/board", "/board/", None),
        ("http://h/boards", "board", "boards"),
        (None, "", None),
    ],
)
def test_logic_unknown_page_names_a_path_no_page_has(url, base, asked):
    assert unknown_page(url, base, {"overview", "claims"}) == asked
