"""concepts.py: what each number measures (its indicator label) and its tier, per language."""

import json

import pytest

from extract.document import DocMeta, Document
from extract.pipeline.claims import extract_document
from extract.pipeline.concepts import UNLISTED


def claims(text: str, **meta) -> list[dict]:
    return extract_document(Document("doc.txt", text, DocMeta(**meta)))


def claim_of(text: str, mention: str) -> dict:
    """The claim whose mention is, or else holds, `mention`."""
    rows = claims(text)
    exact = [r for r in rows if text[r["start"] : r["end"]] == mention]
    (row,) = exact or [r for r in rows if mention in text[r["start"] : r["end"]]]
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
        ("En 2024, le taux de chômage s'est établi à 2,2 %.", "unemployment rate (%)"),
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


@pytest.mark.parametrize(
    "text",
    [
        "In 2024, coffee exports reached 1.6 billion USD.",
        "En 2024, les exportations de café ont atteint 1,6 milliard USD.",
        "Năm 2024, xuất khẩu cà phê đạt 1,6 tỷ USD.",
    ],
)
def test_concepts_an_item_and_its_flow_name_the_concept_in_every_language(text):
    assert only(text)["indicator"] == "coffee exports"


@pytest.mark.parametrize(
    ("text", "mention", "indicator"),
    [
        ("Năm 2024, xuất khẩu gạo đạt 3,2 tỷ USD.", "3,2 tỷ USD", "rice exports"),
        ("Năm 2024, xuất khẩu cà phê đạt 955.000 tấn.", "955.000 tấn", "coffee exports (t)"),
        (
            "Năm 2024, xuất khẩu cà phê đạt 955.000 tấn, trị giá 1,6 tỷ USD, tăng 3,7% về lượng.",
            "3,7%",
            "coffee exports volume change",
        ),
        (
            "Năm 2024, giá xuất khẩu bình quân cà phê đạt 1.693 USD/tấn.",
            "1.693 USD",
            "coffee export prices",
        ),
        ("In 2024, rice exports fell 4% in volume.", "4%", "rice exports volume change"),
        (
            "Năm 2024, giá trị xuất khẩu đạt 20,3 tỷ USD, bằng 68,9% KH năm.",
            "68,9%",
            "exports share of plan",
        ),
        (
            "In 2023, budget collection was 183.7 trillion VND, "
            "equal to 11.3% of the yearly estimate.",
            "11.3%",
            "state budget revenue share of plan",
        ),
        (
            "Năm 2024, điện năng cho công nghiệp tăng 10,5%.",
            "10,5%",
            "electricity consumption change",
        ),
        (
            "En 2023, la croissance du PIB a été de 5 % et celle de l'industrie de 3 %.",
            "5 %",
            "GDP change",
        ),
    ],
)
def test_concepts_item_unit_and_measure_make_distinct_labels(text, mention, indicator):
    assert claim_of(text, mention)["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        (
            "Trong tháng 5, tổng mức bán lẻ ước đạt 519 ngàn tỷ đồng, tăng 1,5% so với tháng "
            "trước và tăng 11,5% so với cùng kỳ năm trước.",
            ["1,5%", "11,5%"],
        ),
        (
            "Les revenus du commerce de détail ont augmenté : Quang Ninh, en hausse de 10,6 % ; "
            "Haiphong, en hausse de 9,3 % ; et Hanoï, en hausse de 6,3 %.",
            ["10,6 %", "9,3 %", "6,3 %"],
        ),
        (
            "In 2024, exports rose in Dong Thap (5.8%), Tien Giang (5.6%) and Long An (5.4%).",
            ["5.8%", "5.6%", "5.4%"],
        ),
    ],
)
def test_concepts_a_list_and_its_places_keep_one_label(text, mentions):
    labels = {claim_of(text, m)["indicator"] for m in mentions}
    assert len(labels) == 1 and not labels.pop().startswith(UNLISTED)


@pytest.mark.parametrize(
    ("text", "mention", "words"),
    [
        ("Năm 2024, doanh thu dịch vụ sửa chữa ước đạt 253,6 ngàn tỷ đồng.", "253,6", "sửa chữa"),
        ("In 2024, sales of medical equipment rose 20%.", "20%", "medical equipment"),
        (
            "En 2024, les permis de construire délivrés ont atteint 1,2 million.",
            "1,2 million",
            "permis",
        ),
    ],
)
def test_concepts_an_unlisted_subject_is_named_in_its_own_words(text, mention, words):
    row = claim_of(text, mention)
    assert row["indicator"].startswith(UNLISTED) and words in row["indicator"]
    assert row["tier"] == "core"


def test_concepts_a_sentence_naming_nothing_continues_the_last_subject():
    text = (
        "In 2023, Ho Chi Minh City led the country in export earnings with 42.46 billion USD.\n"
        "It was followed by the northern province of Bac Ninh with over 39.3 billion USD."
    )
    first, second = claims(text)
    assert first["indicator"] == second["indicator"] == "exports"


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("The city aims to have 100% of communes meet rural standards.", "en", "communes"),
        ("Phấn đấu 100% xã đạt chuẩn nông thôn.", "vi", "xã"),
        ("La ville vise 100 % des communes aux normes rurales.", "fr", "communes"),
    ],
)
def test_concepts_a_figure_with_nothing_named_before_it_is_named_by_the_words_after(
    text, lang, words
):
    (row,) = claims(text, lang=lang)
    assert row["indicator"].startswith(UNLISTED) and words in row["indicator"]


@pytest.mark.parametrize(
    ("text", "mention", "indicator"),
    [
        (
            "Năm 2023, giải ngân vốn đầu tư công là 33,16 tỷ đồng/286 tỷ đồng, đạt 11,6%.",
            "286 tỷ đồng",
            "public investment disbursement total",
        ),
        (
            "En 2023, le décaissement des investissements publics a atteint 35,49 %.",
            "35,49 %",
            "public investment disbursement share of plan",
        ),
        (
            "In 2025, the reorganisation left 2,636 communes and 672 wards.",
            "672 wards",
            UNLISTED + "wards",
        ),
        (
            "In 2019, rice exports rose sharply to Angola (up 91.9 percent).",
            "91.9 percent",
            "rice exports change",
        ),
        (
            "Năm 2020, luân chuyển đạt 90,5 tỷ lượt khách.km, giảm 20,4%.",
            "20,4%",
            "passenger traffic (passenger-km) change",
        ),
    ],
)
def test_concepts_totals_plan_rates_counts_and_units_of_a_level(text, mention, indicator):
    assert claim_of(text, mention)["indicator"] == indicator


def test_concepts_seed_translations_give_every_shared_claim_the_same_indicator(
    repo_root, shared_dir
):
    """The English, French and Vietnamese seeds are one article: a core claim the gold lists in
    all three (same concept and value) gets one indicator label from the extractor."""
    seeds = repo_root / "seeds"
    versions = ["000_85f2caef2865a13f", "001_3984d48e2a296716", "002_bb9b9c7b91867c93"]
    gold = [
        json.loads(line)
        for line in (shared_dir / "eval" / "seeds.gold.jsonl").read_text("utf-8").splitlines()
    ]
    predicted = {
        v: extract_document(
            Document(f"{v}.txt", (seeds / f"{v}.txt").read_text("utf-8"), DocMeta())
        )
        for v in versions
    }
    labels: dict[tuple, dict[str, str]] = {}
    for g in gold:
        doc = g["doc"].removesuffix(".txt")
        if doc not in predicted or g["tier"] != "core":
            continue
        hits = [p for p in predicted[doc] if p["start"] < g["end"] and g["start"] < p["end"]]
        if hits:
            labels.setdefault((g["concept"], g["value"]), {})[doc] = hits[0]["indicator"]
    shared = {key: by_doc for key, by_doc in labels.items() if len(by_doc) == len(versions)}
    assert len(shared) >= 10
    differing = {key: by_doc for key, by_doc in shared.items() if len(set(by_doc.values())) > 1}
    assert not differing


def test_concepts_seed_translations_label_every_claim_found_in_all_three_alike(repo_root):
    """Minor and unlisted claims too: the figures of one value that all three versions of the
    seed article read the same number of times get the same labels, in order ("10 key tasks",
    "10 tâches clés", "10 nhiệm vụ" are one count of tasks)."""
    seeds = repo_root / "seeds"
    versions = ["000_85f2caef2865a13f", "001_3984d48e2a296716", "002_bb9b9c7b91867c93"]
    found: dict[tuple, dict[str, list[str]]] = {}
    for v in versions:
        text = (seeds / f"{v}.txt").read_text("utf-8")
        for row in extract_document(Document(f"{v}.txt", text, DocMeta())):
            key = (row["value"], row["unit"] if row["unit"] in ("%", "USD", "VND") else "count")
            found.setdefault(key, {}).setdefault(v, []).append(row["indicator"])
    aligned = [
        labels
        for by_version in found.values()
        if len(by_version) == len(versions)
        and len({len(labels) for labels in by_version.values()}) == 1
        for labels in zip(*by_version.values(), strict=True)
    ]
    assert len(aligned) >= 15
    assert [labels for labels in aligned if len(set(labels)) > 1] == []


@pytest.mark.parametrize(
    ("text", "mention", "indicator"),
    [
        # a concept that takes over another's bare words once a document names it
        (
            "In 2023, FDI disbursement reached 2.5 billion USD. "
            "Disbursement in March alone was 1.5 billion USD.",
            "1.5 billion USD",
            "FDI disbursement",
        ),
        (
            "En 2023, le décaissement des IDE a atteint 2,5 milliards de dollars. "
            "Le décaissement de mars a été de 1,5 milliard de dollars.",
            "1,5 milliard de dollars",
            "FDI disbursement",
        ),
        (
            "Năm 2023, giải ngân vốn FDI đạt 2,5 tỷ USD. Riêng tháng 3 giải ngân 1,5 tỷ USD.",
            "1,5 tỷ USD",
            "FDI disbursement",
        ),
        (
            "In 2023, disbursement reached 2.5 billion USD.",
            "2.5 billion USD",
            "public investment disbursement",
        ),
        # a pronoun stands for what was just measured; "increase it to" names a level
        (
            "In 2023, Japan's ODA fell to 100 billion yen, "
            "but the governments agreed to increase it to 300 billion yen.",
            "300 billion yen",
            "official development assistance",
        ),
        (
            "En 2023, les exportations ont atteint 10 milliards de dollars, "
            "puis il a augmenté de 5 %.",
            "5 %",
            "exports change",
        ),
        # at constant prices, before or after the number
        (
            "In 2023, retail sales rose 9%, or 6% excluding price factors.",
            "6%",
            "retail sales of goods and consumer services real change",
        ),
        (
            "In 2023, retail sales rose 9%, or 6% excluding price factors.",
            "9%",
            "retail sales of goods and consumer services change",
        ),
        (
            "Năm 2023, doanh thu bán lẻ tăng 9%, nếu loại trừ yếu tố giá tăng 6%.",
            "6%",
            "retail sales of goods and consumer services real change",
        ),
        (
            "En 2023, les ventes au détail ont augmenté de 9 %, soit 6 % hors effet prix.",
            "6 %",
            "retail sales of goods and consumer services real change",
        ),
        # a multiple with a change word is a change; a factor relating rates is not
        ("In 2023, rice exports to Angola were up 5.2 times.", "5.2 times", "rice exports change"),
        ("Năm 2023, xuất khẩu gạo sang Angola tăng 5,2 lần.", "5,2 lần", "rice exports change"),
        # a count whose noun is a concept names the next figure's subject
        (
            "In 2023, the network has 41 expressways totaling 9,014 kilometers.",
            "9,014 kilometers",
            "expressways (km)",
        ),
        # an amount added to a level
        (
            "In 2023, the Government will build additional 3,841 kilometers of expressways.",
            "3,841 kilometers",
            "expressways absolute change",
        ),
        # figures in one parenthesis, joined by connectors, take the sentence's concept
        (
            "In 2023, exports of Phu Tho and Vinh Phuc (10.6 billion USD and nearly 10 billion "
            "USD, respectively).",
            "nearly 10 billion USD",
            "exports",
        ),
        (
            "Năm 2023, xuất khẩu của Phu Tho và Vinh Phuc (10,6 tỷ USD và gần 10 tỷ USD, "
            "tương ứng).",
            "gần 10 tỷ USD",
            "exports",
        ),
        # a unit that says its concept
        (
            "In 2023, traffic reached 16 billion passenger-km.",
            "16 billion passenger-km",
            "passenger traffic (passenger-km)",
        ),
        (
            "Năm 2023, luân chuyển đạt 16 tỷ lượt khách.km.",
            "16 tỷ lượt khách.km",
            "passenger traffic (passenger-km)",
        ),
        # a copula after the number names its concept (French)
        (
            "En 2023, 500.000 euros sont des aides non-remboursables.",
            "500.000 euros",
            "non-refundable aid",
        ),
        # rice grades are items of their own
        ("Fragrant rice exports rose 12% in 2023.", "12%", "fragrant rice exports change"),
        (
            "En 2023, les exportations de riz gluant ont augmenté de 12 %.",
            "12 %",
            "sticky rice exports change",
        ),
        # a count of new things
        (
            "Năm 2023, tỉnh thu hút 23 dự án FDI mới và 31 lượt dự án tăng vốn.",
            "23 dự án",
            "foreign direct investment (new projects)",
        ),
        (
            "Năm 2023, tỉnh thu hút 23 dự án FDI mới và 31 lượt dự án tăng vốn.",
            "31 lượt dự án",
            "foreign direct investment (projects)",
        ),
        # no subject of its own: a count is named by what it counts
        ("In 2023 the province had 12 projects.", "12 projects", UNLISTED + "projects"),
        # a number after a comma goes on with the last figure's subject
        (
            "In 2023, exports rose 5%, 8% is hard, 10% or more is harder.",
            "10% or more",
            "exports change",
        ),
        # Vietnamese "thì" opens the main clause
        (
            "Năm 2023, để GDP tăng như vậy thì ngành Công Thương phải tăng 12%.",
            "12%",
            "industrial production change",
        ),
        # horizon words are no subject
        (
            "Năm 2023, xuất khẩu đạt 500 tỷ USD, tầm nhìn 2050 đạt 1.000 tỷ USD.",
            "1.000 tỷ USD",
            "exports",
        ),
        # a rate written with its sign is a change
        (
            "En 2023, les ventes au détail de biens ont représenté 79% avec 4 milliards de "
            "dollars (+6,8% sur un an).",
            "+6,8%",
            "retail sales of goods change",
        ),
        # "... of total turnover and up 7.3%": the coordinated change is the same subject's
        (
            "En 2023, les ventes de marchandises ont atteint 3 milliards de dollars, représentant "
            "77% du chiffre d'affaires total et en hausse de 7,3%.",
            "7,3%",
            "retail sales of goods change",
        ),
        # a value after an amount of goods is the same goods' value, in every language
        ("Rice exports reached 9 million tonnes, worth US$5.7 billion.", "US$5.7", "rice exports"),
        (
            "Coffee exports reached 1.2 million tonnes, valued at US$5.48 billion.",
            "US$5.48",
            "coffee exports",
        ),
        ("Năm 2024, xuất khẩu gạo đạt 9 triệu tấn, trị giá 5,7 tỷ USD.", "5,7 tỷ", "rice exports"),
        # a count is not named by a concept in a later clause
        (
            "Over 2.3 million tourists visited the bay, generating revenue of 1.2 trillion VND.",
            "2.3 million",
            "unlisted: people",
        ),
        # "after growing", "après avoir progressé", "sau khi tăng": the same subject's change
        (
            "Industrial production grew by 7.2% in 2023, after growing by 6.1% in 2022.",
            "6.1%",
            "industrial production change",
        ),
        (
            "La production industrielle a progressé de 7,2 % en 2023, après avoir progressé "
            "de 6,1 % en 2022.",
            "6,1 %",
            "industrial production change",
        ),
        (
            "Chỉ số sản xuất công nghiệp tăng 7,2% năm 2023, sau khi tăng 6,1% năm 2022.",
            "6,1%",
            "industrial production change",
        ),
        # retail categories are items, of the sentence's concept or the document's last one
        (
            "Năm 2023, doanh thu bán lẻ hàng hóa tăng 10%; trong đó, nhóm hàng lương thực, "
            "thực phẩm tăng 14%; phương tiện đi lại tăng 4%.",
            "14%",
            "food retail sales of goods change",
        ),
        (
            "En 2023, les ventes de marchandises ont augmenté de 7 %.\n"
            "Les revenus de l'électroménager ont augmenté de 10,1 % et ceux des véhicules de 4 %.",
            "4 %",
            "vehicles retail sales of goods change",
        ),
        # consuming sectors are items of what they consume
        (
            "Năm 2023, điện năng cho thương mại – dịch vụ tăng 11%, điện năng cho sinh hoạt "
            "tăng 9%.",
            "9%",
            "households electricity consumption change",
        ),
        (
            "In 2023, electricity consumption for commerce and services rose 11%.",
            "11%",
            "commerce and services electricity consumption change",
        ),
        # mining in every language
        ("Năm 2023, công nghiệp khai khoáng tăng 6,1%.", "6,1%", "mining change"),
        ("In 2023, the mining industry grew 6.1%.", "6.1%", "mining change"),
        ("En 2023, l'industrie extractive a progressé de 6,1 %.", "6,1 %", "mining change"),
    ],
)
def test_concepts_rules_name_what_a_figure_measures(text, mention, indicator):
    assert claim_of(text, mention)["indicator"] == indicator


@pytest.mark.parametrize(
    "text",
    [
        "In 2023, the minister set 10 key tasks.",
        "En 2023, le ministre a fixé 10 tâches clés.",
        "Năm 2023, Bộ đề ra 10 nhiệm vụ.",
    ],
)
def test_concepts_a_passing_count_is_named_in_english_in_every_language(text):
    row = only(text)
    assert (row["indicator"], row["tier"]) == (UNLISTED + "tasks", "minor")


@pytest.mark.parametrize(
    ("text", "mention", "unwanted"),
    [
        (
            "In 2023, the ambassador said the first batch of 95 million yen was signed.",
            "95 million yen",
            "ambassador",
        ),
        ("Năm 2023, ông Nam cho biết đợt đầu 95 triệu yên đã ký.", "95 triệu yên", "nam"),
    ],
)
def test_concepts_a_speaker_is_not_the_subject(text, mention, unwanted):
    assert unwanted not in claim_of(text, mention)["indicator"]


@pytest.mark.parametrize(
    ("text", "mention", "indicator"),
    [
        # a general concept's figure beside a count of one of its kinds is that kind's
        (
            "Năm 2024, tỉnh thu hút 12 dự án DDI với tổng vốn đầu tư 900 tỷ đồng.",
            "900 tỷ đồng",
            "domestic direct investment",
        ),
        (
            "In 2024, the province drew 40 FDI projects with total investment capital of "
            "USD 300 million.",
            "USD 300 million",
            "foreign direct investment",
        ),
        # near miss: a semicolon ends the clause of the count, the capital is investment's
        (
            "Năm 2024, tỉnh có 12 dự án DDI; tổng vốn đầu tư đạt 900 tỷ đồng.",
            "900 tỷ đồng",
            "investment capital",
        ),
        # near miss: a count of things of no kind of investment changes nothing
        (
            "Năm 2024, tỉnh có 12 doanh nghiệp với tổng vốn đầu tư 900 tỷ đồng.",
            "900 tỷ đồng",
            "investment capital",
        ),
    ],
)
def test_concepts_a_figure_beside_a_count_of_its_kind_is_that_kinds(text, mention, indicator):
    assert claim_of(text, mention)["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "first", "second", "same"),
    [
        # an unlisted count is named by its head noun, in English where the lexicon says it
        ("Năm 2020, Tổng cục giảm 40 chi cục thuế và 12 chi cục hải quan.", "40", "12", True),
        ("Năm 2020, Tổng cục giảm 30 tổ kế toán. Năm 2021, Tổng cục giảm 8 tổ.", "30", "8", True),
        # near miss: different heads stay different labels
        ("Năm 2020, Tổng cục giảm 40 chi cục thuế và 12 đội thuế.", "40", "12", False),
    ],
)
def test_concepts_an_unlisted_count_is_named_by_its_head_noun(text, first, second, same):
    a, b = claim_of(text, first)["indicator"], claim_of(text, second)["indicator"]
    assert a.startswith(UNLISTED) and b.startswith(UNLISTED)
    assert (a == b) is same


@pytest.mark.parametrize(
    ("text", "mention", "indicator"),
    [
        ("Năm 2020, Tổng cục giảm 40 chi cục thuế.", "40", UNLISTED + "sub-departments cut"),
        ("Năm 2020, Tổng cục giảm 63 phòng và 211 tổ.", "211", UNLISTED + "teams cut"),
        ("En 2020, le pays compte 508 comtés.", "508", UNLISTED + "rural districts"),
        # near miss: a count with its own change word is not governed by the one before
        ("Năm 2020, Tổng cục giảm 63 phòng, tăng 21 tổ.", "21", UNLISTED + "teams"),
        # near miss: a count in a new clause is not the cut of the one before
        ("Năm 2020, Tổng cục giảm 63 phòng; có 211 tổ.", "211", UNLISTED + "teams"),
    ],
)
def test_concepts_a_count_coordinated_with_a_cut_is_cut(text, mention, indicator):
    assert claim_of(text, mention)["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "mention", "tier"),
    [
        ("“Achieving a growth target of 8% is difficult,” he said.", "8%", "minor"),
        ("Atteindre une croissance de 8 % est difficile, a-t-il dit.", "8 %", "minor"),
        ("Ông nói mục tiêu tăng trưởng 8% đã khó.", "8%", "minor"),
        # near miss: a figure reported, with no opinion after it
        ("“Growth reached 8% in 2024,” he said.", "8%", "core"),
        ("Năm 2024, tăng trưởng đạt 8%, khó khăn vẫn còn.", "8%", "core"),
    ],
)
def test_concepts_a_figure_before_an_opinion_about_it_is_minor(text, mention, tier):
    assert claim_of(text, mention)["tier"] == tier


@pytest.mark.parametrize(
    ("text", "mention", "indicator", "tier"),
    [
        (
            "Năm 2024, tuổi thọ trung bình đạt 74,8 tuổi.",
            "74,8 tuổi",
            "life expectancy (years)",
            "core",
        ),
        (
            "In 2024, life expectancy reached 74.8 years.",
            "74.8 years",
            "life expectancy (years)",
            "core",
        ),
        # near miss: a span of years is a passing duration
        ("Năm 2024, dự án kéo dài 5 năm.", "5 năm", UNLISTED + "years", "minor"),
    ],
)
def test_concepts_a_life_expectancy_in_years_is_a_level(text, mention, indicator, tier):
    row = claim_of(text, mention)
    assert (row["indicator"], row["tier"]) == (indicator, tier)


@pytest.mark.parametrize(
    ("text", "mention", "unwanted"),
    [
        ("In 2024, the ministry will currently have 40 agencies.", "40", "will"),
        ("En 2024, ceux-ci ont notamment reçu 40 agences.", "40", "notamment"),
        ("Năm 2024, họ sẽ có 40 cơ quan.", "40", "sẽ"),
    ],
)
def test_concepts_an_unlisted_label_holds_no_auxiliary_or_pronoun(text, mention, unwanted):
    assert unwanted not in claim_of(text, mention)["indicator"].split()


@pytest.mark.parametrize(
    ("text", "mention", "indicator"),
    [
        # a concept phrase that begins in the counted noun is what is counted
        (
            "Năm 2024, ngành đã phục vụ 110 triệu lượt khách du lịch nội địa.",
            "110 triệu lượt khách",
            "domestic tourists (arrivals)",
        ),
        (
            "Năm 2023, khách nội địa đạt 108 triệu lượt.",
            "108 triệu lượt",
            "domestic tourists (arrivals)",
        ),
        (
            "In 2023, domestic tourists reached 108 million.",
            "108 million",
            "domestic tourists (number)",
        ),
        # near miss: tourism revenue is money from tourists, not their number
        (
            "Năm 2023, tổng thu từ du lịch của cả nước đạt 678 nghìn tỷ đồng.",
            "678 nghìn tỷ đồng",
            "tourism revenue",
        ),
        (
            "Năm 2023, tổng thu ngân sách của cả nước đạt 678 nghìn tỷ đồng.",
            "678 nghìn tỷ đồng",
            "state budget revenue",
        ),
    ],
)
def test_concepts_what_a_count_counts_and_what_revenue_is_from(text, mention, indicator):
    assert claim_of(text, mention)["indicator"] == indicator


_POWER_VI = (
    "Năm 2024, sản lượng điện sản xuất của cả nước đạt 300 tỷ kWh, trong đó điện gió đạt "
    "9,56 tỷ kWh. "
)
_POWER_EN = "In 2024, power output reached 300 billion kWh, of which wind power 9.56 billion kWh. "


@pytest.mark.parametrize(
    ("text", "mention", "indicator"),
    [
        (
            _POWER_VI + "Huy động về tua bin khí 18,46 tỷ kWh.",
            "18,46 tỷ kWh",
            "gas-fired power electricity production (kWh)",
        ),
        (
            _POWER_EN + "Gas-fired power mobilised 18.46 billion kWh.",
            "18.46 billion kWh",
            "gas-fired power electricity production (kWh)",
        ),
        # near miss: a sentence naming its own concept does not take the document's
        (_POWER_VI + "Xuất khẩu điện đạt 2 tỷ USD.", "2 tỷ USD", "exports"),
    ],
)
def test_concepts_an_item_in_a_new_sentence_is_an_item_of_the_documents_concept(
    text, mention, indicator
):
    assert claim_of(text, mention)["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "mention", "indicator"),
    [
        # every word in the lexicon's [label_words]: English, modifiers before the head
        (
            "Năm 2024, tỷ lệ thất thoát nước sạch của thành phố là 15%.",
            "15%",
            UNLISTED + "clean water loss (%)",
        ),
        (
            "Năm 2024, doanh thu dịch vụ khác của tỉnh tăng 5%.",
            "5%",
            UNLISTED + "other services revenue change",
        ),
        # near miss: one word the lexicon cannot say keeps the text's own words, untranslated
        (
            "Năm 2024, thất thoát nước ngầm của tỉnh là 15%.",
            "15%",
            UNLISTED + "thất thoát nước ngầm (%)",
        ),
        # a passing count is named by its English head too
        ("En 2024, le pays a signé 12 accords.", "12 accords", UNLISTED + "agreements"),
    ],
)
def test_concepts_an_unlisted_label_is_english_where_the_lexicon_says_every_word(
    text, mention, indicator
):
    assert claim_of(text, mention)["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "mention", "tier"),
    [
        # a count of places or projects written in words is mentioned in passing
        (
            "In 2024, the new road will connect four northern provinces.",
            "four northern provinces",
            "minor",
        ),
        ("En 2024, le prêt financera deux grands projets.", "deux grands projets", "minor"),
        ("Năm 2024, vốn vay được phân bổ cho ba dự án.", "ba dự án", "minor"),
        # near miss: the same counts in figures are indicators
        ("In 2024, the province attracted 23 projects.", "23 projects", "core"),
        ("Năm 2024, vốn vay được phân bổ cho 3 dự án.", "3 dự án", "core"),
        # near miss: other things counted in words keep their tier
        ("In 2024, the ministry cut four departments.", "four departments", "core"),
    ],
)
def test_concepts_a_count_of_places_or_projects_in_words_is_minor(text, mention, tier):
    assert claim_of(text, mention)["tier"] == tier


@pytest.mark.parametrize(
    "text",
    [
        "In 2015, the ministry set a target of average living space per person of 21.5 m2.",
        "En 2015, la surface habitable moyenne par personne a atteint 21,5 m2.",
        "Năm 2015, diện tích nhà ở bình quân đầu người đạt 21,5 m2.",
    ],
)
def test_concepts_living_space_is_one_concept_in_every_language(text):
    assert claims(text)[-1]["indicator"] == "average living space per person (m²)"


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("Năm 2023, tỷ lệ đô thị hóa toàn quốc đạt 41,7%.", "urbanisation rate (%)"),
        ("In 2023, the urbanisation rate reached 41.7%.", "urbanisation rate (%)"),
        ("En 2023, le taux d'urbanisation a atteint 41,7 %.", "urbanisation rate (%)"),
        ("Năm 2023, tỷ lệ dân cư được cung cấp nước sạch đạt 95,1%.", "clean water coverage (%)"),
        ("In 2023, access to clean water reached 95.1%.", "clean water coverage (%)"),
        # near miss: water supply as a production sector is another concept
        ("Năm 2023, ngành cung cấp nước tăng 5%.", "water supply and waste treatment change"),
    ],
)
def test_concepts_urbanisation_and_clean_water_in_every_language(text, indicator):
    assert claims(text)[-1]["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "mention", "indicator"),
    [
        # a concept named by a verb phrase after a count names what it counts
        (
            "In 2024, 97,299 businesses in the country withdrew from the market.",
            "97,299 businesses",
            "enterprises withdrawing from the market (enterprises)",
        ),
        (
            "Năm 2024, có 97.299 doanh nghiệp rút lui khỏi thị trường.",
            "97.299 doanh nghiệp",
            "enterprises withdrawing from the market (enterprises)",
        ),
        (
            "En 2024, 66 072 entreprises ont suspendu temporairement leurs activités.",
            "66 072 entreprises",
            "enterprises temporarily suspending business (enterprises)",
        ),
        (
            "En 2015, environ 450 000 Vietnamiens travaillent à l'étranger.",
            "450 000 Vietnamiens",
            "workers sent abroad (people)",
        ),
        (
            "In 2015, about 450,000 Vietnamese people are working abroad.",
            "450,000 Vietnamese people",
            "workers sent abroad (people)",
        ),
        # near miss: past a semicolon the verb phrase is another clause's
        (
            "In 2024, the province had 500 businesses; others withdrew from the market.",
            "500 businesses",
            UNLISTED + "enterprises",
        ),
    ],
)
def test_concepts_a_verb_phrase_after_a_count_names_what_it_counts(text, mention, indicator):
    assert claim_of(text, mention)["indicator"] == indicator
