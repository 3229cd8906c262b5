"""Number mentions: literals, conventions, scale words, units, qualifiers, ranges, noise."""

import pytest

from extract.lexicon import load_lexicon
from extract.pipeline import numbers
from extract.pipeline.numbers import decimal_mark, find_quantities, parse_number


def quantities(lang: str, text: str):
    lex = load_lexicon(lang)
    found = find_quantities(text, 0, len(text), lex, decimal_mark(text, lex.decimal_mark))
    return [(text[q.start : q.end], q.value, q.value_max, q.unit, q.qualifier) for q in found]


@pytest.mark.parametrize(
    ("raw", "mark", "value", "other"),
    [
        ("8,4", ",", 8.4, None),
        ("8.4", ".", 8.4, None),
        ("8,4", ".", 8.4, None),  # one or two digits after a separator: always a decimal
        ("5,566.4", ",", 5566.4, None),  # both separators: the last one is the decimal mark
        ("5.566,4", ".", 5566.4, None),
        ("5 566,4", ",", 5566.4, None),
        ("5\u00a0566,4", ",", 5566.4, None),
        ("5\u202f566,4", ",", 5566.4, None),
        ("1.234.567", ",", 1234567.0, None),
        ("1.726", ",", 1726.0, 1.726),  # ambiguous: the document's habit first
        ("1.726", ".", 1.726, 1726.0),
        ("1,726", ".", 1726.0, 1.726),
        ("0,764", ".", 0.764, None),  # a leading zero is never a thousands group
        ("2024", ",", 2024.0, None),
    ],
)
def test_numbers_parse_number_conventions(raw, mark, value, other):
    assert parse_number(raw, mark) == (value, other)


@pytest.mark.parametrize(
    ("text", "default", "mark"),
    [
        ("tăng 8,4% và 92,42%; đạt 1.726 tỷ USD", ".", ","),
        ("grew 8.4% to VND 5,566.4 billion", ",", "."),
        ("xuất khẩu đạt 6,231.8 triệu USD, tăng 5.2%", ",", "."),
        ("1.726 tỷ USD", ",", ","),  # nothing unambiguous: the language's default
    ],
)
def test_numbers_decimal_mark_from_document_habits(text, default, mark):
    assert decimal_mark(text, default) == mark


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "grown by 8.4%", [("8.4%", 8.4, None, "%", "exact")]),
        ("fr", "une croissance de 8,4 %", [("8,4 %", 8.4, None, "%", "exact")]),
        ("fr", "une croissance de 8,4\u00a0%", [("8,4\u00a0%", 8.4, None, "%", "exact")]),
        ("vi", "đạt bình quân 8,4%", [("8,4%", 8.4, None, "%", "exact")]),
        ("vi", "đạt 786,3 tỷ USD", [("786,3 tỷ USD", 786.3e9, None, "USD", "exact")]),
        ("vi", "đạt 519 ngàn tỷ đồng", [("519 ngàn tỷ đồng", 519e12, None, "VND", "exact")]),
        ("vi", "đạt 2.527 nghìn tỷ đồng", [("2.527 nghìn tỷ đồng", 2527e12, None, "VND", "exact")]),
        (
            "en",
            "estimated at VND 5,566.4 billion",
            [("VND 5,566.4 billion", 5566.4e9, None, "VND", "exact")],
        ),
        (
            "en",
            "reached VND6.39 quadrillion",
            [("VND6.39 quadrillion", 6.39e15, None, "VND", "exact")],
        ),
        ("en", "worth US$25 billion", [("US$25 billion", 25e9, None, "USD", "exact")]),
        ("fr", "169,7 milliards d'USD", [("169,7 milliards d'USD", 169.7e9, None, "USD", "exact")]),
        (
            "fr",
            "5,06 quadrillions de dongs",
            [("5,06 quadrillions de dongs", 5.06e15, None, "VND", "exact")],
        ),
        (
            "fr",
            "510.400 milliards de dongs",
            [("510.400 milliards de dongs", 510400e9, None, "VND", "exact")],
        ),
        (
            "en",
            "1.2 million tonnes of rice",
            [("1.2 million tonnes", 1.2e6, None, "t", "exact")],
        ),
        ("vi", "sản lượng 1,5 triệu tấn", [("1,5 triệu tấn", 1.5e6, None, "t", "exact")]),
        ("vi", "đạt 280 tỷ kWh", [("280 tỷ kWh", 280e9, None, "kWh", "exact")]),
        (
            "en",
            "rose 0.5 percentage points",
            [("0.5 percentage points", 0.5, None, "percentage points", "exact")],
        ),
        ("fr", "1,6 fois de plus", [("1,6 fois", 1.6, None, "times", "exact")]),
        ("vi", "tăng gấp 3 lần", [("3 lần", 3.0, None, "times", "exact")]),
        ("fr", "1,43 million en août", [("1,43 million", 1.43e6, None, "", "exact")]),
    ],
)
def test_numbers_values_scales_units(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "qualifier"),
    [
        ("en", "nearly 800 billion USD", "approx"),
        ("en", "about 8%", "approx"),
        ("en", "over 20%", "more_than"),
        ("en", "more than 39%", "more_than"),
        ("en", "at least 20%", "at_least"),
        ("en", "10% or more", "at_least"),
        ("en", "less than 5%", "less_than"),
        ("en", "up to 5%", "at_most"),
        ("en", "up to 30 people", "at_most"),
        ("fr", "jusqu'à 5 %", "at_most"),
        ("vi", "tối đa 5%", "at_most"),
        ("fr", "près de 800 milliards USD", "approx"),
        ("fr", "environ 8 %", "approx"),
        ("fr", "plus de 20 %", "more_than"),
        ("fr", "d'au moins 20 %", "at_least"),
        ("fr", "10 % ou plus", "at_least"),
        ("vi", "gần 25 tỷ USD", "approx"),
        ("vi", "khoảng 8%", "approx"),
        ("vi", "trên 20%", "more_than"),
        ("vi", "hơn 20%", "more_than"),
        ("vi", "ít nhất 20%", "at_least"),
        ("vi", "tối thiểu 20%", "at_least"),
        ("vi", "10% trở lên", "at_least"),
    ],
)
def test_numbers_qualifiers(lang, text, qualifier):
    (found,) = quantities(lang, text)
    assert found[0] == text and found[4] == qualifier


@pytest.mark.parametrize(
    ("lang", "text", "qualifier"),
    [
        # An estimate word names the kind of figure, not how close it is.
        ("en", "an estimated 3 million tonnes", "exact"),
        ("en", "was estimated at 12%", "exact"),
        ("fr", "estimé à 5 %", "exact"),
        ("fr", "une production estimée à 40 tonnes", "exact"),
        ("vi", "ước tính 5 tấn", "exact"),
        ("vi", "ước đạt 5 tấn", "exact"),
        # Near misses: an approximation word next to the estimate still counts.
        ("en", "an estimated about 3 million tonnes", "approx"),
        ("fr", "estimé à environ 5 %", "approx"),
        ("vi", "ước khoảng 5 tấn", "approx"),
        ("vi", "ước đạt gần 5 tấn", "approx"),
    ],
)
def test_numbers_estimate_words_are_no_qualifier(lang, text, qualifier):
    ((_, _, _, _, got),) = quantities(lang, text)
    assert got == qualifier


@pytest.mark.parametrize(
    ("lang", "text", "qualifier"),
    [
        ("en", "sales fell below 200 billion yen ($1.3 billion) last year", "less_than"),
        ("en", "over 50 km (31 miles) of road", "more_than"),
        ("fr", "moins de 40 milliards de yens (260 millions USD)", "less_than"),
        ("fr", "plus de 2 tonnes (2 000 kg)", "more_than"),
        ("vi", "dưới 40 tỷ yên (260 triệu USD)", "less_than"),
        ("vi", "ít nhất 3 tấn (3.000 kg)", "at_least"),
        # Near misses: its own qualifier, an approximation, no conversion, no parentheses.
        ("vi", "hơn 40 tỷ yên (khoảng 260 triệu USD)", "approx"),
        ("fr", "près de 40 milliards de yens (260 millions USD)", "exact"),
        ("en", "over 50 km (3 kg) of cargo", "exact"),
        ("en", "fewer than 20 staff (7 engineers)", "exact"),
        ("en", "below 200 billion yen, or $1.3 billion", "exact"),
        ("en", "below 200 billion yen (up 8%)", "exact"),
    ],
)
def test_numbers_conversion_in_parentheses_keeps_the_bound(lang, text, qualifier):
    *_, (_, _, _, _, got) = quantities(lang, text)
    assert got == qualifier


@pytest.mark.parametrize(
    ("lang", "text", "low", "high"),
    [
        ("en", "about 27 - 28% higher", 27, 28),
        ("en", "at least 10-12%", 10, 12),
        ("en", "from 18% to nearly 40%", 18, 40),
        ("en", "between 5 and 10%", 5, 10),
        ("fr", "environ 27 à 28 %", 27, 28),
        ("fr", "au moins 10 à 12 %", 10, 12),
        ("vi", "từ 12 - 16%", 12, 16),
        ("vi", "giảm từ 22-35%", 22, 35),
        ("vi", "tăng 10–12%", 10, 12),
        # A scale word written on both bounds.
        ("en", "between 1.5 million and 2 million units", 1.5e6, 2e6),
        ("en", "from 3 billion to 4.5 billion dollars", 3e9, 4.5e9),
        ("fr", "entre 400 millions et 600 millions de dollars", 4e8, 6e8),
        ("fr", "de 3 milliards à 4 milliards d'euros", 3e9, 4e9),
        ("vi", "từ 12 triệu đến 15 triệu USD", 12e6, 15e6),
    ],
)
def test_numbers_ranges(lang, text, low, high):
    (found,) = quantities(lang, text)
    assert (found[1], found[2]) == (low, high)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Two quantities joined by "and" are two claims, not a range.
        ("en", "(10.6 billion USD and nearly 10 billion USD, respectively)", [10.6e9, 10e9]),
        # "from 85.19% in 2020 to 86.24% in 2021": two values, two years.
        ("en", "from 85.19% in 2020 to 86.24% in 2021", [85.19, 86.24]),
        # "and", "et" join bounds only after "between", "entre", not after "from", "de".
        ("en", "rose from 5 and 10 percent", [5, 10]),
        ("fr", "a été de 400 millions et 600 millions de dollars", [4e8, 6e8]),
    ],
)
def test_numbers_not_ranges(lang, text, expected):
    assert [v for _, v, vmax, _, _ in quantities(lang, text) if vmax is None] == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "based on Law No. 10/2022/QH15 and Decree No. 04/2015/ND-CP"),
        ("en", "according to Resolution 18-NQ/TW and Decree 178/2024/ND-CP"),
        ("en", "the Resolution of the 13th National Party Congress, level 4 services"),
        ("en", "On the morning of January 16, 2025, in 2024 and for 2021-2023"),
        ("en", "the 5-year Socio-Economic Development Plan 2021-2025, Covid-19"),
        ("fr", "la résolution n° 57 du 22 décembre 2024, le 13e Congrès, niveau 4"),
        ("vi", "Chiều 8/1, Nghị định 187, Nghị quyết số 57 ngày 22/12/2024, cấp độ 4"),
        ("vi", "Một là, tiếp tục; Hai là, từng đơn vị; một số cán bộ"),
        ("vi", "quý I/2023 và tháng 5/2023, giá so sánh 2010"),
        ("en", "Source: https://moit.gov.vn/tin-tuc/nam-2025.html ItemID=56801"),
    ],
)
def test_numbers_identifiers_dates_ordinals_are_not_claims(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "nearly 400 officials attended", 400, "people"),
        ("en", "three-quarters of the workload", 75, "%"),
        ("en", "four digital transformation tasks", 4, "tasks"),
        ("fr", "l'un des cinq pays", 5, "countries"),
        ("fr", "près de quatre quadrillions de dongs", 4e15, "VND"),
        ("vi", "hơn 2.500 doanh nghiệp", 2500, "enterprises"),
        ("vi", "nghe 4 báo cáo", 4, "documents"),
        ("vi", "hai doanh nghiệp lớn", 2, "enterprises"),
        ("en", "at least two sessions", 2, "sessions"),
    ],
)
def test_numbers_counts_and_number_words(lang, text, value, unit):
    (found,) = quantities(lang, text)
    assert (found[1], found[3]) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("kim ngạch ước đạt 1.726 tỷ USD", 1.726e9),  # 1,726 billion USD would exceed all trade
        ("ước đạt 2.527 ngàn tỷ đồng", 2527e12),  # plausible as grouping: kept
        ("ước đạt 803.300 tỷ đồng", 803300e9),
    ],
)
def test_numbers_ambiguous_reading_settled_by_plausibility(text, value):
    (found,) = quantities("vi", "tăng 11,2% " + text)[1:]
    assert found[1] == pytest.approx(value)


def test_numbers_counts_are_whole():
    """'1.726 người' in a decimal-point document is still 1,726 people."""
    (found,) = quantities("vi", "tăng 5.2%, có 1.726 người")[1:]
    assert found[1] == 1726


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "the index changed by -2.5% in May", -2.5),
        ("fr", "les ventes (+6,8 % sur un an)", 6.8),
        ("vi", "chỉ số đạt −1,2%", -1.2),
    ],
)
def test_numbers_sign_written_on_the_number(lang, text, value):
    (found,) = quantities(lang, text)
    assert found[1] == value


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("light at 6e14 Hz", 6e14, "Hz"),
        ("a drift of 3.5e-4 kg", 3.5e-4, "kg"),
        ("by a factor of 1.7×10−6, so", 1.7e-6, "times"),
        ("some 3 x 10^6 tonnes", 3e6, "t"),
        ("exactly 4x2^10 bytes", 4096, "byte"),
        ("7.1e-3 +/- 2e-4 kg", 7.1e-3, "kg"),  # an uncertainty belongs to the mention
    ],
)
def test_numbers_scientific_notation(text, value, unit):
    ((_, got, _, got_unit, _),) = quantities("en", text)
    assert got == pytest.approx(value) and got_unit == unit


def test_numbers_scientific_notation_beyond_a_float_is_no_number():
    values = [q[1] for q in quantities("en", "a drift of 9e999 kg and 9.9x10^400 tonnes")]
    assert all(abs(v) < 1e300 for v in values)


@pytest.mark.parametrize(
    ("lang", "text", "low", "high", "unit"),
    [
        ("en", "doses of 20 mg to 25 mg daily", 20, 25, "mg"),
        ("en", "from -12 °C to -30 °C overnight", -30, -12, "°C"),
        ("en", "cooled to -40-0 degrees Celsius", -40, 0, "°C"),
        ("en", "mirrors of 6- to 12-meter diameter", 6, 12, "m"),
        ("en", "between -2 and 3%", -2, 3, "%"),
        ("fr", "de 10 km à 12 km", 10, 12, "km"),
    ],
)
def test_numbers_ranges_with_the_unit_on_both_bounds_or_signed(lang, text, low, high, unit):
    ((_, got_low, got_high, got_unit, _),) = quantities(lang, text)
    assert (got_low, got_high, got_unit) == (low, high, unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A change, then a level: no range.
        ("extended by 300 km to 2,100 km", [300, 2100]),
        ("Exports rose 2% to 5% of output.", [2, 5]),
    ],
)
def test_numbers_change_then_level_is_no_range(text, expected):
    assert [q[1] for q in quantities("en", text)] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The net result is ($45.50).", -45.5),
        ("a loss of $-12.40 in May", -12.4),
        ("revenue was (€3.2).", -3.2),
    ],
)
def test_numbers_accounting_negatives(text, value):
    ((_, got, _, _, _),) = quantities("en", text)
    assert got == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("100,000 yen ($930.50) a month", 930.5),  # a conversion after an amount
        ("VND 2 trillion ($80 million)", 80e6),
    ],
)
def test_numbers_money_in_parentheses_after_an_amount_stays_positive(text, value):
    assert quantities("en", text)[-1][1] == value


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The session opened at 8:30 sharp."),
        ("en", "Doors open at 9h45 daily."),
        ("fr", "La séance a commencé à 8 h 30 précises."),
        ("vi", "Lúc 8 giờ 30 phút sáng nay."),
        ("vi", "Phiên họp bắt đầu lúc 14h30."),
    ],
)
def test_numbers_clock_times_are_no_quantities(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "It was built in 1979 and Voyager 2 flew by."),  # a year, a name
        ("en", "Schools at level 4 and Covid-19 wards in district 1."),
        ("en", "Under Decree 178/2024/ND-CP, signed at 8:30 on 22/12/2024."),
        ("en", "The answer is 42, at the end of times."),  # a bare number
        ("en", "Intel Core i7 860 and the 13th plan."),
        ("en", "He scored a 3e in chemistry."),  # a grade, no scientific notation
        ("fr", "Le décret 57 du 8 h 30, quartier 1."),
        ("vi", "Nghị định 187 lúc 8 giờ 30, quận 1 và cấp độ 4."),
    ],
)
def test_numbers_noise_stays_out_with_the_new_readings(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "about 1/40 of the wavelength", 2.5),
        ("en", "3/4 of the budget", 75),
        ("fr", "les 3/4 des exportations", 75),
        ("vi", "Có 1/3 số doanh nghiệp báo lỗ.", 33.33),
    ],
)
def test_numbers_written_fraction_of_something_is_a_share(lang, text, value):
    ((_, got, _, unit, _),) = quantities(lang, text)
    assert (round(got, 2), unit) == (value, "%")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Decision 1/40 of the Government"),
        ("en", "It opened on 8/10 of this year."),
        ("en", "signed on 8/10 of 2024"),
        ("fr", "signé le 8/10 de 2024"),
        ("en", "Law 10/2022/QH15 of the Assembly"),
        ("vi", "Thông tư 5/12 của Bộ Tài chính"),
        # An identifier word before "x/y" keeps it an identifier even before a unit.
        ("en", "under Decree 12/8 kg of rice"),
        ("en", "Circular 3/2 tonnes"),
        ("fr", "le Décret 12/8 kg de riz"),
        ("vi", "theo Nghị định 12/8 kg gạo"),
        ("vi", "Quyết định 3/2 tấn"),
    ],
)
def test_numbers_dates_and_names_with_a_slash_are_no_fraction(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        # Near misses: without an identifier word, a fraction of a measure stays one.
        ("en", "a 3/4 inch pipe", 0.75, "in"),
        ("en", "cut 12/8 kg", 1.5, "kg"),
        ("vi", "giảm 12/8 kg", 1.5, "kg"),
    ],
)
def test_numbers_fraction_of_a_measure_without_an_identifier(lang, text, value, unit):
    ((_, got, _, got_unit, _),) = quantities(lang, text)
    assert (got, got_unit) == (value, unit)


def _plain_decimal_vote(text: str, default: str) -> str:
    """decimal_mark as first written: every literal's separators listed, then voted on."""
    votes = {",": 0, ".": 0}
    for m in numbers._DIGITS.finditer(text):
        raw = numbers._SPACES.sub("", m.group(1))
        seps = [c for c in raw if c in ".,"]
        if not seps:
            continue
        if len(set(seps)) == 2:
            votes[seps[-1]] += 1
        elif len(seps) > 1:
            votes["," if seps[0] == "." else "."] += 1
        elif len(raw) - raw.index(seps[0]) - 1 != 3:
            votes[seps[0]] += 1
    if votes[","] == votes["."]:
        return default
    return "," if votes[","] > votes["."] else "."


def _texts(seeds_dir, shared_dir) -> list[str]:
    folders = [seeds_dir, shared_dir / "corpus" / "docs", shared_dir / "corpus2" / "docs"]
    return [path.read_text(encoding="utf-8") for f in folders for path in sorted(f.glob("*.txt"))]


@pytest.mark.parametrize("default", [",", "."])
@pytest.mark.parametrize(
    "literals",
    [
        "1 000.5 and 2 000 000,25",  # grouped by spaces, then one mark
        "1.000 000,5 or 3,000 000",  # a mark between space groups
        "5.566,4 5,566.4 8,4 8.4",
        "1.726 1,726 2.000.000 2,000,000",  # three digits after one mark: no vote
        "0,5 0.25 12 7",
        "1\u00a0000,5 1\u202f000.75",
    ],
)
def test_numbers_decimal_mark_votes_as_the_plain_count(literals, default):
    assert decimal_mark(literals, default) == _plain_decimal_vote(literals, default)


def test_numbers_decimal_mark_votes_as_the_plain_count_on_every_corpus(seeds_dir, shared_dir):
    texts = _texts(seeds_dir, shared_dir)
    assert len(texts) > 30
    for text in texts:
        for default in (",", "."):
            assert decimal_mark(text, default) == _plain_decimal_vote(text, default)


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        # A partner's currency: a bilateral amount, under the whole of that trade.
        ("fr", "une aide de 2.350 milliards d'euros", 2.35e9, "EUR"),
        ("en", "Japan lent 1,250 trillion yen", 1.25e12, "JPY"),
        # Near misses: the country's own currency keeps its thousands; unambiguous amounts stay.
        ("fr", "un budget de 1.960 milliards de dongs", 1.96e12, "VND"),
        ("fr", "un plan de 750 milliards d'euros", 7.5e11, "EUR"),
    ],
)
def test_numbers_partner_currency_amounts_are_plausible(lang, text, value, unit):
    assert [(v, u) for _, v, _, u, _ in quantities(lang, text)] == [(pytest.approx(value), unit)]
