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
        ("en", "a five-year plan and a two-way trade"),  # adjectives
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
