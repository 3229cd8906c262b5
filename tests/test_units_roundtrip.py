"""A Hypothesis round trip: any number written in any of the three languages' conventions,
with any of the language's scale words and any currency it names, reads back to its value."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extract.lexicon import load_lexicon, plausible_max
from extract.pipeline.numbers import find_quantities
from extract.pipeline.units import vocabulary

# (decimal mark, thousands separator): what English, French and Vietnamese documents write.
CONVENTIONS = [
    (".", ","),
    (".", ""),
    (",", "."),
    (",", " "),
    (",", "\u00a0"),
    (",", "\u202f"),
    (",", ""),
]
LEADS = {"en": "The total reached", "fr": "Le total a atteint", "vi": "Tổng cộng đạt"}
# French and English join a scale word to its unit with a link word ("milliards de dollars").
LINKS = {"en": "", "fr": "de ", "vi": ""}
CODES_BEFORE = ["USD", "EUR", "JPY", "GBP", "KRW", "CNY", "VND", "SGD", "THB"]


def _written(whole: int, decimals: str, point: str, group: str) -> str:
    digits = f"{whole:,}".replace(",", group)
    return digits + (point + decimals if decimals else "")


def _currency_names(lang: str) -> list[str]:
    vocab = vocabulary(load_lexicon(lang))
    return sorted(k for k, v in vocab.names.items() if v in vocab.currencies)


@st.composite
def money(draw):
    lang = draw(st.sampled_from(sorted(LEADS)))
    lex = load_lexicon(lang)
    whole = draw(st.integers(min_value=1, max_value=999_999_999))
    decimals = draw(st.sampled_from(["", "5", "25", "07"]))
    point, group = draw(st.sampled_from(CONVENTIONS))
    scale_word = draw(st.sampled_from(["", *sorted(lex.scale)]))
    scale = lex.scale[scale_word] if scale_word else 1.0
    value = float(f"{whole}.{decimals or 0}") * scale
    number = _written(whole, decimals, point, group)
    if draw(st.booleans()):
        code = draw(st.sampled_from(CODES_BEFORE))
        words = f"{code} {number}" + (f" {scale_word}" if scale_word else "")
        unit = code
    else:
        name = draw(st.sampled_from(_currency_names(lang)))
        link = LINKS[lang] if scale_word else ""
        words = f"{number} " + (f"{scale_word} {link}" if scale_word else "") + name
        unit = vocabulary(lex).names[name]
    # Past what a report can state, an ambiguous "1,234" is read the other way on purpose.
    assume(value <= plausible_max().get(unit, float("inf")))
    return lang, point, f"{LEADS[lang]} {words}.", value, unit


@settings(max_examples=200, deadline=None)
@given(money())
def test_units_any_number_any_scale_any_currency_reads_back(case):
    lang, point, text, value, unit = case
    lex = load_lexicon(lang)
    found = find_quantities(text, 0, len(text), lex, point)
    assert len(found) == 1, (text, found)
    assert found[0].value == pytest.approx(value, rel=1e-9), text
    assert found[0].unit == unit, text
