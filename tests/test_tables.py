"""Flattened tables: each cell of a row is a claim in the row's unit and its column's period."""

import pytest

from extract.document import DocMeta, Document
from extract.lexicon import load_lexicon
from extract.pipeline.claims import extract_document
from extract.pipeline.tables import table_row


def cells(lang: str, text: str):
    lex = load_lexicon(lang)
    return [
        (text[q.start : q.end], q.value, q.unit, q.column)
        for q in table_row(text, 0, len(text), lex, lex.decimal_mark)
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "vi",
            "Doanh thu (tỷ đồng) 120 135,5 150",
            [
                ("120", 120e9, "VND", (0, 3)),
                ("135,5", 135.5e9, "VND", (1, 3)),
                ("150", 150e9, "VND", (2, 3)),
            ],
        ),
        ("vi", "Tăng trưởng % 6,2 7,1", [("6,2", 6.2, "%", (0, 2)), ("7,1", 7.1, "%", (1, 2))]),
        (
            "en",
            "Exports, million USD 410 452",
            [("410", 410e6, "USD", (0, 2)), ("452", 452e6, "USD", (1, 2))],
        ),
        (
            "fr",
            "Production (millions de tonnes) 12 14",
            [("12", 12e6, "t", (0, 2)), ("14", 14e6, "t", (1, 2))],
        ),
    ],
)
def test_tables_row_cells_take_the_row_unit(lang, text, expected):
    assert cells(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Chỉ tiêu 2021 2022 2023"),  # a header: no unit
        ("en", "Hotline 1900 1234"),  # a phone number
        ("vi", "Doanh thu tỷ đồng 120"),  # one number is no row
        ("vi", "Doanh thu đạt 120 tỷ đồng"),  # running text
    ],
)
def test_tables_lines_that_are_not_rows(lang, text):
    assert cells(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "periods"),
    [
        (
            "vi",
            "Bảng số liệu\nChỉ tiêu Năm 2021 Năm 2022 Năm 2023\nDoanh thu (tỷ đồng) 120 135 150\n",
            ["2021", "2022", "2023"],
        ),
        (
            "en",
            "Label 2019 2020\nIncome million VND 5.9 6.1\n",
            ["2019", "2020"],
        ),
    ],
)
def test_tables_each_cell_takes_its_column_period(lang, text, periods):
    rows = extract_document(Document("t.txt", text, DocMeta(lang=lang, published="2024-03")))
    assert [r["period"] for r in rows] == periods
