"""Units and currencies from CLDR: every currency, physical and compound units, scale words,
units shared by a range or a coordination, and the near misses that stay out."""

import pytest

from extract.lexicon import load_lexicon
from extract.pipeline.numbers import decimal_mark, find_quantities
from extract.pipeline.units import per_unit


def quantities(lang: str, text: str):
    lex = load_lexicon(lang)
    found = find_quantities(text, 0, len(text), lex, decimal_mark(text, lex.decimal_mark))
    return [(text[q.start : q.end], q.value, q.value_max, q.unit) for q in found]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "a loan of ¥30 billion", [("¥30 billion", 30e9, None, "JPY")]),
        ("en", "it raised £4.2 million", [("£4.2 million", 4.2e6, None, "GBP")]),
        ("en", "a ₩500 billion fund", [("₩500 billion", 500e9, None, "KRW")]),
        ("en", "worth 12 billion won", [("12 billion won", 12e9, None, "KRW")]),
        ("en", "priced at 7 Swiss francs", [("7 Swiss francs", 7.0, None, "CHF")]),
        ("en", "costs 300 rupees", [("300 rupees", 300.0, None, "INR")]),
        ("en", "a THB 2 billion plant", [("THB 2 billion", 2e9, None, "THB")]),
        ("en", "revenue of $812mn", [("$812mn", 812e6, None, "USD")]),
        ("en", "a €1.5bn deal", [("€1.5bn", 1.5e9, None, "EUR")]),
        ("en", "a US$3-billion plant", [("US$3-billion", 3e9, None, "USD")]),
        ("en", "VNĐ601 trillion in total", [("VNĐ601 trillion", 601e12, None, "VND")]),
        ("en", "S$2.5 million", [("S$2.5 million", 2.5e6, None, "SGD")]),
        ("en", "₫45,000 a meal", [("₫45,000", 45000.0, None, "VND")]),
        ("fr", "un prêt de 30 milliards de yens", [("30 milliards de yens", 30e9, None, "JPY")]),
        (
            "fr",
            "3,5 millions de livres sterling",
            [("3,5 millions de livres sterling", 3.5e6, None, "GBP")],
        ),
        ("fr", "un budget de 1 200 wons", [("1 200 wons", 1200.0, None, "KRW")]),
        ("fr", "soit 2,4 milliards €", [("2,4 milliards €", 2.4e9, None, "EUR")]),
        ("vi", "vốn vay 30 tỷ yên", [("30 tỷ yên", 30e9, None, "JPY")]),
        ("vi", "đạt 5,6 tỷ nhân dân tệ", [("5,6 tỷ nhân dân tệ", 5.6e9, None, "CNY")]),
        ("vi", "khoảng 2.000 tỷ won", [("khoảng 2.000 tỷ won", 2e12, None, "KRW")]),
        ("vi", "hơn 120 triệu euro", [("hơn 120 triệu euro", 120e6, None, "EUR")]),
        ("vi", "giá 45.000₫", [("45.000₫", 45000.0, None, "VND")]),
        ("vi", "thu về $2,1 tỷ", [("$2,1 tỷ", 2.1e9, None, "USD")]),
    ],
)
def test_units_every_currency(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # "won" before a number is a verb, "TOP" and "ALL" in capitals are words.
        ("en", "The team won 3 matches, TOP 10 lists and ALL 5 members"),
        ("en", "He won 12 medals"),
        ("vi", "Đội bóng đã won 3 trận"),
    ],
)
def test_units_currency_words_before_a_number_are_no_currency(lang, text):
    units = {q[3] for q in quantities(lang, text)}
    assert not units & {"KRW", "TOP", "ALL"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "the 3rd round, 1st place, 13th congress"),
        ("en", "an i7 chip, 4G networks, the A320 fleet, H5N1 cases"),
        ("en", "a 5-year plan and a 3-star hotel"),
        ("en", "at 2 pm and 10 am, the 2 in the car"),
        ("fr", "le 1er janvier, le 2e tour"),
        ("vi", "Nghị quyết số 57 ngày 22/12/2024"),
        ("vi", "ngày 15 tháng 6 năm 2024"),
        ("vi", "vòng 2 và bảng 3"),
    ],
)
def test_units_near_misses_stay_out(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "covers 301,338 km2", ("301,338 km2", 301338.0, None, "km²")),
        ("en", "covers 4 square kilometres", ("4 square kilometres", 4.0, None, "km²")),
        ("en", "an area of 92 million m²", ("92 million m²", 92e6, None, "m²")),
        ("en", "a 109-kilometer expressway", ("109-kilometer", 109.0, None, "km")),
        ("en", "it weighs 10kg", ("10kg", 10.0, None, "kg")),
        ("en", "2.83 million tonnes of rice", ("2.83 million tonnes", 2.83e6, None, "t")),
        ("en", "output of 7.3 MWh", ("7.3 MWh", 7.3, None, "MWh")),
        ("en", "a 1,200 MW plant", ("1,200 MW", 1200.0, None, "MW")),
        ("en", "10 million barrels of oil", ("10 million barrels", 10e6, None, "bbl")),
        ("en", "3.5 million TEUs", ("3.5 million TEUs", 3.5e6, None, "TEU")),
        ("en", "a price of 2,450 USD per tonne", ("2,450 USD per tonne", 2450.0, None, "USD")),
        ("en", "cost $350 per kg", ("$350 per kg", 350.0, None, "USD")),
        ("en", "yields of 5.6 tonnes per hectare", ("5.6 tonnes per hectare", 5.6, None, "t/ha")),
        ("en", "at 200 kilometres per hour", ("200 kilometres per hour", 200.0, None, "km/h")),
        ("en", "32 degrees Celsius", ("32 degrees Celsius", 32.0, None, "°C")),
        ("fr", "une surface de 3 000 hectares", ("3 000 hectares", 3000.0, None, "ha")),
        ("fr", "12,5 mètres carrés", ("12,5 mètres carrés", 12.5, None, "m²")),
        ("fr", "4,2 milliards de kWh", ("4,2 milliards de kWh", 4.2e9, None, "kWh")),
        ("fr", "à 1 500 euros par tonne", ("1 500 euros par tonne", 1500.0, None, "EUR")),
        ("vi", "đạt 76,31 tỷ kWh", ("76,31 tỷ kWh", 76.31e9, None, "kWh")),
        ("vi", "năng suất 55,99 tạ/ha", ("55,99 tạ/ha", 55.99, None, "quintals/ha")),
        ("vi", "sản lượng 12 vạn tấn", ("12 vạn tấn", 12e4, None, "t")),
        ("vi", "giá 2.450 USD/tấn", ("2.450 USD/tấn", 2450.0, None, "USD")),
        ("vi", "giá 30.000 đồng/kg", ("30.000 đồng/kg", 30000.0, None, "VND")),
        ("vi", "diện tích 25 m² sàn", ("25 m²", 25.0, None, "m²")),
        ("vi", "tuyến dài 109 km", ("109 km", 109.0, None, "km")),
        ("vi", "1,2 triệu TEU", ("1,2 triệu TEU", 1.2e6, None, "TEU")),
        ("vi", "đạt 3,2 tỷ lượt khách.km", ("3,2 tỷ lượt khách.km", 3.2e9, None, "passenger-km")),
        ("vi", "15 người/10.000 dân", ("15 người/10.000 dân", 15.0, None, "people/10,000 dân")),
        ("vi", "tăng thêm 1.960 ha", ("1.960 ha", 1960.0, None, "ha")),
    ],
)
def test_units_physical_and_compound(lang, text, expected):
    found = quantities(lang, text)
    assert len(found) == 1
    mention, value, high, unit = found[0]
    assert (mention, value, high) == expected[:3]
    assert unit == expected[3]


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("fr", "100 mille milliards de dongs", 100e12),
        ("fr", "3 billions d'euros", 3e12),  # the long scale: a French billion is 10^12
        ("fr", "2 milliards de dollars", 2e9),
        ("vi", "519 nghìn tỷ đồng", 519e12),
        ("vi", "519 ngàn tỷ đồng", 519e12),
        ("vi", "3 trăm nghìn đồng", 3e5),
        ("vi", "12 vạn tấn", 12e4),
        ("en", "6.39 quadrillion VND", 6.39e15),
        ("en", "$2.174T", 2.174e12),
        ("en", "€10M", 10e6),
        ("en", "0.5k miles", 500.0),
        ("en", "£3bn", 3e9),
        ("en", "1.5 tn VND", 1.5e12),
        ("en", "5 lakh rupees", 5e5),
    ],
)
def test_units_scale_words(lang, text, value):
    (found,) = quantities(lang, text)
    assert found[1] == pytest.approx(value)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("vi", "12-13 triệu lượt", [(12e6, 13e6)]),
        ("vi", "tăng 2,3%, 1,4% và 0,9%", [(2.3, None, "%"), (1.4, None, "%"), (0.9, None, "%")]),
        ("vi", "tăng 2,3, 1,4 và 0,9%", [(2.3, None, "%"), (1.4, None, "%"), (0.9, None, "%")]),
        ("en", "up 2.3, 1.4 and 0.9%", [(2.3, None, "%"), (1.4, None, "%"), (0.9, None, "%")]),
        ("en", "1.2 and 1.5 billion USD", [(1.2e9, None, "USD"), (1.5e9, None, "USD")]),
        (
            "fr",
            "400 millions et 600 millions de dollars",
            [(400e6, None, "USD"), (600e6, None, "USD")],
        ),
        ("fr", "1,2 ou 1,5 milliard d'euros", [(1.2e9, None, "EUR"), (1.5e9, None, "EUR")]),
        ("en", "between 10 and 15 billion dollars", [(10e9, 15e9, "USD")]),
    ],
)
def test_units_shared_by_range_or_coordination(lang, text, expected):
    found = [(v, h, u) for _, v, h, u in quantities(lang, text)]
    assert [f[: len(e)] for f, e in zip(found, expected, strict=True)] == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # A year before a coordination is no member of it.
        ("vi", "năm 2020, 2021 và 5%", [(5.0, None, "%")]),
        # A count noun is not carried: "Điều 3, 4 và 5 tỉnh" names articles.
        ("vi", "Điều 3, 4 và 5 tỉnh", [(5.0, None, "provinces")]),
    ],
)
def test_units_coordination_near_misses(lang, text, expected):
    assert [(v, h, u) for _, v, h, u in quantities(lang, text)] == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The works took 5 years and 3 days.", [(5.0, "years"), (3.0, "days")]),
        ("en", "over 16 hours", [(16.0, "hours")]),
        ("fr", "Les travaux ont duré 15 ans et 4 jours.", [(15.0, "years"), (4.0, "days")]),
        ("fr", "La réunion a duré 3 heures.", [(3.0, "hours")]),
        ("vi", "trong 5 năm qua", [(5.0, "years")]),
        ("vi", "tuổi thọ trung bình 74,8 tuổi", [(74.8, "years")]),
    ],
)
def test_units_durations_are_measures(lang, text, expected):
    assert [(v, u) for _, v, _, u in quantities(lang, text)] == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "a 5-year plan"),  # a duration joined by a hyphen describes a noun
        ("vi", "Nghị quyết số 57 ngày 22/12/2024"),  # a time word before its own number
        ("vi", "tháng 6 năm 2024"),
    ],
)
def test_units_durations_near_misses(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "paid $15.4/hour", [("$15.4/hour", 15.4, None, "USD")]),
        ("en", "it cost £5m", [("£5m", 5e6, None, "GBP")]),
        ("en", "from $5m to $10m", [("$5m to $10m", 5e6, 10e6, "USD")]),
        ("en", "between $2 and $3 billion", [("$2 and $3 billion", 2e9, 3e9, "USD")]),
        (
            "en",
            "rose from $350 per kg to $680 per kg",
            [("$350 per kg to $680 per kg", 350.0, 680.0, "USD")],
        ),
        ("fr", "de 2 € à 3 €", [("2 € à 3 €", 2.0, 3.0, "EUR")]),
        # Two quantities, not a range: another unit, or high to low.
        ("en", "rose from $5 to 10%", [("$5", 5.0, None, "USD"), ("10%", 10.0, None, "%")]),
        ("en", "from $5 to $3", [("$5", 5.0, None, "USD"), ("$3", 3.0, None, "USD")]),
        # After money only is a glued m a million: "a 5m wall" says nothing countable.
        ("en", "a 5m wall", []),
    ],
)
def test_units_prices_and_money_ranges(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "a 1/4 inch gap", [("1/4 inch", 0.25, None, "in")]),
        ("en", "about 3/4 mile away", [("3/4 mile", 0.75, None, "mi")]),
        ("en", "one-half miles east", [("one-half miles", 0.5, None, "mi")]),
        ("en", "two-thirds of the provinces", [("two-thirds", 66.67, None, "%")]),
        ("en", "On 8/1 the schools reopened.", []),  # a date
    ],
)
def test_units_fractions_of_a_measure(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "I have seen 45 and 50 cases.", [(45.0, "cases"), (50.0, "cases")]),
        (
            "fr",
            "entre 12 et 15 communes, puis 3 ou 4 communes",
            [(12.0, "communes"), (3.0, "communes"), (4.0, "communes")],
        ),
        ("vi", "Điều 3, 4 và 5 tỉnh", [(5.0, "provinces")]),
    ],
)
def test_units_a_count_shared_by_two_members(lang, text, expected):
    assert [(v, u) for _, v, _, u in quantities(lang, text)] == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "reduced by 6,714, from 10,035 to 3,321 units",
            [(10035.0, "units"), (3321.0, "units")],
        ),
        ("fr", "passé de 705 à 696 unités", [(705.0, "unités"), (696.0, "unités")]),
        ("en", "cut from 63 to 34 provinces", [(63.0, "provinces"), (34.0, "provinces")]),
        ("en", "from 2025 to 2020 targets", []),  # years are no levels
    ],
)
def test_units_shared_by_a_change_from_one_level_to_another(lang, text, expected):
    assert [(v, u) for _, v, _, u in quantities(lang, text)] == expected


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("collisions at 13 TeV", 13, "TeV"),
        ("a dose of 14 mGy", 14, "mGy"),
        ("formed 66 Ma ago", 66, "Ma"),
        ("an acceleration of 9.8 m/s2", 9.8, "m/s²"),
        ("a rate of 4e14 s-1", 4e14, "1/s"),
        ("data of 5 fb−1 each", 5, "1/fb"),
        ("a loss of 3 W/min", 3, "W/min"),
        ("a flux of 20 J/m^2", 20, "J/m²"),
    ],
)
def test_units_symbols_cldr_lacks_come_from_pint(text, value, unit):
    ((_, got, _, got_unit),) = quantities("en", text)
    assert (got, got_unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3 to 4 L of water", 3, "L"),
        ("exports of 278,000 t in May", 278000, "t"),
        ("a 2.5 g sample", 2.5, "g"),
        ("The pencil is 2 in.", 2, "in"),
        ("a gap of 2.1 pm.", 2.1, "pm"),
        ("The shift lasted 3 hrs.", 3, "hours"),
        ("It handles 4,500 tpd.", 4500, "t/day"),
        ("a board 11in wide", 11, "in"),
        ("The door is 2 1/2 in thick.", 2.5, "in"),
        ("yields rose 25 basis points", 25, "basis points"),
        ("Sales grew 2.5x last year", 2.5, "times"),
        ("a £1.2trn budget", 1.2e12, "GBP"),
        ("Over 1m people signed", 1e6, "people"),  # "m" glued before a count: million
        ("It shipped 2.5m tonnes", 2.5e6, "t"),
        ("The 6-foot-2 center", 6, "ft"),  # a word, a hyphen and a digit: no power ("foot-2")
    ],
)
def test_units_letters_and_words_read_where_nothing_else_is_meant(text, value, unit):
    ((_, got, _, got_unit),) = quantities("en", text)
    assert (got, got_unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The 2 in the box were 3 in all, at 2.30 pm.",  # "in" before a word; a clock time
        "Seats: 3 At, 2 Ms and 4 PM.",  # words, titles, a clock
        "at 7 am and 10 pm",
        "a 3 x 4 room",  # "x" between numbers is no multiple
        "the object SCP 06F6 and part 4G8",  # a digit after a letter is no power
        "They live at 5 Ly Thuong Kiet Street and 12 Ta Hien.",  # a name goes on
        "He is 2m tall and the wall 5m high.",  # "m" alone: metres, a letter not read
        "Model 3 L was sold to Group 4 t buyers.",  # a letter after a small whole number
    ],
)
def test_units_words_letters_and_acronyms_stay_out(text):
    assert [q for q in quantities("en", text) if q[3] not in ("",)] == []


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "a C$40 fee", 40, "CAD"),
        ("en", "worth Rs 500 crore", 5e9, "INR"),
        ("en", "a RM5 million fund", 5e6, "MYR"),
        ("en", "Rp 2 trillion in aid", 2e12, "IDR"),
        ("en", "output grew 5pc", 5, "%"),
        ("en", "rates cut by 50bp", 50, "basis points"),
        ("en", "driving at 120 kph", 120, "km/h"),
        ("en", "minus 5 degrees", -5, "deg"),
        ("en", "half a percentage point", 0.5, "percentage points"),
        ("vi", "nhiệt độ âm 5 độ C", -5, "°C"),
    ],
)
def test_units_news_spellings_of_currencies_rates_and_signs(lang, text, value, unit):
    ((_, got, _, got_unit),) = quantities(lang, text)
    assert (got, got_unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    ["The form 5 was filed by Mrs 5 Smith.", "PCs 5 and terms 3 apply."],
)
def test_units_currency_letters_inside_words_stay_out(text):
    assert quantities("en", text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Près de 1,5 million de personnes ont manifesté.", 1.5e6, "people"),
        ("une ville de 2 millions d'habitants", 2e6, "people"),
        ("un milliard de touristes", 1e9, "people"),
    ],
)
def test_units_a_scale_then_de_counts_the_noun_after_it(text, value, unit):
    ((_, got, _, got_unit),) = quantities("fr", text)
    assert (got, got_unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("ozone at 70 parts per billion", 70.0, "ppb"),
        ("CO2 at 421 ppm", 421.0, "ppm"),
        ("dust of 10 microns", 10.0, "μm"),
        ("shares at 412 pence", 412.0, "pence"),
        ("the index lost 250 points", 250.0, "points"),
    ],
)
def test_units_news_measures_cldr_leaves_out(text, value, unit):
    lex = load_lexicon("en")
    found = find_quantities(text, 0, len(text), lex, decimal_mark(text, lex.decimal_mark))
    assert [(q.value, q.unit) for q in found] == [(value, unit)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 6ft 2in man", [(6.0, "ft"), (2.0, "in")]),
        # Near miss: "in" after a hyphen is the preposition of a ratio.
        ("a 1-in-50-year storm", []),
    ],
)
def test_units_a_glued_word_only_right_after_a_digit(text, expected):
    lex = load_lexicon("en")
    found = find_quantities(text, 0, len(text), lex, decimal_mark(text, lex.decimal_mark))
    assert [(q.value, q.unit) for q in found] == expected


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        (" a day", "bbl", (6, "bbl/days")),
        (" an hour", "km", (8, "km/hours")),
        (" a gallon", "USD", (9, "USD")),  # a price per unit stays money
        # Near misses: a time reference, a share, no unit after the article.
        (" a year earlier", "km", None),
        (" a year", "%", None),
        (" a road", "km", None),
    ],
)
def test_units_per_unit_reads_an_article_as_per_before_a_unit(text, unit, expected):
    assert per_unit(text, 0, len(text), load_lexicon("en"), unit) == expected
