"""Number words in each language, compounds included, read to their value."""

import pytest

from extract.lexicon import load_lexicon
from extract.pipeline.numbers import decimal_mark, find_quantities


def quantities(lang: str, text: str):
    lex = load_lexicon(lang)
    found = find_quantities(text, 0, len(text), lex, decimal_mark(text, lex.decimal_mark))
    return [(text[q.start : q.end], q.value, q.unit) for q in found]


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "Twenty-five provinces joined.", 25, "provinces"),
        ("en", "It built one hundred and five bridges.", 105, "bridges"),
        ("en", "Fourteen provinces reported.", 14, "provinces"),
        ("en", "seventy-two new schools", 72, "schools"),
        ("en", "up to five representatives", 5, "representatives"),
        ("en", "two more higher education institutions", 2, "institutions"),
        ("fr", "Douze ministères ont décaissé.", 12, "ministères"),
        ("fr", "vingt-cinq hôpitaux", 25, "hôpitaux"),
        ("fr", "quatre-vingt-dix communes", 90, "communes"),
        ("fr", "trente et un ministères", 31, "ministères"),
        ("fr", "Trois autres provinces", 3, "provinces"),
        ("vi", "hai mươi lăm tỉnh", 25, "provinces"),
        ("vi", "một trăm hai mươi doanh nghiệp", 120, "enterprises"),
        ("vi", "mười hai dự án", 12, "projects"),
        ("vi", "ba mươi mốt dự án", 31, "projects"),
    ],
)
def test_numerals_number_words_and_compounds(lang, text, value, unit):
    ((_, got, got_unit),) = quantities(lang, text)
    assert (got, got_unit) == (value, unit)


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "a third of the budget", 33.33),
        ("en", "half of the firms", 50),
        ("en", "three-quarters of exports", 75),
        ("fr", "les trois quarts des exportations", 75),
        ("fr", "un tiers du budget", 33.33),
        ("vi", "hai phần ba ngân sách", 66.67),
        ("vi", "một nửa số doanh nghiệp", 50),
    ],
)
def test_numerals_fractions_are_shares(lang, text, value):
    ((_, got, unit),) = quantities(lang, text)
    assert (got, unit) == (value, "%")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "One of the key tasks is one project."),  # "one" alone is an article or pronoun
        ("en", "the five-year plan and a two-way trade"),  # a plan's name, an adjective
        ("en", "a five-star hotel"),  # glued to a word that is no unit
        ("en", "a year ago, twice a day, a few cars"),  # "a" before a duration or a noun
        ("en", "the fifth round and the sixth term"),  # ordinals
        ("en", "one of the provinces"),  # "one" alone
        ("fr", "un an plus tard"),  # "un" before a duration
        ("en", "She has a degree in law."),  # "a" + a unit's name, no "of": no measure
        ("en", "a meter reading"),
        ("fr", "un projet et une province"),
        ("vi", "một dự án trong năm tháng"),  # "một" is "a", "năm" is "year"
        ("vi", "hàng trăm doanh nghiệp"),  # "trăm" alone: hundreds of
        ("vi", "hợp tác ba bên"),  # a number word counts only nouns the lexicon knows
    ],
)
def test_numerals_near_misses_are_not_claims(lang, text):
    assert quantities(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "three years and twenty days",
            [("three years", 3, "years"), ("twenty days", 20, "days")],
        ),
        ("fr", "un plan de cinq ans", [("cinq ans", 5, "years")]),
        ("vi", "hai mươi năm qua", [("hai mươi năm", 20, "years")]),
    ],
)
def test_numerals_durations_in_words_are_measures_not_counts(lang, text, expected):
    assert quantities(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "a million cruise ships", 1e6, "ships"),
        ("en", "one thousand bytes", 1000, "byte"),
        ("en", "an estimated one billion years", 1e9, "years"),
        ("en", "he drank a gallon of milk", 1, "gal"),
        ("en", "a kilometre of new road", 1, "km"),
        ("fr", "un million d'euros", 1e6, "EUR"),
        ("fr", "une tonne de riz", 1, "t"),
        ("vi", "một nghìn tỷ đồng", 1e12, "VND"),
    ],
)
def test_numerals_a_or_one_before_a_scale_or_measure_is_one(lang, text, value, unit):
    ((_, got, got_unit),) = quantities(lang, text)
    assert (got, got_unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They paid $5 a gallon.", [("$5 a gallon", 5, "USD")]),  # "a" after an amount: per
        ("It lasted an hour and a half.", []),  # durations
    ],
)
def test_numerals_a_after_an_amount_or_before_a_duration_is_no_number(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "a hundred and fifty bridges", 150, "bridges"),
        ("en", "two and a half miles", 2.5, "mi"),
        ("en", "3 and a half years", 3.5, "years"),
        ("en", "for a two-year maintenance period", 2, "years"),
        ("en", "a 10-year loan", 10, "years"),
        ("fr", "deux et demi kilomètres", 2.5, "km"),
        ("vi", "hai rưỡi tấn", 2.5, "t"),
    ],
)
def test_numerals_compounds_halves_and_durations_after_a(lang, text, value, unit):
    ((_, got, got_unit),) = quantities(lang, text)
    assert (got, got_unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The odds are one sixth.", 16.67, "%"),
        ("two fifths of the budget", 40, "%"),
        ("Is three halves a fraction?", 150, "%"),
        ("one tenth of the land", 10, "%"),
        ("a ⅓ cup of sugar", 1 / 3, "c"),
        ("½ of the firms", 50, "%"),
        ("2½ miles", 2.5, "mi"),
        ("a 2 1/2 inches board", 2.5, "in"),
    ],
)
def test_numerals_fractions_in_words_and_characters(text, value, unit):
    ((_, got, got_unit),) = quantities("en", text)
    assert (round(got, 2), got_unit) == (round(value, 2), unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Half a million people marched.", [("Half a million people", 500000, "people")]),
        ("a quarter of a ton", [("a quarter", 25, "%")]),  # "of": a share of a measure
        (
            "Seven in 10 Americans agree.",
            [("Seven", 7, "americans"), ("10 Americans", 10, "americans")],
        ),
        (
            "One in five children is poor.",
            [("One", 1, "children"), ("five children", 5, "children")],
        ),
        ("It rose 5 in the 12 provinces.", [("12 provinces", 12, "provinces")]),
    ],
)
def test_numerals_fractions_of_scales_and_ratios_in_words(text, expected):
    assert quantities("en", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose by a fifth.", [("a fifth", 20.0, "%")]),
        ("A tenth of the forest burned.", [("A tenth", 10.0, "%")]),
        ("Turnout fell by a third in May.", [("a third", 33.33, "%")]),
        ("a quarter point rise", [("a quarter point", 0.25, "points")]),
        # Near misses: an ordinal before its noun.
        ("Rates rose for a third straight month.", []),
        ("She won a fifth term.", []),
        ("It failed for a third time.", []),
    ],
)
def test_numerals_a_fraction_of_one_is_no_ordinal(text, expected):
    lex = load_lexicon("en")
    found = find_quantities(text, 0, len(text), lex, decimal_mark(text, lex.decimal_mark))
    assert [(text[q.start : q.end], q.value, q.unit) for q in found] == expected
