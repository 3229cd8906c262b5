"""Kind, period, change basis and qualifier of claims in hand-built sentences, per language."""

import pytest

from extract.document import DocMeta, Document
from extract.pipeline.claims import extract_document


def claims(text: str, published: str | None = None) -> list[dict]:
    return extract_document(Document("doc.txt", text, DocMeta(published=published)))


def by_mention(text: str, published: str | None = None) -> dict[str, dict]:
    return {text[r["start"] : r["end"]]: r for r in claims(text, published)}


# --- period and year ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "period"),
    [
        (
            "En 2023, le taux atteint 35 % contre 30 % à la même période l'an dernier. "
            "Les localités ont décaissé 12 % du plan.",
            "12 %",
            "2023",
        ),
        (
            "In 2023 sales rose 5% over the same period last year. Imports fell 3%.",
            "3%",
            "2023",
        ),
        (
            "Năm 2023 doanh thu tăng 5% so với cùng kỳ năm trước. Nhập khẩu giảm 3%.",
            "3%",
            "2023",
        ),
    ],
)
def test_periods_the_year_of_a_same_period_comparison_is_never_the_period(text, mention, period):
    assert by_mention(text, "2023-08-05")[mention]["period"] == period
