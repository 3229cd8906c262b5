"""Number words, compounds included: "twenty-five", "vingt-cinq", "hai mươi lăm", "Douze".

What counts as a number word is data: the language file's `[number_words]` (words that are
numbers on their own) and `[numerals]` (`inside`: words that are numbers only inside a
compound, "one" or "một" alone being an article or "a"; `articles`: "a", "an", one only
before a scale word or a unit; `joiners`: "and", "et"; `half`: "and a half", "rưỡi";
`denominators`: "sixth", "halves", for fractions written in words; `parser`).
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
    articles: frozenset[str]  # "a", "an": one, in a compound or before a scale word or a unit
    singular: dict[str, float]  # "sixth" -> 6: a fraction's denominator after "one"
    plural: dict[str, float]  # "halves" -> 2: after a larger numerator ("three halves")
    re_denominator: re.Pattern  # a denominator word right after a numerator
    re_half: re.Pattern  # "and a half" right after a number
    re_half_end: re.Pattern  # "and a half" ending the text: "an hour and a half"
    re_article: re.Pattern  # "a", "an" at a position
    re_article_before: re.Pattern  # "a", "an" ending the text before a number
    re_negative_before: re.Pattern  # "minus" ending the text before a number
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
    articles = [norm_key(w) for w in spec.get("articles", [])]
    words = list(values) + fractions + articles
    denominators = spec.get("denominators", {})
    singular = {norm_key(k): float(v) for k, v in denominators.get("singular", {}).items()}
    plural = {norm_key(k): float(v) for k, v in denominators.get("plural", {}).items()}
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
        articles=frozenset(articles),
        singular=singular,
        plural=plural,
        re_denominator=_after_words([*singular, *plural]),
        re_half=_after_words(spec.get("half", [])),
        re_half_end=re.compile(rf"(?:{alternation(spec.get('half', []))})$", re.IGNORECASE),
        re_article=re.compile(rf"(?:{alternation(articles)})(?=\s)", re.IGNORECASE)
        if articles
        else re.compile(r"(?!x)x"),
        re_negative_before=re.compile(
            rf"(?<![\w]){_not_after(spec.get('negative_not_after', []))}"
            rf"(?:{alternation(spec.get('negative', []))})\s+$",
            re.IGNORECASE,
        ),
        re_article_before=re.compile(rf"(?<![\w])(?:{alternation(articles)})\s+$", re.IGNORECASE)
        if articles
        else re.compile(r"(?!x)x"),
        # A word glued after it ("five-year", "five-star") is read by numbers._tail_of.
        re_run=re.compile(rf"{atom}(?:{join}{atom})*(?![\w])", re.IGNORECASE),
    )


def _not_after(words) -> str:
    """Look-behinds keeping a sign word from counting after these ("au moins 5" is at least)."""
    return "".join(rf"(?<!(?<![\w]){re.escape(w)}\s)" for w in words)


def _after_words(phrases) -> re.Pattern:
    if not phrases:
        return re.compile(r"(?!x)x")
    return re.compile(rf"[\s-]+(?:{alternation(phrases)})", re.IGNORECASE)


@dataclass(frozen=True)
class NumberWords:
    end: int
    value: float
    # "one", "a": a number only before a scale word or a unit ("one thousand", "a gallon");
    # alone it is an article or a pronoun.
    lone: bool = False
    fraction: bool = False  # "one sixth", "three halves": a share in percent


def number_words_at(text: str, pos: int, limit: int, lex: Lexicon) -> NumberWords | None:
    """The number written in words at `pos` ("twenty-five", "Douze", "hai mươi lăm"), with
    "and a half" after it, or the fraction it is the numerator of ("one sixth")."""
    spec = numerals(lex.code)
    m = spec.re_run.match(text, pos, limit)
    if m is None:
        article = spec.re_article.match(text, pos, limit)
        if article is None:
            return None
        words = NumberWords(article.end(), 1.0, lone=True)
        return _over(text, words, limit, spec) or words  # "a fifth", or "a" alone
    run = m.group()
    value = _value(run, lex.code, spec)
    words = NumberWords(m.end(), value, lone=False) if value is not None else None
    if words is None:
        first = re.match(r"[^\s-]+", run)
        word = norm_key(first.group())
        if word in spec.alone:  # not one number ("two and three"): the first word alone
            words = NumberWords(pos + first.end(), spec.values[word])
        elif spec.values.get(word) == 1 or word in spec.articles:
            words = NumberWords(pos + first.end(), 1.0, lone=True)
        else:
            return None
    return _over(text, words, limit, spec) or half_after(text, words, limit, lex)


def _over(text: str, words: NumberWords, limit: int, spec: Numerals) -> NumberWords | None:
    """The fraction `words` is the numerator of ("one sixth", "a fifth", "two fifths")."""
    over = spec.re_denominator.match(text, words.end, limit)
    if over:
        denominator = norm_key(over.group().strip(" -"))
        table = spec.singular if words.value == 1 else spec.plural
        if denominator in table:
            share = 100 * words.value / table[denominator]
            return NumberWords(over.end(), share, fraction=True)
    return None


def half_after(text: str, words: NumberWords, limit: int, lex: Lexicon) -> NumberWords:
    """ "two and a half", "3 and a half", "hai rưỡi": the number and a half."""
    if words.fraction:
        return words
    m = numerals(lex.code).re_half.match(text, words.end, limit)
    return NumberWords(m.end(), words.value + 0.5) if m else words


def ends_a_half(text: str, end: int, lex: Lexicon) -> bool:
    """Whether "and a half" ends at `end`: after a unit ("an hour and a half") it is half
    of that unit, no share of anything."""
    return bool(numerals(lex.code).re_half_end.search(text, max(0, end - 24), end))


def after_article(before: str, lex: Lexicon) -> bool:
    """Whether `before` ends with an indefinite article: "a two-year period", "a 10-year loan"."""
    return bool(numerals(lex.code).re_article_before.search(before))


def number_word_starts(text: str, start: int, end: int, lex: Lexicon) -> set[int]:
    """Where number words and fractions start in `text[start:end]`."""
    return {m.start() for m in numerals(lex.code).re_start.finditer(text, start, end)}


def _value(run: str, code: str, spec: Numerals) -> float | None:
    words = [w for w in re.split(r"[\s-]+", norm_key(run)) if w]
    if len(words) == 1:
        return spec.values[words[0]] if words[0] in spec.alone else None
    if words[0] in spec.articles:  # "a hundred and two" is "one hundred and two"
        words[0] = "one"
    if spec.parser == "text2num":
        if words[-1] in spec.multipliers:  # "two dozen", "a dozen": text2num has no dozens
            count = _value(" ".join(words[:-1]), code, spec) if len(words) > 2 else None
            count = spec.values.get(words[0]) if len(words) == 2 else count
            return None if count is None else count * spec.values[words[-1]]
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
