"""Claims from hand-built documents: sign, kind, change basis, period, provenance."""

import pytest

from extract.document import DocMeta, Document
from extract.pipeline.claims import extract_document
from extract.schema import CLAIM_COLUMNS


def claims(text: str, **meta) -> list[dict]:
    return extract_document(Document("doc.txt", text, DocMeta(**meta)))


def only(text: str, **meta) -> dict:
    (row,) = claims(text, **meta)
    return row


def by_mention(rows: list[dict], text: str) -> dict[str, dict]:
    return {text[r["start"] : r["end"]]: r for r in rows}


def test_pipeline_rows_have_exactly_the_schema_columns():
    row = only("In 2024, exports grew by 8.4%.")
    assert list(row) == list(CLAIM_COLUMNS)


def test_pipeline_offsets_and_sentence_round_trip():
    text = "Intro line.\nIn 2024, exports grew by 8.4%. Imports fell 2%.\n"
    for row in claims(text):
        assert text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]
        assert row["sentence_start"] <= row["start"] < row["end"] <= row["sentence_end"]


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [
        ("In 2023, exports decreased by 10.8% compared to 2022.", -10.8, None),
        ("In 2023, exports were down 4.6% year-on-year.", -4.6, None),
        ("Năm 2023, kim ngạch xuất khẩu giảm 0,7% so với cùng kỳ.", -0.7, None),
        ("En 2023, les exportations sont en baisse de 0,7 % sur un an.", -0.7, None),
        ("Năm 2023, xuất khẩu thép giảm từ 22-35%.", -35, -22),
        ("In 2023, the unemployment rate fell to 2.2%.", 2.2, None),  # a fall *to* a level
        ("In 2025 the Ministry must ensure a 20% reduction in staffing.", 20, None),
        ("Năm 2023, xuất khẩu tăng 5%, bằng 68,9% kế hoạch năm.", 68.9, None),  # a share
    ],
)
def test_pipeline_sign_of_changes(text, value, value_max):
    row = claims(text)[-1]
    assert (row["value"], row["value_max"]) == (value, value_max)


def test_pipeline_sign_carries_along_a_list():
    text = (
        "In February 2023, some products saw sharp falls: "
        "cement down 18%, footwear 22% and furniture 40%."
    )
    assert [r["value"] for r in claims(text)] == [-18, -22, -40]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("In 2023, retail sales were estimated at VND 5,566.4 billion.", "estimate"),
        ("Năm 2023, giá trị xuất khẩu ước đạt 20,32 tỷ USD.", "estimate"),
        ("En 2023, les recettes sont estimées à 183,7 billions de VND.", "estimate"),
        ("In 2025 GDP growth would be 8%.", "target"),
        ("We must increase at least 10-12% in 2025.", "target"),
        ("Năm 2025, ngành phải tăng ít nhất 10 - 12%.", "target"),
        ("En 2025, nous devons augmenter d'au moins 10 à 12 %.", "target"),
        ("The target for 2030 is 10%.", "target"),
        ("In 2024, exports grew by 14%.", "actual"),
        (
            "Les ventes ont augmenté de 8,5 % pour atteindre 4,15 quadrillions de dôngs en 2024.",
            "actual",
        ),
    ],
)
def test_pipeline_kind(text, kind):
    assert claims(text, published="2024-12-30")[-1]["kind"] == kind


def test_pipeline_future_tense_is_a_target_only_when_not_past():
    past = only(
        "The Minister said that in 2024 the workload will account for three-quarters.",
        published="2025-01-16",
    )
    ahead = only("In 2026 exports will grow by 10%.", published="2025-01-16")
    assert (past["kind"], ahead["kind"]) == ("actual", "target")


def test_pipeline_whole_year_figure_in_january_is_a_plan():
    row = only("Năm 2025, tăng trưởng GDP là khoảng 8%.", published="2025-01-08")
    assert row["kind"] == "target"


def test_pipeline_estimate_carries_to_amounts_not_rates():
    text = (
        "In January 2023, domestic revenue is estimated at 160.4 trillion VND, up 3.1% y-o-y, "
        "and that from crude oil at 5.3 trillion VND."
    )
    assert [r["kind"] for r in claims(text)] == ["estimate", "actual", "estimate"]


def test_pipeline_targets_under_a_plan_heading():
    text = (
        "II. Tình hình năm 2020\n1. Chỉ tiêu kế hoạch năm 2020\n"
        "- Giá trị sản xuất: 803.300 tỷ đồng, tăng 8% so với thực hiện năm 2019.\n"
    )
    assert [(r["kind"], r["change_basis"]) for r in claims(text)] == [
        ("target", ""),
        ("target", "yoy"),
    ]


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("In May 2023, the index increased by 3.29% compared to April.", "mom"),
        ("In May 2023, sales rose 1.3% compared to the previous month.", "mom"),
        ("In 2023, exports rose 6.4% compared to the same period in 2022.", "yoy"),
        ("In 2023, exports rose 6.4% year-on-year.", "yoy"),
        ("In 2024, exports will be 35 bn USD, up 8 per cent from 2023.", "yoy"),
        ("In 2023, exports decreased by 10.8% compared to 2022.", "yoy"),
        ("Tháng 5/2023, doanh thu tăng 1,5% so với tháng trước.", "mom"),
        ("Tháng 5/2023, doanh thu tăng 11,5% so với cùng kỳ năm trước.", "yoy"),
        ("En 2020, les ventes sont en hausse de 2,6 % en glissement annuel.", "yoy"),
        ("En 2024, les arrivées sont en hausse de 1 % de plus qu'en 2019.", ""),
        ("Năm 2023 tăng 28,3% so với 5 tháng đầu năm 2019.", ""),
        ("In 2021, value added increased by 4.82%, higher than the same period last year.", ""),
        ("In 2023, exports grew by 8%.", ""),
        ("Năm 2023, thu ngân sách bằng 11,3% dự toán năm.", ""),
    ],
)
def test_pipeline_change_basis(text, basis):
    assert claims(text)[-1]["change_basis"] == basis


def test_pipeline_change_basis_shared_by_a_short_list():
    text = "Năm 2020, quý I giảm 4,81%, quý II giảm 5,25% so với cùng kỳ."
    assert [r["change_basis"] for r in claims(text)] == ["yoy", "yoy"]


def test_pipeline_change_basis_announced_before_a_list():
    text = (
        "Năm 2023, nhiều mặt hàng giảm sâu so với cùng kỳ như: xơ giảm 92,42%; dệt may giảm 33,73%."
    )
    assert [r["change_basis"] for r in claims(text)] == ["yoy", "yoy"]


@pytest.mark.parametrize(
    ("text", "published", "periods"),
    [
        ("The share rose from 85.19% in 2020 to 86.24% in 2021.", None, ["2020", "2021"]),
        (
            "In 2023 the city led with 42.46 billion USD, down 10.8% compared to 2022.",
            None,
            ["2023", "2023"],
        ),
        ("In February, export turnover hit 320 million USD.", "2023-03-02", ["2023-02"]),
        ("Trong tháng 5/2023 doanh thu ước đạt 519 ngàn tỷ đồng.", None, ["2023-05"]),
        ("Last year exports reached 405 billion USD.", "2025-01-10", ["2024"]),
        (
            "Tổng mức bán lẻ 5 tháng đầu năm 2023 tăng 12,6% (cùng kỳ năm 2022 tăng 9,3%).",
            None,
            ["2023", "2022"],
        ),
        ("Les arrivées ont atteint 1,43 million en août.", "2024-09", ["2024-08"]),
    ],
)
def test_pipeline_periods(text, published, periods):
    rows = [r for r in claims(text, published=published) if r["unit"] != "months"]
    assert [r["period"] for r in rows] == periods
    assert all(r["year"] == int(r["period"][:4]) for r in rows)


def test_pipeline_period_carries_across_sentences_and_resets_for_the_year_so_far():
    text = (
        "In February, export turnover hit 320 million USD. "
        "Since the beginning of this year, export turnover came to 551 million USD."
    )
    assert [r["period"] for r in claims(text, published="2023-03-02")] == ["2023-02", "2023"]


def test_pipeline_horizon_year_does_not_set_the_context():
    text = (
        "The plan has a vision to 2030.\n"
        "In May, retail sales were estimated at VND 5,566.4 billion. The first six months of 2023."
    )
    assert claims(text)[0]["period"] == "2023-05"


def test_pipeline_language_detected_from_text_not_name():
    assert (
        only("Năm 2024, xuất khẩu tăng 14% so với cùng kỳ của năm trước và các năm.")["lang"]
        == "vi"
    )


def test_pipeline_metadata_wins_and_text_fills_gaps():
    text = (
        "On January 16, 2025 the Ministry of Home Affairs held a conference: 75% approved.\n"
        "Source: https://moha.gov.vn/x"
    )
    inferred = only(text)
    given = only(text, body="MOIT", published="2025-02-01", source_url="https://example.org/a")
    assert (inferred["body"], inferred["published"], inferred["source_url"]) == (
        "Ministry of Home Affairs",
        "2025-01-16",
        "https://moha.gov.vn/x",
    )
    assert (given["body"], given["published"], given["source_url"]) == (
        "Ministry of Industry and Trade",
        "2025-02-01",
        "https://example.org/a",
    )


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Xuất khẩu năm 2024 tăng 14%. Ảnh: Cấn Dũng\nNhập khẩu tăng 9%.", [14, 9]),
        ("Exports rose 8.4% in 2024 (Photo: VNA)\nImports grew by 5%.", [8.4, 5]),
        ("Les exportations ont augmenté de 7 % en 2024. Photo : VNA\nUne hausse de 3 %.", [7, 3]),
    ],
)
def test_pipeline_photo_captions_are_text(text, values):
    # GUIDELINES: a caption's numbers are claims like any other (captions carry the lede).
    assert [r["value"] for r in claims(text)] == values


def test_pipeline_claim_id_is_stable_and_distinct():
    text = "In 2024, exports grew by 8.4% and imports by 5%."
    first, second = claims(text), claims(text)
    assert [r["claim_id"] for r in first] == [r["claim_id"] for r in second]
    assert len({r["claim_id"] for r in first}) == 2


def test_pipeline_estimate_stops_at_a_new_indicator():
    text = (
        "In 2024, export turnover was estimated at 405.53 billion USD, up 14.3%, "
        "while imports rose 16.7% to 380.76 billion USD."
    )
    assert [r["kind"] for r in claims(text)] == ["estimate", "actual", "actual", "actual"]


def test_pipeline_change_word_after_share_word_wins():
    text = "En 2024, les IDE ont atteint 25 milliards USD, soit une hausse de 9,4 %."
    row = claims(text)[-1]
    assert row["indicator"] == "foreign direct investment change"


def test_pipeline_target_after_a_result_does_not_take_its_basis():
    text = "Năm 2024, GDP tăng 7,09% so với năm trước, vượt mục tiêu đề ra là 6,5 - 7%."
    first, second = claims(text, published="2025-01-06")
    assert (first["change_basis"], second["change_basis"], second["kind"]) == ("yoy", "", "target")


def test_pipeline_month_range_is_the_year_so_far():
    text = "In the January-October period of 2024, exports reached 335 billion USD."
    assert only(text)["period"] == "2024"
