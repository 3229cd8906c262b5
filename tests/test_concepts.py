"""concepts.py: what each number measures (its indicator label) and its tier, per language."""

import pytest

from extract.document import DocMeta, Document
from extract.pipeline.claims import extract_document


def claims(text: str, **meta) -> list[dict]:
    return extract_document(Document("doc.txt", text, DocMeta(**meta)))


def claim_of(text: str, mention: str) -> dict:
    """The claim whose mention is `mention` (a substring of `text`)."""
    (row,) = [r for r in claims(text) if mention in text[r["start"] : r["end"]]]
    return row


def only(text: str) -> dict:
    (row,) = claims(text)
    return row


def test_concepts_same_indicator_across_languages():
    en = only("In 2024, the industrial sector has grown by 8.4%.")
    fr = only("En 2024, le secteur industriel a connu une croissance de 8,4 %.")
    vi = only("Năm 2024, tăng trưởng ngành công nghiệp đạt bình quân 8,4%.")
    assert en["indicator"] == fr["indicator"] == vi["indicator"] == "industrial production change"


def test_concepts_trade_figure_indicator_across_languages():
    en = only("In 2024, import and export reached nearly 800 billion USD.")
    fr = only(
        "En 2024, les importations et les exportations ont atteint près de 800 milliards USD."
    )
    vi = only("Năm 2024, xuất nhập khẩu đạt 786,3 tỷ USD.")
    assert en["indicator"] == fr["indicator"] == vi["indicator"] == "import-export turnover"


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("In 2024, exports grew by 14%.", "exports change"),
        ("En 2024, le taux de chômage s'est établi à 2,2 %.", "unemployment rate"),
        ("Năm 2024, xuất khẩu chiếm 79% tổng kim ngạch.", "exports share"),
        ("In 2024, exports reached 405.5 billion USD.", "exports"),
    ],
)
def test_concepts_level_change_and_share_are_different_labels(text, indicator):
    assert claims(text)[-1]["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "mention", "tier"),
    [
        ("In the first six months, exports grew by 14%.", "six months", "minor"),
        ("In the first six months, exports grew by 14%.", "14%", "core"),
        ("The ministry set out 10 key tasks for 2025.", "10 key tasks", "minor"),
        ("The conference heard 4 reports and 5 speeches.", "4 reports", "minor"),
        ("Le ministère a fixé 10 tâches clés pour 2025.", "10 tâches", "minor"),
        ("En huit mois, les exportations ont augmenté de 8,5 %.", "huit mois", "minor"),
        ("En huit mois, les exportations ont augmenté de 8,5 %.", "8,5 %", "core"),
        ("Bộ đề ra 10 nhiệm vụ trọng tâm năm 2025.", "10 nhiệm vụ", "minor"),
        ("Trong 9 tháng, xuất khẩu đạt 20,3 tỷ USD.", "9 tháng", "minor"),
        ("Trong 9 tháng, xuất khẩu đạt 20,3 tỷ USD.", "20,3 tỷ USD", "core"),
        ("Năm 2024, tỉnh có 1.250 doanh nghiệp thành lập mới.", "1.250 doanh nghiệp", "core"),
    ],
)
def test_concepts_tier_of_counts_and_indicators(text, mention, tier):
    assert claim_of(text, mention)["tier"] == tier


@pytest.mark.parametrize(
    ("text", "mention", "tier"),
    [
        ("Industry must grow by a factor of 1.2 in 2025.", "1.2", "minor"),
        ("In 2019, rice exports rose 4.4 times in volume.", "4.4 times", "core"),
        ("En 2020, les ventes ont crû de 9,4 %, soit 1,6 fois plus.", "1,6 fois", "minor"),
        ("Năm 2019, xuất khẩu gạo tăng gấp 4,4 lần.", "4,4 lần", "core"),
    ],
)
def test_concepts_a_multiple_is_minor_unless_it_is_a_change(text, mention, tier):
    assert claim_of(text, mention)["tier"] == tier
