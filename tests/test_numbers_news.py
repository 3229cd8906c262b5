"""News-style quantities, written by hand in the wire-service manner: what a reader marks, and
the near misses that must stay out."""

import pytest

from extract.lexicon import load_lexicon
from extract.pipeline.numbers import decimal_mark, find_quantities


def quantities(lang: str, text: str):
    lex = load_lexicon(lang)
    found = find_quantities(text, 0, len(text), lex, decimal_mark(text, lex.decimal_mark))
    return [(text[q.start : q.end], q.value, q.unit, q.qualifier) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il fera moins 10 °C à Lille.", [("moins 10 °C", -10.0, "°C", "exact")]),
        ("La nuit descendra à moins 4 °C.", [("moins 4 °C", -4.0, "°C", "exact")]),
        # "au moins", "d'au moins", "du moins": a bound, never a sign.
        (
            "Au moins 9 personnes sont mortes.",
            [("Au moins 9 personnes", 9.0, "people", "at_least")],
        ),
        ("une baisse d'au moins 3 %", [("d'au moins 3 %", 3.0, "%", "at_least")]),
        ("moins de 7 % des votants", [("moins de 7 %", 7.0, "%", "less_than")]),
    ],
)
def test_numbers_news_french_minus_is_a_sign_but_not_in_au_moins(text, expected):
    assert quantities("fr", text) == expected
