"""Number words, compounds included: "twenty-five", "vingt-cinq", "hai mươi lăm", "Douze".

What counts as a number word is data: the language file's `[number_words]` (words that are
numbers on their own) and `[numerals]` (`inside`: words that are numbers only inside a
compound, "one" or "một" alone being an article or "a"; `joiners`: "and", "et"; `parser`).
The value of a compound comes from text2num (a maintained parser of English and French
number words) or, for a language it does not know, from the words' values composed the
Vietnamese way: a digit times "mươi" (ten) or "trăm" (hundred), plus the digits after.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from text_to_num import text2num

from extract import lexicon as lexicons
from extract.lexicon import Lexicon, alternation, norm_key


@dataclass(frozen=True)
class Numerals:
    values: dict[str, float]  # every word that may be part of a number, and its value
    alone: frozenset[str]  # the words that are numbers on their own
    multipliers: frozenset[str]  # "mươi", "trăm": multiply the digit before them
    parser: str  # "text2num" or "compose"
    re_run: re.Pattern  # a run of number words at a position
    re_start: re.Pattern  # where a number word or a fraction may start, for one fast scan


@cache
def numerals(code: str) -> Numerals:
    path = lexicons.LEXICON_DIR / f"{code}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    alone = {norm_key(k): float(v) for k, v in data.get("number_words", {}).items()}
    spec = data.get("numerals", {})
    inside = {norm_key(k): float(v) for k, v in spec.get("inside", {}).items()}
    values = {**inside, **alone}
    joiners = alternation(spec.get("joiners", []))
    atom = f"(?:{alternation(values)})"
    join = rf"(?:\s+(?:{joiners})\s+|-(?:{joiners})-|[\s-]+)"
    fractions = [norm_key(k) for k in data.get("fractions", {})]
    words = list(values) + fractions
    # The first letters first: the word-boundary look-behind is tried only where one is.
    initials = "".join(sorted({c for w in words for c in (w[0], w[0].upper())}))
    return Numerals(
        re_start=re.compile(rf"(?=[{re.escape(initials)}])(?:{alternation(words)})", re.IGNORECASE)
        if words
        else re.compile(r"(?!x)x"),
        values=values,
        alone=frozenset(alone),
        multipliers=frozenset(norm_key(w) for w in spec.get("multipliers", [])),
        parser=spec.get("parser", "compose"),
        # A number word glued to a hyphenated word ("five-year") is an adjective.
        re_run=re.compile(rf"{atom}(?:{join}{atom})*(?![\w]|-[^\W\d_])", re.IGNORECASE),
    )


@dataclass(frozen=True)
class NumberWords:
    end: int
    value: float


def number_words_at(text: str, pos: int, limit: int, lex: Lexicon) -> NumberWords | None:
    """The number written in words at `pos` ("twenty-five", "Douze", "hai mươi lăm")."""
    spec = numerals(lex.code)
    m = spec.re_run.match(text, pos, limit)
    if m is None:
        return None
    run = m.group()
    value = _value(run, lex.code, spec)
    if value is not None:
        return NumberWords(m.end(), value)
    # Not one number ("two and three"): the first word alone, if it stands alone.
    first = re.match(r"[^\s-]+", run)
    word = norm_key(first.group())
    if word in spec.alone:
        return NumberWords(pos + first.end(), spec.values[word])
    return None


def number_word_starts(text: str, start: int, end: int, lex: Lexicon) -> set[int]:
    """Where number words and fractions start in `text[start:end]`."""
    return {m.start() for m in numerals(lex.code).re_start.finditer(text, start, end)}


def _value(run: str, code: str, spec: Numerals) -> float | None:
    words = [w for w in re.split(r"[\s-]+", norm_key(run)) if w]
    if len(words) == 1:
        return spec.values[words[0]] if words[0] in spec.alone else None
    if spec.parser == "text2num":
        try:
            return float(text2num(" ".join(words), code))
        except ValueError:
            return None
    return _composed(words, spec)


def _composed(words: list[str], spec: Numerals) -> float | None:
    """ "hai mươi lăm" = 2 x 10 + 5, "một trăm linh năm" = 1 x 100 + 0 + 5."""
    total, digit = 0.0, None
    for word in words:
        if word not in spec.values:  # a joiner word the composition does not use
            return None
        value = spec.values[word]
        if value == 0:  # "linh", "lẻ": the tens are empty
            continue
        if word in spec.multipliers:
            total += (digit if digit is not None else 1.0) * value
            digit = None
        elif digit is not None:
            return None  # two digits in a row ("hai ba") are two numbers, or none
        elif value >= 10:
            total += value
        else:
            digit = value
    return total + (digit or 0.0)
