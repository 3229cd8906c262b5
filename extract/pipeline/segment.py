"""Sentences with their character offsets into the document text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? … (with closing quotes/brackets) followed by white space and a
# capital, an opening quote or a digit; a line break ends one. Pages scraped without their
# markup glue sentences together ("selon le ministère.Douze ministères", "in 2018.Strong"):
# a full stop between a lower-case word, a number or ")" and a capitalised word ends one too.
_END_AT = r"[.!?…]+[\"'”’»)\]]*(?=\s+(?P<next>[\"'“‘«(\[]?\w))|\n|(?P<glued>\.)(?=[^\W\d_]{2})"
# The look-ahead first: one character-set test rejects most positions before the
# alternatives are tried one by one (the same matches, a scan twice as fast).
_END = re.compile(rf"(?=[.!?…\n])(?:{_END_AT})")
_GLUED_AFTER = ")%"
_TOKEN_BEFORE = re.compile(r"([^\s\"'“‘«(\[]+)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def split_sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[Sentence]:
    """Split `text` into sentences; `text[s.start:s.end]` has no surrounding white space."""
    sentences = []
    start = 0
    for m in _END.finditer(text):
        if m.group("glued"):
            if not _glued_end(text, m.start()) or _is_abbreviation(text, m.start(), abbreviations):
                continue
        elif m.group() != "\n" and (
            not m.group("next")[-1].isupper()
            and not m.group("next")[-1].isdigit()
            or _is_abbreviation(text, m.start(), abbreviations)
        ):
            continue
        _append(text, start, m.end(), sentences)
        start = m.end()
    _append(text, start, len(text), sentences)
    return sentences


def _glued_end(text: str, dot: int) -> bool:
    """'ministère.Douze': a lower-case letter, digit or ')' before, 'Xy...' after."""
    before = text[dot - 1] if dot else " "
    return (
        (before.islower() or before.isdigit() or before in _GLUED_AFTER)
        and text[dot + 1].isupper()
        and text[dot + 2].islower()
    )


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    if text[dot] != ".":
        return False
    token = _TOKEN_BEFORE.search(text, max(0, dot - 20), dot)
    if token is None:
        return False
    word = token.group(1).lower()
    # Single letters ("M.", initials) and listed abbreviations ("No.", "Mr.") do not end a sentence.
    return (len(word) == 1 and word.isalpha()) or word in abbreviations


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))
