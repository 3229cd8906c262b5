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


# --- change basis -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "bases"),
    [
        # coordinated changes share the comparison stated after them
        (
            "Tháng 7/2020 lượng khách tăng 7,8% đối với đường bộ và tăng 4% lượng hàng hóa "
            "so với tháng trước.",
            None,
            ["mom", "mom"],
        ),
        (
            "In June 2023, passenger traffic rose 6.1% on domestic routes and freight grew 2% "
            "year-on-year.",
            None,
            ["yoy", "yoy"],
        ),
        (
            "En 2023, le fret a baissé de 3 % sur les routes nationales et les passagers ont "
            "augmenté de 5 % en glissement annuel.",
            None,
            ["yoy", "yoy"],
        ),
        # across coordinated clauses: the next clause's comparison
        (
            "Năm 2023, xi măng tiêu thụ đạt 29 triệu tấn, giảm 8%; xuất khẩu đạt 14 triệu tấn, "
            "giảm 15% so với cùng kỳ năm 2022.",
            None,
            ["", "yoy", "", "yoy"],
        ),
        # but not a comparison two clauses on
        (
            "In 2024 retail grew 5%; exports reached 9 billion USD; imports rose 3% year-on-year.",
            None,
            ["", "", "yoy"],
        ),
        # a level or a share takes only a comparison right after it
        (
            "Năm 2023, tỷ lệ đô thị hóa đạt 41,7% (tăng 0,7% so với cùng kỳ năm 2022); "
            "tỷ lệ cấp nước đạt 95,1% (tăng 2%).",
            None,
            ["", "yoy", "", "yoy"],
        ),
        ("In 2022, FDI was equal to 32% compared with the same period of 2021.", None, ["yoy"]),
        ("In 2024, the urbanisation rate stood at 41.7%, up 0.7% year-on-year.", None, ["", "yoy"]),
        # the same month a year before is yoy, the month before is mom
        ("Tháng 10/2024 sản lượng điện tăng 7% so với tháng 10/2023.", None, ["yoy"]),
        ("En juin 2020, le prix a baissé de 0,02 % par rapport à mai 2020.", None, ["mom"]),
        ("In June 2020 the price rose 1.1% compared with June 2019.", None, ["yoy"]),
        # the same period of a year other than the year before is no basis
        ("So với cùng kỳ năm 2019, thu nhập năm 2022 tăng 14,5%.", None, [""]),
        ("In 2022 income rose 14.5% compared with the same period of 2019.", None, [""]),
        # every wording counts
        ("Năm 2023, doanh thu tăng 5% so cùng kỳ.", None, ["yoy"]),
        ("En mai 2023, les prix sont en hausse mensuelle de 0,5 %.", None, ["mom"]),
        ("In May 2023, prices rose 0.5% month-on-month.", None, ["mom"]),
        ("In 2019 exports rose 4.4 times from the same time in 2018.", None, ["yoy"]),
        # a change amount has a basis too
        ("Năm 2022, thu nhập tăng khoảng 1,6 triệu đồng so với cùng kỳ năm 2021.", None, ["yoy"]),
    ],
)
def test_attributes_change_basis_rules(text, published, bases):
    rows = [r for r in claims(text, published) if r["unit"] not in ("months",)]
    assert [r["change_basis"] for r in rows] == bases


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        (
            "Năm 2021 chỉ số IIP tăng 11,34% so với cùng kỳ. Trong đó khai khoáng tăng 16,11%; "
            "chế biến tăng 12,26%.",
            ["yoy", "yoy", "yoy"],
        ),
        (
            "In 2021 the IIP rose 11.34% year-on-year. Of which mining grew 16.11%.",
            ["yoy", "yoy"],
        ),
        (
            "En 2021, l'IPI a progressé de 11,34 % en glissement annuel. Dont les mines, en "
            "hausse de 16,11 %.",
            ["yoy", "yoy"],
        ),
        # any other sentence states its own comparison or none
        (
            "In 2021 the IIP rose 11.34% year-on-year. Mining grew 16.11%.",
            ["yoy", ""],
        ),
    ],
)
def test_attributes_change_basis_carries_into_an_of_which_list(text, bases):
    assert [r["change_basis"] for r in claims(text)] == bases
