"""Kind, period, change basis, qualifier and publication date from hand-built text, per language."""

import pytest

from extract.document import DocMeta, Document
from extract.lexicon import load_lexicon
from extract.pipeline.claims import extract_document
from extract.pipeline.provenance import published_date


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


# --- kind ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a plan word that is a comparison base does not make the next numbers targets
        (
            "Năm 2022, vốn đầu tư đạt 99% kế hoạch năm; đồng thời thu hút 15 dự án mới.",
            ["actual", "actual"],
        ),
        (
            "In 2022, investment reached 99% of the plan, and the zones attracted 15 projects.",
            ["actual", "actual"],
        ),
        (
            "En 2023, le décaissement n'a rempli que 35 % du plan fixé, contre 34 % enregistrés "
            "l'an dernier.",
            ["actual", "actual"],
        ),
        # a number of plans is a count, not a target
        ("In 2023, Hanoi submitted 126 plans to reorganise 526 units.", ["actual", "actual"]),
        # reported results are results, unless a goal governs the verb
        ("Năm 2023, vượt chỉ tiêu đề ra, ngành đón 12,6 triệu lượt khách.", ["actual"]),
        ("Năm 2024, ngành phấn đấu đạt 18 triệu lượt khách.", ["target"]),
        ("In 2023, the target was met as arrivals reached 12.6 million people.", ["actual"]),
        ("In 2024, the sector aims to reach 18 million people.", ["target"]),
        ("En 2023, l'objectif a été dépassé : les arrivées ont atteint 12,6 millions.", ["actual"]),
        ("En 2024, le secteur vise à atteindre 18 millions de visiteurs.", ["target"]),
        # estimates stay estimates
        ("Năm 2023, tổng thu ước đạt 678 nghìn tỷ đồng.", ["estimate"]),
        ("In 2023, revenue was estimated at 678 trillion VND.", ["estimate"]),
        ("En 2023, les recettes sont estimées à 678 billions de VND.", ["estimate"]),
        # the estimate word inside the mention ("an estimated 2.83 million tonnes")
        ("In 2023, Vietnam exported an estimated 2.83 million tonnes of rice.", ["estimate"]),
        ("In 2023, Vietnam exported 2.83 million tonnes of rice.", ["actual"]),
        # a target carries along its list and stops at the next reported result
        (
            "Năm 2024, mục tiêu tăng trưởng 8%, thu ngân sách 1.700 nghìn tỷ đồng; năm 2023 "
            "xuất khẩu đã đạt 355 tỷ USD.",
            ["target", "target", "actual"],
        ),
        (
            "The plan sets growth at 8% and revenue at 1,700 trillion VND for 2024, while "
            "exports reached 355 billion USD in 2023.",
            ["target", "target", "actual"],
        ),
        (
            "En 2024, l'objectif fixe la croissance à 8 % et les recettes à 1 700 billions de "
            "VND ; en 2023 les exportations ont atteint 355 milliards USD.",
            ["target", "target", "actual"],
        ),
        # a plan word just before the number names it
        ("Năm 2023, ngành đạt mục tiêu đã điều chỉnh (12-13 triệu lượt).", ["target"]),
        # a result verb inside a goal's list, for a period not yet past, is the goal's verb
        (
            "Năm 2024, ngành đặt mục tiêu đón 18 triệu lượt khách; doanh thu đạt 840 nghìn tỷ "
            "đồng.",
            ["target", "target"],
        ),
        (
            "In 2024, the sector aims to welcome 18 million visitors, and revenue to reach "
            "840 trillion VND.",
            ["target", "target"],
        ),
        # near miss: a result for a past period ends the goal's list
        (
            "Năm 2024, ngành đặt mục tiêu đón 18 triệu lượt khách; năm 2023 doanh thu đạt 678 "
            "nghìn tỷ đồng.",
            ["target", "actual"],
        ),
    ],
)
def test_attributes_kind_rules(text, kinds):
    assert [r["kind"] for r in claims(text, "2024-01-20")] == kinds


# --- qualifier ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Năm 2023, khách nội địa đạt 108 triệu lượt, vượt 6% so với kế hoạch.", "exact"),
        ("Năm 2023, tổng thu vượt mức 4,3% so với kế hoạch năm.", "exact"),
        ("Năm 2023, dân số vượt 100 triệu người.", "more_than"),
        ("In 2023, arrivals exceeded the plan by 6%.", "exact"),
        ("In 2023, arrivals were exceeding 6%.", "more_than"),
        ("En 2023, ils étaient 106 000, dépassant de 22,8 % le plan annuel.", "exact"),
    ],
)
def test_attributes_exceeding_a_plan_by_a_rate_is_exact(text, qualifier):
    assert claims(text)[-1]["qualifier"] == qualifier


@pytest.mark.parametrize(
    ("text", "published", "year"),
    [
        # a text that names only the year it compares with is about the year after
        (
            "In five months, 98,825 firms registered, up 4% over the same period of 2023.",
            None,
            2024,
        ),
        ("5 tháng đầu năm, doanh thu tăng 4% so với cùng kỳ năm 2023.", None, 2024),
        (
            "En cinq mois, les ventes ont augmenté de 4 % par rapport à la même période de 2023.",
            None,
            2024,
        ),
        # the publication date wins over that guess
        (
            "In the first five months, sales rose 4% over the same period of 2023.",
            "2024-06-01",
            2024,
        ),
        # a comparison with another year is no such clue
        ("Arrivals rose 1% more than in 2019.", None, None),
        # a text with no year at all takes its publication date
        ("In January, revenue was estimated at 183.7 trillion VND.", "2023-02-08", 2023),
    ],
)
def test_periods_a_text_without_its_own_year(text, published, year):
    assert claims(text, published)[0]["year"] == year


@pytest.mark.parametrize(
    ("text", "lang", "published"),
    [
        (
            "À la fin de 2024, le pays comptait 696 districts. La ville de Thuy Nguyen sera "
            "rattachée à Hai Phong à partir du 1er janvier 2025.",
            "fr",
            None,
        ),
        ("From January 1, 2025 the new law applies to 63 provinces.", "en", None),
        ("Kể từ ngày 1/7/2025, 34 tỉnh thành đi vào hoạt động.", "vi", None),
        ("Hanoi, January 16, 2025 - exports rose 14% from 2023.", "en", "2025-01-16"),
        ("Hà Nội, ngày 8/1/2025: xuất khẩu tăng 14%.", "vi", "2025-01-08"),
    ],
)
def test_provenance_a_date_something_takes_effect_is_not_the_publication_date(
    text, lang, published
):
    assert published_date(text, load_lexicon(lang)) == published


@pytest.mark.parametrize(
    ("text", "mention", "period"),
    [
        (
            "Au premier trimestre 2012, le pays a recensé 2,26 milliards de dollars, soit 77,2 % "
            "de celui de la même période de 2011. Le Japon a investi 2,3 milliards de dollars.",
            "2,3 milliards de dollars",
            "2012",
        ),
        (
            "In the first quarter of 2012, FDI reached 2.26 billion USD, or 77.2% of that in the "
            "same period of 2011. Japan invested 2.3 billion USD.",
            "2.3 billion USD",
            "2012",
        ),
        (
            "Quý I năm 2012, vốn FDI đạt 2,26 tỷ USD, bằng 77,2% cùng kỳ năm 2011. Nhật Bản đầu "
            "tư 2,3 tỷ USD.",
            "2,3 tỷ USD",
            "2012",
        ),
        # a parenthesis about the same period names that period's own figure
        (
            "Tổng mức bán lẻ năm 2023 tăng 12,6% (cùng kỳ năm 2022 tăng 9,3%).",
            "9,3%",
            "2022",
        ),
    ],
)
def test_periods_a_year_after_a_same_period_phrase_is_the_comparison(text, mention, period):
    assert by_mention(text)[mention]["period"] == period


@pytest.mark.parametrize(
    ("text", "published", "periods"),
    [
        (
            "In 2023, exports rose 5%. The Government aims to raise exports to 500 billion USD "
            "by the end of this decade.",
            "2023-05",
            {"5%": "2023", "500 billion USD": "2030"},
        ),
        (
            "En 2023, les exportations ont augmenté de 5 %. Le pays vise 500 milliards de "
            "dollars d'exportations d'ici la fin de la décennie.",
            "2023-05",
            {"5 %": "2023", "500 milliards de dollars": "2030"},
        ),
        (
            "Năm 2021 xuất khẩu tăng 5%, đến cuối thập kỷ này đạt 500 tỷ USD.",
            "2021-05",
            {"5%": "2021", "500 tỷ USD": "2030"},
        ),
        # a horizon past a comma is the next goal's, not the number's
        (
            "Năm 2023 xuất khẩu tăng 5%, phấn đấu đến năm 2030 xuất khẩu đạt 500 tỷ USD, "
            "tầm nhìn 2050 đạt 1.000 tỷ USD.",
            "2023-05",
            {"5%": "2023", "500 tỷ USD": "2030", "1.000 tỷ USD": "2050"},
        ),
        (
            "By 2030, exports will reach 500 billion USD, and towards 2050 they will reach "
            "1,000 billion USD.",
            "2023-05",
            {"500 billion USD": "2030", "1,000 billion USD": "2050"},
        ),
        # near miss: a year right after the number, with no comma, is its own
        ("Exports will reach 500 billion USD by 2030.", "2023-05", {"500 billion USD": "2030"}),
    ],
)
def test_periods_a_long_range_target_keeps_its_own_year(text, published, periods):
    rows = by_mention(text, published)
    assert {m: rows[m]["period"] for m in periods} == periods


@pytest.mark.parametrize(
    ("text", "mention", "period"),
    [
        (
            "Revenue rose 5% in January. The planned capital from the State budget for 2023 is "
            "756.1 trillion VND.",
            "756.1 trillion VND",
            "2023",
        ),
        (
            "Les recettes ont augmenté de 5 % en janvier. Le capital prévu par rapport au budget "
            "pour 2023 est de 756,1 billions de VND.",
            "756,1 billions de VND",
            "2023",
        ),
        # near miss: without "for", a year after a comparison word is the comparison base
        (
            "In 2024, revenue reached 756.1 trillion VND, up from 2023.",
            "756.1 trillion VND",
            "2024",
        ),
    ],
)
def test_periods_a_year_a_figure_is_for_is_not_a_comparison(text, mention, period):
    assert by_mention(text)[mention]["period"] == period


@pytest.mark.parametrize(
    ("text", "published", "kind"),
    [
        # with no publication date, a future word is taken at its word
        ("In 2023, the province will have 41 expressways.", None, "target"),
        ("Năm 2023, tỉnh sẽ có 41 tuyến cao tốc.", None, "target"),
        ("En 2023, la province aura 41 autoroutes.", None, "target"),
        # near miss: a publication date after the period makes the same words a report
        ("In 2023, the province will have 41 expressways.", "2025-03-10", "actual"),
        ("Năm 2023, tỉnh sẽ có 41 tuyến cao tốc.", "2025-03-10", "actual"),
    ],
)
def test_attributes_a_future_word_without_a_publication_date_is_a_target(text, published, kind):
    (row,) = claims(text, published)
    assert row["kind"] == kind


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # mid-year: a result verb in a goal's list is the goal's
        (
            "Năm 2024, ngành đặt mục tiêu đón 18 triệu lượt khách; doanh thu đạt 840 nghìn tỷ "
            "đồng.",
            ["target", "target"],
        ),
        # near miss: a share of the plan is how far the plan got, a result
        (
            "Năm 2024, kế hoạch vốn giao là 286 tỷ đồng; giải ngân đạt 11,6% kế hoạch.",
            ["target", "actual"],
        ),
        (
            "In 2024, the plan is 286 billion VND; disbursement reached 11.6% of the plan.",
            ["target", "actual"],
        ),
    ],
)
def test_attributes_a_share_of_the_plan_ends_a_goals_list(text, kinds):
    assert [r["kind"] for r in claims(text, "2024-06-20")] == kinds


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "Environ 450.000 travailleurs sont partis à l'étranger sur la période 2010-2015.",
            {"Environ 450.000 travailleurs": "2015"},
        ),
        ("Exports reached 5 million tonnes in the 2016-2020 period.", {"5 million tonnes": "2020"}),
        (
            "Trong giai đoạn 2016–2020, kim ngạch xuất khẩu đạt 500 tỷ USD.",
            {"500 tỷ USD": "2020"},
        ),
        # a span is its own sentence's: the next sentence keeps the text's year
        (
            "In 2023 exports rose 5%. In the 2016-2020 period they rose 30%. Imports rose 4%.",
            {"5%": "2023", "30%": "2020", "4%": "2023"},
        ),
        # near miss: a span compared with is no period
        (
            "Năm 2023 xuất khẩu đạt 300 tỷ USD, gấp 2 lần so với giai đoạn 2011-2015.",
            {"300 tỷ USD": "2023"},
        ),
    ],
)
def test_periods_a_figure_over_a_span_of_years_is_as_of_its_last_year(text, periods):
    rows = by_mention(text)
    assert {m: rows[m]["period"] for m in periods} == periods


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "In 2022 work began. The Government planned to build 3,841 kilometers of "
            "expressways to raise their length to 5,004 kilometers by the end of this decade.",
            {"3,841 kilometers": "2030", "5,004 kilometers": "2030"},
        ),
        (
            "Năm 2023, tỉnh phấn đấu xây thêm 120 km đường, nâng tổng chiều dài lên 900 km vào "
            "năm 2030.",
            {"120 km": "2023"},
        ),
        (
            "Le pays a formé 20.000 techniciens et 5.000 ingénieurs sur la période 2016-2020.",
            {"20.000 techniciens": "2020", "5.000 ingénieurs": "2020"},
        ),
        # near miss: a number with a year of its own keeps it
        (
            "Exports rose 5% in 2023 and will reach 500 billion USD by 2030.",
            {"5%": "2023", "500 billion USD": "2030"},
        ),
    ],
)
def test_periods_a_horizon_closing_a_clause_is_the_period_of_its_numbers(text, periods):
    rows = by_mention(text)
    assert {m: rows[m]["period"] for m in periods} == periods


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "In 2025 the number of districts will be cut to 300 units. These include 200 "
            "rural districts and 100 towns.",
            ["target", "target", "target"],
        ),
        (
            "En 2025, le pays vise 300 unités. Parmi elles, 200 communes et 100 quartiers.",
            ["target", "target", "target"],
        ),
        (
            "Năm 2025, tỉnh phấn đấu còn 300 đơn vị. Trong đó, 200 xã và 100 phường.",
            ["target", "target", "target"],
        ),
        # near misses: a sentence that does not go on with the list, and a list after a result
        (
            "In 2025 the number of districts will be cut to 300 units. Last year exports rose 5%.",
            ["target", "actual"],
        ),
        (
            "Năm 2024, tỉnh đã sắp xếp còn 300 đơn vị. Trong đó, 200 xã và 100 phường.",
            ["actual", "actual", "actual"],
        ),
    ],
)
def test_attributes_a_list_going_on_from_a_target_is_targets(text, kinds):
    assert [r["kind"] for r in claims(text, "2024-05-20")] == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "In 2025 the number of communes will be reduced by 6,000, from 10,000 to 4,000 "
            "units, and wards to 700.",
            ["target", "actual", "target", "target"],
        ),
        (
            "En 2025, le nombre de communes passera de 10 000 à 4 000 unités.",
            ["actual", "target"],
        ),
        (
            "Năm 2025, số xã sẽ giảm từ 10.000 đơn vị xuống còn 4.000 đơn vị.",
            ["actual", "target"],
        ),
        # near miss: "from" without a level moved to is no starting level
        (
            "In 2025 the province will receive 500 billion VND from 20 investors.",
            ["target", "target"],
        ),
    ],
)
def test_attributes_the_level_a_movement_starts_from_is_a_result(text, kinds):
    assert [r["kind"] for r in claims(text, "2024-05-20")] == kinds


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "In 2016 aid rose. Aid dropped to below 100 billion yen ($854.7 million) in fiscal "
            "2014.",
            {"below 100 billion yen": "2014", "$854.7 million": "2014"},
        ),
        (
            "En 2016, l'aide a augmenté. Elle est tombée à 100 milliards de yens (854,7 "
            "millions de dollars) en 2014.",
            {"100 milliards de yens": "2014"},
        ),
        # near miss: a number after the parenthesis owns the year after it
        (
            "Năm 2022, xuất khẩu đạt 100 tỷ USD (tăng 5%) và nhập khẩu 200 tỷ USD năm 2023.",
            {"100 tỷ USD": "2022", "200 tỷ USD": "2023"},
        ),
    ],
)
def test_periods_a_conversion_in_parentheses_does_not_hide_the_year_after_it(text, periods):
    rows = by_mention(text)
    assert {m: rows[m]["period"] for m in periods} == periods


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "Tính chung 7 tháng năm 2020, vận tải giảm 30,3% (cùng kỳ năm trước tăng 9,7%).",
            {"30,3%": "2020", "9,7%": "2019"},
        ),
        (
            "In 2020 freight fell 30.3% (same period last year: up 9.7%).",
            {"30.3%": "2020", "9.7%": "2019"},
        ),
        # near miss: the same phrase as the base of a comparison is no period
        (
            "Tính chung 7 tháng năm 2020, vận tải giảm 30,3% so với cùng kỳ năm trước.",
            {"30,3%": "2020"},
        ),
    ],
)
def test_periods_a_parenthesis_about_the_same_period_last_year_is_that_years(text, periods):
    rows = by_mention(text, "2020-07-29")
    assert {m: rows[m]["period"] for m in periods} == periods


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Aid fell to 90 billion yen in 2023, but the governments have agreed to increase it "
            "to 300 billion yen for 2024.",
            ["actual", "target"],
        ),
        (
            "L'aide est tombée à 90 milliards de yens en 2023, mais les gouvernements sont "
            "convenus de la porter à 300 milliards de yens en 2024.",
            ["actual", "target"],
        ),
        (
            "Năm 2023 kim ngạch đạt 90 tỷ USD; hai bên thống nhất nâng kim ngạch lên 300 tỷ USD "
            "vào năm 2024.",
            ["actual", "target"],
        ),
        # near miss: an agreement reported as done is no goal
        ("In 2023 the sides signed 12 agreements.", ["actual"]),
    ],
)
def test_attributes_an_agreement_to_reach_a_level_is_a_target(text, kinds):
    assert [r["kind"] for r in claims(text, "2024-06-20")] == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # no publication date: the goal word alone tells, even after a year
        (
            "The Assembly determined that GDP growth in 2025 would be 8% and strive for more.",
            ["target"],
        ),
        ("Le gouvernement a fixé la croissance du PIB à 8 % en 2025.", ["target"]),
        ("Quốc hội xác định tăng trưởng GDP năm 2025 phải đạt khoảng 8%.", ["target"]),
        # near miss: a plan word right after a number is what the number is compared with
        ("In 2023 exports reached 99% of the 2023 plan.", ["actual"]),
    ],
)
def test_attributes_a_goal_word_after_a_year_is_still_a_goal(text, kinds):
    assert [r["kind"] for r in claims(text)] == kinds


@pytest.mark.parametrize(
    ("text", "published", "kinds"),
    [
        (
            "The new 109-kilometer expressway will run through the delta.",
            None,
            ["target"],
        ),
        ("La ligne de 109 kilomètres sera ouverte aux camions.", None, ["target"]),
        (
            "Tuyến đường cao tốc dài 109 km sẽ đi qua các tỉnh Ninh Bình, Thái Bình và Nam Định.",
            None,
            ["target"],
        ),
        # near misses: a result verb before the number, and a future verb for a past period
        (
            "In 2023 exports reached 5 billion USD and will rise further.",
            "2024-05-01",
            ["actual"],
        ),
        ("In 2020 the 109-kilometer road will be widened.", "2024-05-01", ["actual"]),
    ],
)
def test_attributes_a_number_whose_verb_is_future_is_a_target(text, published, kinds):
    assert [r["kind"] for r in claims(text, published)] == kinds


@pytest.mark.parametrize(
    ("text", "published", "periods"),
    [
        # no date to count from: "this year" is the year the text is talking about
        (
            "En 2015, les exportations ont augmenté de 5 %. Cette année, le pays a envoyé "
            "56.000 travailleurs à l'étranger.",
            None,
            {"56.000 travailleurs": "2015"},
        ),
        (
            "Năm 2015 xuất khẩu tăng 5%. Năm nay, kim ngạch nhập khẩu đạt 10 tỷ USD.",
            None,
            {"10 tỷ USD": "2015"},
        ),
        # and no year at all when the text names none: no guess
        ("Exports reached 5 billion USD this year.", None, {"5 billion USD": ""}),
        # near miss: with a date, "this year" is the year of the date
        (
            "In 2015 exports rose 5%. This year imports reached 10 billion USD.",
            "2016-03-01",
            {"5%": "2015", "10 billion USD": "2016"},
        ),
    ],
)
def test_periods_this_year_without_a_publication_date(text, published, periods):
    rows = by_mention(text, published)
    assert {m: rows[m]["period"] for m in periods} == periods


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "By 2030 the country will have 41 expressways. Key projects include a northern "
            "road (2,063 kilometers) and a western road (1,205 kilometers).",
            ["target", "target", "target"],
        ),
        (
            "D'ici 2030, le pays aura 41 autoroutes. Les projets clés comprennent une route "
            "du nord (2.063 kilomètres) et une route de l'ouest (1.205 kilomètres).",
            ["target", "target", "target"],
        ),
        (
            "Đến năm 2030, cả nước sẽ có 41 tuyến cao tốc. Các dự án trọng điểm gồm tuyến phía "
            "Bắc (2.063 km) và tuyến phía Tây (1.205 km).",
            ["target", "target", "target"],
        ),
        # near miss: a listing verb far into a sentence lists nothing of the one before
        (
            "By 2030 the country will have 41 expressways. In 2022 the network, which does "
            "not include rural roads, reached 1,205 kilometers.",
            ["target", "actual"],
        ),
    ],
)
def test_attributes_a_sentence_listing_the_parts_of_a_target_lists_targets(text, kinds):
    assert [r["kind"] for r in claims(text, "2023-05-20")] == kinds


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "In 2022 work began. By 2050, the country will have 41 expressways, with a vision "
            "toward 2050. Key projects include a northern road (2,063 kilometers).",
            {"2,063 kilometers": "2050"},
        ),
        (
            "En 2022, les travaux ont commencé. D'ici 2050, le pays aura 41 autoroutes. Les "
            "projets clés comprennent une route du nord (2.063 kilomètres).",
            {"2.063 kilomètres": "2050"},
        ),
        (
            "Năm 2022 khởi công. Đến năm 2050, cả nước sẽ có 41 tuyến cao tốc. Các dự án trọng "
            "điểm gồm tuyến phía Bắc (2.063 km).",
            {"2.063 km": "2050"},
        ),
        # near miss: a sentence that lists nothing keeps the text's year
        (
            "In 2022 work began. By 2050, the country will have 41 expressways. The northern "
            "road opened with 2,063 kilometers.",
            {"2,063 kilometers": "2022"},
        ),
    ],
)
def test_periods_a_list_going_on_from_a_horizon_keeps_it(text, periods):
    rows = by_mention(text)
    assert {m: rows[m]["period"] for m in periods} == periods


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "Tokyo will host the 2020 Olympics. Vietnamese workers are currently present in 26 "
            "countries.",
            {"26 countries": "2015"},
        ),
        (
            "Le Japon accueillera les Jeux de 2020. Les travailleurs vietnamiens sont "
            "actuellement présents dans 26 pays.",
            {"26 pays": "2015"},
        ),
        (
            "Nhật Bản đăng cai Thế vận hội năm 2020. Hiện nay lao động Việt Nam có mặt tại 26 "
            "quốc gia.",
            {"26 quốc gia": "2015"},
        ),
        # near miss: a year of its own wins over the present
        (
            "Vietnamese workers are currently present in 26 countries in 2014.",
            {"26 countries": "2014"},
        ),
    ],
)
def test_periods_the_present_is_the_year_of_publication(text, periods):
    rows = by_mention(text, "2015-07-01")
    assert {m: rows[m]["period"] for m in periods} == periods


@pytest.mark.parametrize(
    ("published", "periods"),
    [
        (None, {"30,3%": "2020", "9,7%": "2019"}),
        # a report on 2020 published in 2021: last year of the sentence's period, not of the date
        ("2021-02-01", {"30,3%": "2020", "9,7%": "2019"}),
    ],
)
def test_periods_the_same_period_last_year_counts_from_the_period_in_context(published, periods):
    text = "Tính chung 7 tháng năm 2020, vận tải giảm 30,3% (cùng kỳ năm trước tăng 9,7%)."
    rows = by_mention(text, published)
    assert {m: rows[m]["period"] for m in periods} == periods
