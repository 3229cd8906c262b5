"""facts.py on hand-made tables: linking article versions, grouping facts, agreement."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from extract.schema import conform
from extract.store.facts import (
    assign_fact_ids,
    fact_overview,
    fact_quotes,
    link_documents,
    normalized_url,
    precision,
)

MOIT = "Ministry of Industry and Trade"


def documents(*rows: dict) -> pd.DataFrame:
    base = {"doc_id": "", "body": MOIT, "published": "2025-01-08", "source_url": "", "lang": "en"}
    return pd.DataFrame([base | row for row in rows])


def claims(claim_row, *rows: dict) -> pd.DataFrame:
    return conform(pd.DataFrame([claim_row(claim_id=f"c{i}", **row) for i, row in enumerate(rows)]))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (786.3e9, 1e8),  # 786,3 tỷ: tenths of a billion
        (800e9, 1e9),
        (42.46e9, 1e7),
        (8.4, 0.1),
        (10.0, 1.0),
        (-0.7, 0.1),
        (1.6, 0.1),
        (0.0, 1.0),
    ],
)
def test_facts_precision_is_last_written_digit_at_scale_word(value, expected):
    assert math.isclose(precision(value), expected)


@pytest.mark.parametrize(
    ("first", "second", "agrees"),
    [
        ((800e9, None, "approx"), (786.3e9, None, "exact"), True),  # nearly 800 bn ~ 786,3 tỷ
        ((8.4, None, "exact"), (8.5, None, "exact"), False),
        ((8.4, None, "exact"), (8.4, None, "exact"), True),
        ((8.0, None, "exact"), (8.4, None, "exact"), True),  # equal at the coarser precision
        ((8.0, None, "exact"), (8.6, None, "exact"), False),
        ((800e9, None, "approx"), (700e9, None, "exact"), False),
        ((400.0, None, "approx"), (415.0, None, "exact"), True),
        ((20.0, None, "more_than"), (25.0, None, "exact"), True),
        ((20.0, None, "more_than"), (15.0, None, "exact"), False),
        ((-5.0, None, "more_than"), (-7.0, None, "exact"), True),  # down more than 5%
        ((-5.0, None, "more_than"), (-3.0, None, "exact"), False),
        ((10.0, None, "at_most"), (12.0, None, "exact"), False),
        ((27.0, 28.0, "approx"), (27.5, None, "exact"), True),  # a range
        ((27.0, 28.0, "exact"), (30.0, None, "exact"), False),
    ],
)
def test_facts_overview_agreement_within_rounding(claim_row, first, second, agrees):
    table = claims(
        claim_row,
        *(
            {"doc_id": doc, "value": v, "value_max": vmax, "qualifier": q, "fact_id": "f1"}
            for doc, (v, vmax, q) in zip(("a.txt", "b.txt"), (first, second), strict=True)
        ),
    )
    overview = fact_overview(table)
    assert overview["agrees"].tolist() == [agrees]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.moit.gov.vn/tin-tuc/a.html", "moit.gov.vn/tin-tuc/a.html"),
        ("http://moit.gov.vn/tin-tuc/a.html/#top", "moit.gov.vn/tin-tuc/a.html"),
        ("https://moha.gov.vn/Pages/x.aspx?ItemID=1", "moha.gov.vn/Pages/x.aspx?ItemID=1"),
        ("", ""),
    ],
)
def test_facts_normalized_url(url, expected):
    assert normalized_url(url) == expected


def test_facts_link_documents_by_source_url(claim_row):
    docs = documents(
        {"doc_id": "en.txt", "source_url": "https://www.moit.gov.vn/a.html"},
        {"doc_id": "fr.txt", "source_url": "http://moit.gov.vn/a.html/"},
        {"doc_id": "other.txt", "source_url": "https://moit.gov.vn/b.html"},
    )
    articles = link_documents(docs, claims(claim_row, {"doc_id": "en.txt"}))
    assert articles.to_dict() == {
        "en.txt": "en.txt",
        "fr.txt": "en.txt",
        "other.txt": "other.txt",
    }


@pytest.mark.parametrize(
    ("other_published", "other_numbers", "linked"),
    [
        ("2025-01-08", [8.4, 10.0, 25e9, 786.3e9], True),  # same day, body, most numbers
        ("2025-01-08", [8.4, 11.0, 26e9, 5.0], False),  # one number in common
        ("2024-12-30", [8.4, 10.0, 25e9, 786.3e9], False),  # another day
    ],
)
def test_facts_link_documents_by_date_body_and_numbers(
    claim_row, other_published, other_numbers, linked
):
    docs = documents({"doc_id": "en.txt"}, {"doc_id": "vi.txt", "published": other_published})
    numbers = [8.4, 10.0, 25e9, 800e9]
    table = claims(
        claim_row,
        *({"doc_id": "en.txt", "value": v} for v in numbers),
        *({"doc_id": "vi.txt", "value": v} for v in other_numbers),
    )
    articles = link_documents(docs, table)
    assert (articles["vi.txt"] == articles["en.txt"]) is linked


def test_facts_assign_fact_ids_groups_same_indicator_across_documents(claim_row):
    docs = documents({"doc_id": "a.txt"}, {"doc_id": "b.txt"}, {"doc_id": "c.txt"})
    table = claims(
        claim_row,
        {"doc_id": "a.txt", "indicator": "import-export turnover", "unit": "USD"},
        {"doc_id": "b.txt", "indicator": "import-export turnover", "unit": "USD", "body": ""},
        {"doc_id": "c.txt", "indicator": "import-export turnover", "unit": "VND"},  # other unit
        {"doc_id": "a.txt", "indicator": "retail sales"},  # only one document states it
        {"doc_id": "a.txt", "indicator": "", "value": 5.0},  # no indicator: no fact
        {"doc_id": "b.txt", "indicator": "", "value": 5.0},
    )
    fact_ids = assign_fact_ids(table, docs).tolist()
    assert fact_ids[0] != "" and fact_ids[0] == fact_ids[1]
    assert fact_ids[2:] == ["", "", "", ""]


def test_facts_assign_fact_ids_missing_period_taken_from_linked_version(claim_row):
    url = "https://moit.gov.vn/a.html"
    docs = documents(
        {"doc_id": "en.txt", "source_url": url},
        {"doc_id": "vi.txt", "source_url": url},
        {"doc_id": "x.txt"},
    )
    table = claims(
        claim_row,
        {"doc_id": "en.txt", "period": "2024"},
        {"doc_id": "vi.txt", "period": "", "year": None},  # the translation dropped "in 2024"
        {"doc_id": "x.txt", "period": "", "year": None},  # not a version: no period to take
    )
    fact_ids = assign_fact_ids(table, docs).tolist()
    assert fact_ids[0] != "" and fact_ids[0] == fact_ids[1]
    assert fact_ids[2] == ""


def test_facts_assign_fact_ids_stable_whatever_the_row_order(claim_row):
    docs = documents({"doc_id": "a.txt"}, {"doc_id": "b.txt"})
    table = claims(claim_row, {"doc_id": "a.txt"}, {"doc_id": "b.txt"}, {"doc_id": "b.txt"})
    forward = assign_fact_ids(table, docs)
    backward = assign_fact_ids(table.iloc[::-1], docs)
    assert forward.tolist() == backward.loc[forward.index].tolist()
    assert forward.nunique() == 1 and forward.iloc[0] != ""


def test_facts_overview_lists_disagreements_first(claim_row):
    table = claims(
        claim_row,
        {"doc_id": "a.txt", "fact_id": "agreed", "indicator": "retail sales", "lang": "en"},
        {"doc_id": "b.txt", "fact_id": "agreed", "indicator": "retail sales", "lang": "fr"},
        {"doc_id": "a.txt", "fact_id": "split", "indicator": "exports", "value": 8.4},
        {"doc_id": "c.txt", "fact_id": "split", "indicator": "exports", "value": 8.5},
        {"doc_id": "c.txt", "fact_id": "", "indicator": "unlinked"},
    )
    overview = fact_overview(table)
    assert overview["fact_id"].tolist() == ["split", "agreed"]
    assert overview["agrees"].tolist() == [False, True]
    assert overview["languages"].tolist() == ["en", "en fr"]
    assert overview["documents"].tolist() == [2, 2]


def test_facts_quotes_give_the_mention_as_written(claim_row):
    sentence = "Trade reached nearly 800 billion USD."
    table = claims(
        claim_row,
        {
            "fact_id": "f",
            "lang": "fr",
            "sentence": sentence,
            "sentence_start": 100,
            "sentence_end": 100 + len(sentence),
            "start": 114,
            "end": 136,
        },
        {"fact_id": "f", "lang": "en", "doc_id": "b.txt"},
    )
    quotes = fact_quotes(table, "f")
    assert quotes["lang"].tolist() == ["en", "fr"]
    assert quotes["mention"].tolist()[1] == "nearly 800 billion USD"
