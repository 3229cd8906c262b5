"""Search for real text: accents, Unicode forms and number conventions do not matter.

`fold` maps NFC and NFD alike to one accent-free, case-free form ("Xuất nhập khẩu" and
"xuat nhap khau" fold the same; "đ" folds to "d", as Vietnamese readers type it without
diacritics). A query is words and numbers: every word must be in the claim's folded quote,
indicator, body or unit; every number must be the claim's own value (or its range's bound),
read in either decimal convention ("786.3", "786,3") and with a scale word in any lexicon
language ("786.3 billion", "786,3 tỷ"), or, without one, at any of the scales the dashboard
shows values in. A number is matched against the claim's value, not its sentence, so the
claim that matched is the one the number belongs to, not its neighbours.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from extract.lexicon import available_languages, load_lexicon

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
_SHOWN_SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)  # a bare number may be a shown "786.3 billion"
# Letters that are not a base letter plus accents, folded as readers type them.
LETTER_FOLDS = {
    "đ": "d",
    "Đ": "d",
    "ł": "l",
    "Ł": "l",
    "ø": "o",
    "Ø": "o",
    "œ": "oe",
    "Œ": "oe",
    "æ": "ae",
    "Æ": "ae",
    "ß": "ss",
    "ẞ": "ss",
}
_LETTERS_ONLY = str.maketrans(LETTER_FOLDS)


def fold(text: str) -> str:
    """Lower case, no accents, one Unicode form, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS_ONLY))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    # lower(), not casefold(): the store's search column is folded by DuckDB's lower()
    # (query.fold_macro), and both sides must fold alike
    return " ".join(bare.lower().split())


@cache
def scale_words() -> dict[str, frozenset[float]]:
    """Every lexicon's scale words, folded, with every factor they have in some language
    ("billion" is 1e9 in English and 1e12 in French; "ty" (tỷ) 1e9)."""
    words: dict[str, set[float]] = {}
    for code in available_languages():
        for word, factor in load_lexicon(code).scale.items():
            words.setdefault(fold(word), set()).add(float(factor))
    return {word: frozenset(factors) for word, factors in words.items()}


def number_readings(token: str) -> set[float]:
    """The readings of a number literal in both conventions: "786,3" is 786.3; "1.726" is
    1.726 or 1726 (a group mark is only ever followed by three digits)."""
    readings = set()
    for decimal, group in ((".", ","), (",", ".")):
        whole, _, fraction = token.partition(decimal)
        groups = whole.split(group)
        if decimal in fraction or group in fraction:
            continue
        if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
            continue
        readings.add(float("".join(groups) + ("." + fraction if fraction else "")))
    return readings


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]  # folded words every match contains
    numbers: tuple[frozenset[float], ...]  # each: the values one number may mean


def parse_query(text: str) -> Query:
    """Words and numbers of a search; a scale word after a number scales it."""
    tokens = fold(text).split()
    words, numbers = [], []
    scales = scale_words()
    index = 0
    while index < len(tokens):
        token = tokens[index].strip("%")
        if _NUMBER.match(token):
            readings = number_readings(token)
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if following in scales:
                readings = {r * factor for r in readings for factor in scales[following]}
                index += 1
            else:
                readings = {r * s for r in readings for s in _SHOWN_SCALES}
            numbers.append(frozenset(readings))
        elif token:
            words.append(token)
        index += 1
    return Query(tuple(words), tuple(numbers))
