"""Number mentions: literals, scale words, units, qualifiers and ranges, with offsets.

Pure functions over a document's text. A `Quantity` is a span (`start`, `end` into the
document text) that knows its normalised value, unit and qualifier.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace

from extract.lexicon import Lexicon, norm_key, plausible_max
from extract.pipeline.nouns import (
    after_harm,
    change_on_earlier,
    count_noun_after,
    counted_before,
    counted_in_sentence,
    fraction_of_at,
    hyphen_count,
    is_name,
    level_after,
    named_count_before,
    names_a_pair,
    names_an_ordinal,
    one_count_after,
    out_of_at,
    parallels_count,
    part_of_group,
    part_of_previous,
)
from extract.pipeline.numerals import (
    NumberWords,
    after_article,
    ends_a_half,
    half_after,
    number_word_starts,
    number_words_at,
    numerals,
)
from extract.pipeline.units import (
    UnitVocabulary,
    currency_at,
    per_unit,
    same_dimension,
    unit_after,
    unit_before,
    vocabulary,
    word_unit_after,
)

# A digit literal that is a quantity's number, not part of a date or a legal identifier:
# "Covid-19", "10/2022/QH15", "8/1" never match. Letters glued to it are allowed here:
# _quantity_at keeps it only when they are a currency ("VNĐ601", "VND6.39 quadrillion") or
# text run together ("cụ thể76,31 tỷ kWh") before it, or a unit or scale after it ("10kg",
# "$812mn", "109-kilometer"; not "13th", "5-year", "18-NQ/TW").
_DIGITS_BODY = (
    r"(\d{1,3}(?:(?:[.,]|[ \u00a0\u202f])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![\d_]|/\d|[.,]\d)"
)
_DIGITS = re.compile(
    # (?=\d) first: the look-behinds are tried only where a digit is.
    r"(?=\d)(?<![\d_/])(?<![^\W\d_]-)(?<!\d[.,])" + _DIGITS_BODY
)
# A slash between quantities: "41,16 tỷ đồng/477,51 tỷ đồng" (a part and its whole),
# "51/63 tỉnh" (a count out of a total), "15 bác sỹ/ 10.000 dân" (a rate's denominator).
_SLASH = re.compile(r"[ \u00a0]*/[ \u00a0]*")
_AFTER_SLASH = re.compile(_DIGITS_BODY)
_PART_BEFORE_SLASH = re.compile(
    r"(?=\d)(?<![\w/])(?<!\d[.,])(\d{1,3}(?:[.,]\d{3})+|\d+)(?=[ \u00a0]*/[ \u00a0]*\d)"
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \u00a0]*$")
_WORD_AFTER = re.compile(r"[ \u00a0]*([^\W\d_]+)")
_SPACES = re.compile(r"[ \u00a0\u202f]")
# A sign written on the number itself (" -2.5%", "(+6,8%)"), not a hyphen between numbers.
_SIGN_BEFORE = re.compile(r"(?:^|(?<=[\s(]))[+\-−]$")
_YEAR = re.compile(r"^(19|20)\d\d$")
# A number glued after another and a hyphen that no range took: a score or an identifier.
_AFTER_A_SCORE = re.compile(r"\d[-–]$")
# Scientific notation: "4e14", "9.83e-3", "2.48×10−5", "3 x 10^6", "8x2^10". A power of ten
# may drop its caret ("10−5", the superscript lost in copying); any other base needs it.
_SCIENTIFIC = re.compile(
    r"(\d+(?:\.\d+)?)(?:[eE](?P<e>[+\-−]?\d+)(?![\w.])"
    r"|[ \u00a0]?[×x·*][ \u00a0]?(?:10(?:\^|\*\*)?(?P<ten>[+\-−]\d+|(?<=\^)\d+|(?<=\*\*)\d+)"
    r"|(?P<base>\d+)(?:\^|\*\*)(?P<power>[+\-−]?\d+))(?!\d|[.,]\d))"
)
# An uncertainty after a value ("9.83e-3 +/- 1e-5 km/s2") belongs to its mention.
_UNCERTAINTY = re.compile(r"\s*(?:\+/-|\+-|±)\s*\d+(?:\.\d+)?(?:[eE][+\-−]?\d+)?")
# Fractions written as one character: "⅓ cup", "2½ miles".
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_VULGAR_AT = re.compile(rf"[{_VULGAR}]")
# A whole number and a written fraction of one: "2 1/2 in", "3 3/4 miles".
_MIXED = re.compile(r"[ \u00a0](\d)/(\d{1,2})(?![\d/.,])")
# Between a fraction and the article of the scale or unit it divides: "half a million".
_ARTICLE_GAP = re.compile(r"[ \u00a0]+")
_WHOLE_NUMBER = re.compile(r"\d+")
# A whole number written with thousands separators ("10.000", "1,500"): no identifier.
_GROUPED = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+")
# A sign on a range's high bound: "from -18 °C to -34 °C".
_SIGN_AT = re.compile(r"[\-−](?=\d)")
# A money amount in parentheses after a word is an accounting negative: "revenue was ($5.2)".
_ACCOUNTING = re.compile(r"([^\W\d_]+)[ \u00a0]*\([ \u00a0]*$")

# Between numbers that share the unit written after the last: "2,3, 1,4 và 0,9%".
_LIST_MAX = 6
_RATES = ("%", "percentage points")
_BOUNDS = (
    "more_than",
    "at_least",
    "less_than",
    "at_most",
)  # qualifiers that bound a value  # units whose "2% to 5%" is a change and a level
# The denominators of a written fraction of a measure: "1/4 inch", "3/8 mile".
_DENOMINATORS = frozenset(float(d) for d in (2, 3, 4, 8, 10, 16, 32, 64, 100))


@dataclass(frozen=True)
class Quantity:
    start: int  # mention span in the document text, qualifier and unit included
    end: int
    value: float
    value_max: float | None
    unit: str  # canonical unit, a count noun, or "" for a bare scaled number ("1,43 million")
    qualifier: str
    column: tuple[int, int] | None = None  # a table cell: (its column, of how many)

    @property
    def is_rate(self) -> bool:
        return self.unit in ("%", "percentage points")

    @property
    def is_amount(self) -> bool:
        return not self.is_rate and self.unit != "times"


def decimal_mark(text: str, default: str) -> str:
    """The decimal mark the document itself uses, from its unambiguous numbers.

    "8,4%" or "5.566,4" vote for a comma; "8.4%" or "5,566.4" for a point. A number with a
    single separator before exactly three digits ("1.726") says nothing.
    """
    votes = {",": 0, ".": 0}
    # Counted with str methods on each literal (findall: no match objects), which the
    # document's every number passes through.
    for raw in _DIGITS.findall(text):
        points, commas = raw.count("."), raw.count(",")
        if points and commas:  # the last separator is the decimal mark
            votes["." if raw.rfind(".") > raw.rfind(",") else ","] += 1
        elif points + commas > 1:  # one separator repeated groups thousands
            votes["," if points else "."] += 1
        elif points + commas == 1:
            mark = "." if points else ","
            if len(_SPACES.sub("", raw[raw.index(mark) + 1 :])) != 3:
                votes[mark] += 1
    if votes[","] == votes["."]:
        return default
    return "," if votes[","] > votes["."] else "."


def parse_number(raw: str, mark: str) -> tuple[float, float | None]:
    """A digit literal's value under decimal mark `mark`, and its other reading if ambiguous."""
    raw = _SPACES.sub("", raw)
    seps = [c for c in raw if c in ".,"]
    if not seps:
        return float(raw), None
    if len(set(seps)) == 2:  # "5.566,4" / "5,566.4": the last separator is the decimal mark
        dec = seps[-1]
        return float(raw.replace("." if dec == "," else ",", "").replace(dec, ".")), None
    sep = seps[0]
    if len(seps) > 1:  # "1.234.567": grouping
        return float(raw.replace(sep, "")), None
    whole, frac = raw.split(sep)
    as_decimal = float(f"{whole}.{frac}")
    if len(frac) != 3 or whole == "0":
        return as_decimal, None
    as_grouped = float(whole + frac)
    return (as_decimal, as_grouped) if sep == mark else (as_grouped, as_decimal)


@dataclass
class _Tail:
    """What follows a number: scale, unit, trailing qualifier."""

    end: int
    scale: float = 1.0
    unit: str | None = None
    qualifier: str | None = None
    counted: bool = False  # the unit is a noun phrase: a count of things
    measure: bool = False  # the unit is a currency or a measure


def _read_tail(
    text: str,
    lit: _Literal,
    limit: int,
    lex: Lexicon,
    vocab: UnitVocabulary,
    pos: int,
    money: bool = False,
) -> _Tail:
    """Scale, unit and qualifier after a literal (from `pos`), or the noun phrase it counts."""
    tail = _Tail(pos)
    m = vocab.re_glued_scale.match(text, pos, limit) or (
        (money or _scales_what_follows(text, lit, pos, limit, lex, vocab))
        and vocab.re_money_scale.match(text, pos, limit)
    )
    if m and m.group() in vocab.money_scale:  # "£5m", "1m people", "2.5m tonnes": million
        tail.scale = vocab.money_scale[m.group()]
        tail.end = pos = m.end()
    elif m:
        tail.scale = vocab.glued_scale[m.group()]
        tail.end = pos = m.end()
    # Scale words multiply: "nghìn tỷ", "mille milliards", "trăm nghìn".
    while m := lex.re_scale.match(text, pos, limit):
        tail.scale *= lex.scale[norm_key(m.group())]
        tail.end = pos = m.end()
    m = tail.scale == 1.0 and vocab.re_scale_before_symbol.match(text, pos, limit)
    if m:  # "12 M€", "5 k€", "3 Md€": a scale letter glued before the currency symbol
        tail.scale = vocab.scale_before_symbol[m.group(1)]
        tail.end = pos = m.end()
    unit = unit_after(text, pos, limit, vocab) or word_unit_after(
        text, pos, limit, vocab, text[lit.start : lit.end]
    )
    if unit is None and tail.scale != 1.0:
        link = lex.re_unit_link.match(text, pos, limit)
        if link:
            unit = unit_after(text, link.end(), limit, vocab)
    if unit:
        tail.end, tail.unit = unit
        tail.measure = True
        rate = per_unit(text, tail.end, limit, lex, tail.unit)
        if rate:
            tail.end, tail.unit = rate
        pos = tail.end
    m = lex.re_qualifier_after.match(text, pos, limit)
    if m:
        tail.qualifier = lex.qualifiers_after[norm_key(m.group())]
        tail.end = m.end()
    lone = lit.lone and tail.scale == 1.0  # "a" before a noun is an article
    if tail.unit is None and lone:
        noun = one_count_after(text, lit.start, tail.end, limit, lex)
        if noun is not None:  # "one person": the number one, not an article
            tail.unit, tail.end, tail.counted = noun.unit, noun.end, True
    if tail.unit is None and not lit.fraction and not lone:  # "half of the firms": a share
        at = tail.end
        link = tail.scale != 1.0 and lex.re_unit_link.match(text, at, limit)
        if link:  # "1,5 million de personnes", "2 millions d'habitants": the noun after "de"
            at = link.start() + len(link.group().rstrip())
        noun = count_noun_after(
            text, at, limit, lex, value=lit.value * tail.scale, is_word=lit.is_word
        )
        if noun is not None:
            tail.unit, tail.end, tail.counted = noun.unit, noun.end, True
            rate = per_unit(text, tail.end, limit, lex, tail.unit)
            if rate:  # "15 bác sỹ/10.000 dân": the base is part of the unit
                tail.end, tail.unit = rate
    return tail


def _scales_what_follows(
    text: str, lit: _Literal, pos: int, limit: int, lex: Lexicon, vocab: UnitVocabulary
) -> bool:
    """ "1m people", "2.5m tonnes": a letter glued after the number that is a scale after
    money ("£5m") is one before a unit or a count too; alone it is a unit ("5m tall")."""
    m = vocab.re_money_scale.match(text, pos, limit)
    if m is None or not text[m.end() : m.end() + 1].isspace():
        return False
    after = m.end()
    if unit_after(text, after, limit, vocab):
        return True
    return (
        count_noun_after(text, after, limit, lex, value=lit.value * 1e6, is_word=False) is not None
    )


@dataclass(frozen=True)
class _Literal:
    start: int
    end: int
    value: float
    alternative: float | None  # the other reading of an ambiguous literal
    is_word: bool
    fraction: bool = False
    # "a", "one": one only before a scale word or a unit ("a million", "one gallon").
    lone: bool = False


def _literal_at(text: str, pos: int, limit: int, lex: Lexicon, mark: str) -> _Literal | None:
    m = _SCIENTIFIC.match(text, pos, limit)
    value = _scientific_value(m) if m else None
    if value is not None:
        uncertainty = _UNCERTAINTY.match(text, m.end(), limit)
        return _Literal(pos, uncertainty.end() if uncertainty else m.end(), value, None, False)
    m = _DIGITS.match(text, pos, limit)
    if m:
        value, alt = parse_number(m.group(1), mark)
        whole = NumberWords(m.end(), value)
        if value.is_integer() and alt is None and m.group(1).isdigit():
            whole = _whole_and_fraction(text, whole, limit)
        more = half_after(text, whole, limit, lex)
        if more is not whole:
            return _Literal(m.start(), more.end, more.value, None, is_word=False)
        end = _UNCERTAINTY.match(text, whole.end, limit)
        return _Literal(m.start(), end.end() if end else whole.end, whole.value, alt, False)
    if _VULGAR_AT.match(text, pos, limit):
        value = 100 * unicodedata.numeric(text[pos])  # a share in percent, as words are
        return _Literal(pos, pos + 1, value, None, is_word=False, fraction=True)
    m = lex.re_number_word.match(text, pos, limit)
    if m and norm_key(m.group()) in lex.fractions:
        value = lex.fractions[norm_key(m.group())]
        gap = _ARTICLE_GAP.match(text, m.end(), limit)
        article = gap and numerals(lex.code).re_article.match(text, gap.end(), limit)
        # "un quart de point": the link word stands where English puts an article.
        link = None if article else lex.re_unit_link.match(text, m.end(), limit)
        article = article or link
        if article and (
            lex.re_scale.match(text, article.end(), limit)
            or unit_after(text, article.end(), limit, vocabulary(lex))
        ):
            # "half a million people", "half a percentage point": a fraction of a scale or a
            # unit is a number, no share.
            end = link.start() + len(link.group().rstrip()) if link else article.end()
            return _Literal(m.start(), end, value / 100, None, is_word=True)
        return _Literal(m.start(), m.end(), value, None, True, fraction=True)
    words = number_words_at(text, pos, limit, lex)
    if words:
        return _Literal(
            pos, words.end, words.value, None, True, fraction=words.fraction, lone=words.lone
        )
    return None


def _scientific_value(m: re.Match) -> float | None:
    """The value of a number in scientific notation; None beyond what a float holds."""
    mantissa = float(m.group(1))
    try:
        if m.group("power") is not None:
            value = mantissa * float(m.group("base")) ** int(m.group("power").replace("−", "-"))
        else:
            exponent = m.group("e") if m.group("e") is not None else m.group("ten")
            value = mantissa * 10.0 ** int(exponent.replace("−", "-"))
    except OverflowError:
        return None
    return value if math.isfinite(value) else None


def _whole_and_fraction(text: str, whole: NumberWords, limit: int) -> NumberWords:
    """ "2½", "2 1/2": a whole number and a fraction of one."""
    if _VULGAR_AT.match(text, whole.end, limit):
        return NumberWords(whole.end + 1, whole.value + unicodedata.numeric(text[whole.end]))
    m = _MIXED.match(text, whole.end, limit)
    if m and int(m.group(1)) < int(m.group(2)) and float(m.group(2)) in _DENOMINATORS:
        return NumberWords(m.end(), whole.value + int(m.group(1)) / int(m.group(2)))
    return whole


def find_quantities(text: str, start: int, end: int, lex: Lexicon, mark: str) -> list[Quantity]:
    """Every quantity mentioned in `text[start:end]` (one sentence), in order."""
    found: list[Quantity] = []
    consumed = start
    parts = {m.start(): m for m in _PART_BEFORE_SLASH.finditer(text, start, end)}
    starts = sorted(
        {m.start() for m in _DIGITS.finditer(text, start, end)}
        | number_word_starts(text, start, end, lex)
        | {m.start() for m in _VULGAR_AT.finditer(text, start, end)}
        | set(parts)
    )
    for pos in starts:
        if pos < consumed:
            continue
        if pos in parts:
            pair = _part_of_whole(text, parts[pos], start, end, lex, mark)
            found.extend(pair)
            consumed = pair[-1].end if pair else consumed
            continue
        lit = _literal_at(text, pos, end, lex, mark)
        q = lit and _quantity_at(text, lit, start, end, lex, mark)
        if q is None and lit and found:
            q = (
                _part_of_previous(text, lit, start, found[-1], lex)
                or _parallel_count(text, lit, found, lex)
                or _level_after_change(text, lit, found[-1], lex)
                or _change_on_earlier(text, lit, found[-1], end, lex)
            )
        if q is None and lit:
            q = _people_harmed(text, lit, start, lex)
        if q is None:
            continue
        if found:
            q = _conversion_of(text, found[-1], q, lex)
        found.append(q)
        consumed = q.end
        over = _after_slash(text, q.end, start, end, lex, mark)
        if over is not None:
            consumed = over.end
            if over.unit == q.unit:  # the whole the part is out of; else a rate's denominator
                found.append(over)
    return found


def _conversion_of(text: str, previous: Quantity, q: Quantity, lex: Lexicon) -> Quantity:
    """ "below 100 billion yen ($854.7 million)": an amount in parentheses right after an
    amount of the same dimension in another unit converts it, so it is bounded the same way,
    unless it says its own qualifier ("gần 30 tỷ yên (khoảng 262 triệu USD)"). Only a bound
    carries: the conversion of "près de 4,15 quadrillions dôngs" is a figure of its own."""
    if q.qualifier != "exact" or previous.qualifier not in _BOUNDS or q.unit == previous.unit:
        return q
    if text[previous.end : q.start].strip() != "(":
        return q
    money = {q.unit, previous.unit} <= vocabulary(lex).currencies
    converts = money or same_dimension(q.unit, previous.unit)
    return replace(q, qualifier=previous.qualifier) if converts else q


def _after_slash(
    text: str, pos: int, sent_start: int, sent_end: int, lex: Lexicon, mark: str
) -> Quantity | None:
    """The quantity written right after a slash that follows a quantity ending at `pos`."""
    slash = _SLASH.match(text, pos, sent_end)
    m = slash and _AFTER_SLASH.match(text, slash.end(), sent_end)
    if not m:
        return None
    value, alt = parse_number(m.group(1), mark)
    lit = _Literal(m.start(), m.end(), value, alt, is_word=False)
    return _quantity_at(text, lit, sent_start, sent_end, lex, mark)


def _part_of_whole(
    text: str, part: re.Match, sent_start: int, sent_end: int, lex: Lexicon, mark: str
) -> list[Quantity]:
    """ "51/63 tỉnh", "8/9 chỉ tiêu": a count out of a total; both are claims, in the total's
    unit. Dates ("8/1", "22/12/2024") and identifiers ("10/2022/QH15") have no count noun
    after them, or a part larger than the whole."""
    value, _ = parse_number(part.group(1), mark)
    before = text[max(sent_start, part.start() - 40) : part.start()]
    share = _fraction_of(text, part, value, before, sent_end, lex)
    whole = None if share else _after_slash(text, part.end(), sent_start, sent_end, lex, mark)
    if whole is None:
        return share
    if is_name(before, lex) or names_a_pair(before, lex):
        return []  # "Decree 15/4 kg", "Thông tư 5/12 tấn": an identifier, never a fraction
    fraction = whole.unit in vocabulary(lex).measures
    if fraction and whole.value_max is None and whole.value in _DENOMINATORS and value:
        # "1/4 inch", "3/4 mile": a fraction of a measure, one quantity.
        return [Quantity(part.start(), whole.end, value / whole.value, None, whole.unit, "exact")]
    if fraction and whole.value_max is None and value > whole.value:
        # "140/90 mmHg": two readings of one measure, each in the unit written after both.
        return [Quantity(part.start(), part.end(), value, None, whole.unit, "exact"), whole]
    if (
        whole.value_max is not None
        or not whole.unit
        or not whole.is_amount
        or whole.unit in vocabulary(lex).currencies
        or whole.unit in plausible_max()
        or not 0 < value <= whole.value
    ):
        return []
    return [Quantity(part.start(), part.end(), value, None, whole.unit, "exact"), whole]


def _fraction_of(
    text: str, part: re.Match, value: float, before: str, sent_end: int, lex: Lexicon
) -> list[Quantity]:
    """ "1/40 of the wavelength", "3/4 des exportations", "1/3 số doanh nghiệp": a written
    fraction of something is a share in percent, as "three quarters of" is."""
    slash = _SLASH.match(text, part.end(), sent_end)
    over = slash and _WHOLE_NUMBER.match(text, slash.end(), sent_end)
    at = over and fraction_of_at(text, over.end(), sent_end, lex)
    if not at or is_name(before, lex) or _names_a_time(text, at, sent_end, lex):
        return []  # "Decision 1/40 of", "on 8/10 of this year": a name or a date
    denominator = int(over.group())
    if not 0 < value < denominator or text[over.end() : over.end() + 1] in "/.,":
        return []
    return [Quantity(part.start(), over.end(), 100 * value / denominator, None, "%", "exact")]


def _names_a_time(text: str, pos: int, limit: int, lex: Lexicon) -> bool:
    """Whether a year, or a time word after at most one word, follows `pos` ("of 2024",
    "of this year")."""
    if _DIGITS.match(text, _skip_blank(text, pos, limit), limit):
        return True
    vocab = vocabulary(lex)
    starts = [pos]
    word = _WORD_AFTER.match(text, pos, limit)
    if word:
        starts.append(word.end())
    for at in starts:
        unit = unit_after(text, at, limit, vocab)
        if unit and unit[1] in vocab.durations:
            return True
    return False


def _skip_blank(text: str, pos: int, limit: int) -> int:
    while pos < limit and text[pos].isspace():
        pos += 1
    return pos


def _tail_of(
    text: str, lit: _Literal, limit: int, lex: Lexicon, vocab: UnitVocabulary, money: bool = False
):
    """What follows a literal; None when letters glued to it are no unit or scale ("13th",
    "i7", "the 5-year Plan", "18-NQ", "five-star"): then it is part of a word or a name."""
    end = lit.end
    nxt = text[end : end + 1]
    if nxt == "-" and text[end + 1 : end + 2].isalpha():
        # "US$3-billion", "a 109-kilometer road": a scale or a measure; a duration only
        # after "a" ("a two-year maintenance period"; "the 5-year Plan" names a plan).
        tail = _read_tail(text, lit, limit, lex, vocab, end + 1)
        age = tail.unit in vocab.durations and vocab.re_age.match(text, tail.end, limit)
        if age:  # "the 45-year-old mother": an age, whatever the article
            tail.end = age.end()
        # "a 10-point lead" is read, "the 13-point plan" names a plan's items.
        measure = (
            tail.measure
            and not vocab.re_cycle.match(text, tail.end, limit)
            and (
                tail.unit not in vocab.durations
                or age
                or after_article(text[max(0, lit.start - 4) : lit.start], lex)
            )
        )
        if tail.end > end + 1 and (tail.scale != 1.0 or measure):
            return tail
        noun = None if lit.is_word or tail.measure else hyphen_count(text, end + 1, limit, lex)
        return _Tail(noun.end, unit=noun.unit, counted=True) if noun else None
    tail = _read_tail(text, lit, limit, lex, vocab, end, money)
    if nxt.isalpha() and tail.end == end:
        return None
    return tail


def _shared_tail(
    text: str, pos: int, limit: int, lex: Lexicon, vocab: UnitVocabulary, mark: str
) -> _Tail | None:
    """The unit of a coordination written once, after its last number: "2,3, 1,4 và 0,9%",
    "400 millions et 600 millions de dollars", "1.2 and 1.5 billion USD"."""
    counts = True
    for _ in range(_LIST_MAX):
        link = vocab.re_coordination.match(text, pos, limit)
        nxt = link and _literal_at(text, link.end(), limit, lex, mark)
        if not nxt or nxt.is_word:
            return None
        tail = _tail_of(text, nxt, limit, lex, vocab)
        if tail is None:
            return None
        if tail.unit is not None:
            return tail if tail.measure or (counts and tail.counted) else None
        pos = tail.end
        counts = False  # a count is shared by two members only: "Điều 3, 4 và 5 tỉnh" names
    return None


def _quantity_at(
    text: str, lit: _Literal, sent_start: int, sent_end: int, lex: Lexicon, mark: str
) -> Quantity | None:
    vocab = vocabulary(lex)
    before = text[max(sent_start, lit.start - 40) : lit.start]
    if _clock_minutes(text, lit, before, vocab):
        return None
    if lit.fraction and ends_a_half(text, lit.end, lex):
        return None  # "an hour and a half": half an hour, no share
    if (
        lit.fraction
        and lit.is_word
        and names_an_ordinal(text, lit.end, sent_end, lex)
        and unit_after(text, lit.end, sent_end, vocab) is None
    ):
        return None  # "a third term": an ordinal ("a quarter point" is a fraction of a unit)
    high = None
    currency = unit_before(before, vocab)
    # "$-99.99": a minus between the currency and the number.
    minus_after_currency = currency is None and before[-1:] in "-−"
    if minus_after_currency:
        currency = unit_before(before[:-1], vocab)
        minus_after_currency = currency is not None
    tail = _tail_of(text, lit, sent_end, lex, vocab, money=currency is not None)
    if tail is None:
        return None
    if lit.lone and not (
        tail.counted
        or _stands_for_one(text, lit, tail, before, lex, vocab)
        or out_of_at(text, lit.end, sent_end, lex, lit.value) is not None  # "one in five children"
    ):
        return None
    scale = tail.scale
    if currency and tail.unit is None:
        rate = per_unit(text, tail.end, sent_end, lex, currency[1])
        if rate:  # "$15.4/hour", "$350 per kg": a price is money
            tail.end = rate[0]
    unsigned = before[: currency[0]] if currency else before
    opener = lex.re_range_opener.search(unsigned.rstrip("+-−"))
    # A range: "27 - 28%", "10 à 12 %", "from 18% to nearly 40%", "between 5 and 10%".
    marked = tail.unit or currency
    conn_at = tail.end if marked or tail.scale != 1.0 else lit.end
    if not marked and text[conn_at : conn_at + 2] in ("- ", "-\u00a0"):
        conn_at += 1  # "8- to 16-meter": the low bound's hyphen waits for the high's unit
    conn = lex.re_range_connector.match(text, conn_at, sent_end)
    high_qualifier = None
    to_level = None
    low_minus = _SIGN_BEFORE.search(before[: currency[0]] if currency else before)
    low_minus = bool(low_minus and low_minus.group() in "-−")
    signs = None  # (low, high) signs written on each bound, when they are read apart
    if conn and _opens(conn.group("conn"), opener, lex):
        second_pos = conn.end()
        lead = lex.re_qualifier_lead.match(text, second_pos, sent_end)
        if lead:
            high_qualifier = lex.qualifiers_before[norm_key(lead.group())]
            second_pos = lead.end()
        high_minus = bool(_SIGN_AT.match(text, second_pos, sent_end))
        second_pos += high_minus
        # "from $350 to $680": the high bound repeats the currency.
        repeated = currency and currency_at(text, second_pos, sent_end, vocab)
        if repeated and repeated[1] == currency[1]:
            second_pos = repeated[0]
        second = _literal_at(text, second_pos, sent_end, lex, mark)
        second_tail = second and _tail_of(text, second, sent_end, lex, vocab, money=bool(currency))
        if second_tail and not second.is_word:
            dash = conn.group("conn") in "-–—"
            same_unit = tail.unit is None or tail.unit == second_tail.unit
            if currency and tail.unit is None:  # "$5 to 10%" is no range
                same_unit = second_tail.unit in (None, currency[1])
            # Ranges are written low to high, and "2020 to 86.24%" is a year, not a bound.
            signs = _range_signs(lit.value, second.value, low_minus, high_minus)
            ascending = signs is not None and not _YEAR.match(f"{lit.value:g}")
            # "12-13 triệu lượt": the scale and the unit after the high bound are the low's.
            high_marked = second_tail.unit or second_tail.scale != 1.0 or repeated
            # "aged 18 to 65", "magnitude 6 to 7": a measure named before holds both bounds.
            high_marked = high_marked or (currency and currency[1] not in vocab.currencies)
            # "44 mg to 50 mg": a measure written on both bounds needs no opener ("rose 2%
            # to 5%" is a change and a level: rates do).
            both = tail.measure and tail.unit == second_tail.unit and tail.unit not in _RATES
            both = both and not vocab.re_change_by.search(before)  # "by 5 km to 30 km"
            if (
                high_marked
                and same_unit
                and ascending
                and (dash or opener or not tail.unit or both)
            ):
                high, tail = second, second_tail
                scale = scale if scale != 1.0 else tail.scale
            elif opener and tail.unit is None and not currency and second_tail.unit:
                # "from 10,035 to 3,321 units", "passé de 705 à 696 unités": a change from one
                # level to another; the unit after the second is the first's too.
                to_level = second_tail
    unit = tail.unit
    if _AFTER_A_SCORE.search(before):
        return None  # "a 2-1 defeat", "won 6-4, 6-3": the second number of a score
    if before[-1:].isalpha() and currency is not None and scale == 1.0 and tail.unit is None:
        return None  # "COP28": a code glued to a number names something ("VNĐ601 trillion")
    if before[-1:].isalpha() and currency is None:
        # Glued to letters: an identifier ("abc123"), unless text ran together before a
        # measure ("cụ thể76,31 tỷ kWh").
        if not before[-1].islower() or tail.counted or (unit is None and scale == 1.0):
            return None
    if unit is None and currency:
        unit = currency[1]
        rate = per_unit(text, tail.end, sent_end, lex, unit)
        if rate:  # a range's high bound: "to $680 per kg"
            tail.end, unit = rate
    year = _YEAR.match(text[lit.start : lit.end]) and scale == 1.0
    counted = tail.counted
    if to_level is not None and not year and (to_level.measure or to_level.counted):
        unit, counted = to_level.unit, to_level.counted
        scale = scale if scale != 1.0 else to_level.scale
    follows = vocab.re_coordination_before.search(before)
    if unit is None and high is None and not lit.is_word and not year:
        shared = _shared_tail(text, tail.end, sent_end, lex, vocab, mark)
        # "5 Bn and 3 Mn, 10 Km": a member with a scale of its own does not take the measure
        # of a last member that has none ("2 million and 300,000 people" still count people).
        own_scale = scale != 1.0 and shared is not None and shared.scale == 1.0
        if own_scale and not shared.counted:
            shared = None
        if shared is not None and not (shared.counted and follows):
            unit, counted = shared.unit, shared.counted
            scale = scale if scale != 1.0 else shared.scale
    if unit is None and lex.re_multiplier_before.search(before):
        unit = "times"
    if unit is None and lit.fraction:
        unit = "%"
    counted = tail.counted
    if unit is None and scale == 1.0:
        unit = _unit_of_whole(text, lit, sent_end, lex, mark)
        if unit is None and _may_count(text, lit, tail, lex, year):
            unit = counted_in_sentence(text, sent_start, lit.start, lex)
        if unit is None and not year and _GROUPED.fullmatch(text, lit.start, lit.end):
            unit = counted_before(text, sent_start, lit.start, lex)
        counted = unit is not None
    if unit is None and scale != 1.0:  # "a population of around 3 million": people
        unit = named_count_before(text, max(sent_start, lit.start - 30), lit.start, lex)
        counted = unit is not None
    if unit is None and scale == 1.0 and _age_between_commas(text, lit, sent_end, vocab):
        unit = vocab.age_between_commas
    if unit is None and scale == 1.0:
        return None  # a bare number: an identifier, a list marker, a year, a level
    if lit.is_word and not lit.fraction and unit is None and scale == 1.0:
        return None
    if unit == "times" and lit.is_word and not vocab.re_comparison.match(text, tail.end, sent_end):
        return None  # "met three times"; "three times faster" is a multiple
    if year and not (tail.measure or currency) and unit not in plausible_max():
        return None  # "năm 2025 nhiệm vụ": a year before a noun, not a count ("1.960 ha" is)
    if counted and (is_name(before, lex) or _numbers_a_line(text, lit, tail)):
        return None  # "level 4 schools", "Điều 5 Luật", "1 Hà Nội" in a numbered list
    unit = unit or ""
    if lit.fraction and tail.measure:
        scale /= 100  # fractions stand for a share in percent; of a measure, for a fraction
    value = _plausible(lit, unit, scale, vocab, counted)
    value_max = _plausible(high, unit, tail.scale, vocab, counted) if high else None
    if value_max is not None:
        value, value_max = sorted((value * signs[0], value_max * signs[1]))
    # The span: qualifier and currency sign before the number belong to the mention.
    span_start = lit.start
    qualifier = tail.qualifier or high_qualifier or "exact"
    prefix = before
    if currency and tail.unit is None:
        span_start -= len(prefix) - currency[0]
        prefix = prefix[: currency[0]]
    m = _SIGN_BEFORE.search(prefix)
    if m:
        span_start -= len(prefix) - m.start()
        prefix = prefix[: m.start()]
    word = None if m else numerals(lex.code).re_negative_before.search(prefix)
    if word:  # "minus 5 degrees"
        span_start -= len(prefix) - word.start()
        prefix = prefix[: word.start()]
    negative = (m and m.group() in "-−") or minus_after_currency or word
    if high is None and (negative or (currency and _accounting(prefix, tail, text, lex))):
        value, value_max = (-value_max, -value) if value_max is not None else (-value, None)
    lead = _qualifier_ending(prefix, unit, lex)
    if lead:
        qualifier = lead[0]
        span_start -= len(prefix) - lead[1]
    return Quantity(
        start=span_start,
        end=tail.end,
        value=value,
        value_max=value_max,
        unit=unit,
        qualifier=qualifier,
    )


def _opens(connector: str, opener: re.Match | None, lex: Lexicon) -> bool:
    """Whether a range connector joins two bounds after this opener: a paired one ("and",
    "et") only after its own ("between", "entre"), any other always."""
    needs = lex.range_paired.get(connector.lower())
    return needs is None or (opener is not None and opener.group().strip().lower() in needs)


def _qualifier_ending(prefix: str, unit: str, lex: Lexicon) -> tuple[str, int] | None:
    """The qualifier that ends `prefix` ("more than", "gần") and where it starts there."""
    m = lex.re_qualifier_before.search(prefix)
    if m is None:
        return None
    key = norm_key(m.group())
    if unit in ("%", "percentage points"):
        return lex.qualifiers_before_rate.get(key, lex.qualifiers_before[key]), m.start()
    return lex.qualifiers_before[key], m.start()


def _range_signs(low: float, high: float, low_minus: bool, high_minus: bool):
    """The signs of a range's bounds (low, high), or None when the bounds make no range. A
    sign belongs to the number it is written on ("-78-0 °C", "between -2 and 3%"); negative
    bounds are written by magnitude ("-18 °C to -34 °C")."""
    if high_minus:
        return (-1, -1) if low_minus else None
    if low_minus:
        return (-1, 1)
    return (1, 1) if low <= high else None


def _clock_minutes(text: str, lit: _Literal, before: str, vocab: UnitVocabulary) -> bool:
    """ "8:30", "8h30", "8 giờ 30 phút": the minutes of a clock time are no quantity."""
    digits = text[lit.start : lit.end]
    return len(digits) == 2 and digits.isdigit() and bool(vocab.re_clock_hour.search(before))


def _stands_for_one(
    text: str, lit: _Literal, tail: _Tail, before: str, lex: Lexicon, vocab: UnitVocabulary
) -> bool:
    """ "a million", "one thousand bytes", "one kilometre", "a gallon of beer": an article or
    "one" is the number one before a scale word or a measure named in words; an article only
    before a measure of something or of a dimension ("a gallon of", "a mile wide"; "a degree
    in law", "a meter reading" are no quantity). Never before a duration ("a year ago", "twice
    a day"), a currency or a symbol, nor after a number ("$5 a gallon" is a price per gallon)."""
    if tail.scale != 1.0:
        return True
    if not tail.measure or tail.unit in vocab.durations or tail.unit in vocab.currencies:
        return False
    if any(c.isdigit() for c in before[-16:]):
        return False
    if norm_key(text[lit.start : lit.end]) in numerals(lex.code).articles:
        # "a gallon of beer", "a mile wide": a measure of something, or of a dimension.
        if not (lex.re_unit_link.match(text, tail.end) or vocab.re_dimension.match(text, tail.end)):
            return False
    return vocab.re_names.match(text, lit.end, tail.end) is not None


# "the suspect, 28, was", "Jane Doe, 45, of Leeds": a small whole number set off by commas
# after a word, before a lower-case word that goes on with the sentence (not "5, 12, and 14":
# a digit before the comma; not "Hanoi, 12, and": a list).
_APPOSITION_BEFORE = re.compile(r"[^\W\d_], $")
_APPOSITION_AFTER = re.compile(r", (?!and |or )[a-z]")


def _age_between_commas(text: str, lit: _Literal, sent_end: int, vocab: UnitVocabulary) -> bool:
    if vocab.age_between_commas is None or lit.is_word or not text[lit.start : lit.end].isdigit():
        return False
    if not 0 < lit.value < 120:
        return False
    return bool(
        _APPOSITION_BEFORE.search(text, max(0, lit.start - 3), lit.start)
        and _APPOSITION_AFTER.match(text, lit.end, sent_end)
    )


def _accounting(prefix: str, tail: _Tail, text: str, lex: Lexicon) -> bool:
    """ "revenue was ($99.99)": money alone in parentheses after a word is a loss. After an
    amount, a scale or a unit, the parentheses convert ("100,000 yen ($930)")."""
    m = _ACCOUNTING.search(prefix)
    if m is None or tail.scale != 1.0 or not text[tail.end : tail.end + 2].lstrip().startswith(")"):
        return False
    word = m.group(1)
    vocab = vocabulary(lex)
    return not (lex.re_scale.fullmatch(" " + word) or norm_key(word) in vocab.names)


def _part_of_previous(
    text: str, lit: _Literal, sent_start: int, previous: Quantity, lex: Lexicon
) -> Quantity | None:
    """ "1,250 petitions, 1,100 of them", "2.500 entreprises, dont 300": a bare whole number
    no larger than the quantity before it, said to be part of it, takes its unit."""
    if lit.is_word or not previous.unit or not previous.is_amount:
        return None
    if not lit.value.is_integer() or not 0 < lit.value <= previous.value:
        return None
    before = text[max(sent_start, lit.start - 30) : lit.start]
    if not part_of_previous(text, lit.end, before, lex):
        return None
    return Quantity(lit.start, lit.end, lit.value, None, previous.unit, "exact")


def _level_after_change(
    text: str, lit: _Literal, previous: Quantity, lex: Lexicon
) -> Quantity | None:
    """ "added 45 points to 7,760", "by 218 votes to 212": a bare number right after a change
    of a count or a measure and "to" is the level, or the other side, in its unit (a rate's
    level is a rate of its own: "rose 2% to 5,000" says nothing of the 5,000)."""
    if lit.is_word or not previous.unit or not previous.is_amount or previous.unit in _RATES:
        return None
    if previous.unit in vocabulary(lex).currencies or _YEAR.match(text[lit.start : lit.end]):
        return None  # "$5 to 10": a range would have read it
    if not level_after(text, previous.end, lit.start, lex):
        return None
    return Quantity(lit.start, lit.end, lit.value, None, previous.unit, "exact")


def _change_on_earlier(
    text: str, lit: _Literal, previous: Quantity, sent_end: int, lex: Lexicon
) -> Quantity | None:
    """ "1.2 million jobless, 45,000 more than a year earlier": a bare number compared with
    an earlier time is the change of the count or measure named before it, in its unit."""
    if not previous.unit or not previous.is_amount or previous.unit in _RATES:
        return None
    sign = change_on_earlier(text, lit.end, sent_end, lex)
    if not sign:
        return None
    return Quantity(lit.start, lit.end, sign * lit.value, None, previous.unit, "exact")


def _people_harmed(text: str, lit: _Literal, sent_start: int, lex: Lexicon) -> Quantity | None:
    """ "the blast killed 47 and injured more than 200": a bare whole number right after a
    verb of harm (a qualifier between) counts the people harmed; its object is nothing else
    (a fraction, "killed half", is a share of a group named after it)."""
    if lit.fraction or not float(lit.value).is_integer() or _YEAR.match(text[lit.start : lit.end]):
        return None
    before = text[max(sent_start, lit.start - 40) : lit.start]
    if not after_harm(before, lex):
        return None
    lead = _qualifier_ending(before, "people", lex)
    if lead is None:
        return Quantity(lit.start, lit.end, lit.value, None, "people", "exact")
    start = lit.start - (len(before) - lead[1])
    return Quantity(start, lit.end, lit.value, None, "people", lead[0])


def _parallel_count(
    text: str, lit: _Literal, found: list[Quantity], lex: Lexicon
) -> Quantity | None:
    """ "14 expressways in the North (...); 10 in the Centre", "5 tonnes in May, 3 in June":
    a bare whole number in a list takes the unit of the count or amount it parallels (of a
    count rather than a measure in parentheses after it)."""
    if lit.is_word or not lit.value.is_integer() or _YEAR.match(text[lit.start : lit.end]):
        return None
    vocab = vocabulary(lex)
    counts = [q for q in found if q.unit and q.is_amount and q.unit not in vocab.measures]
    amounts = [q for q in found if q.unit and q.is_amount]
    for q in [*counts[-1:], *amounts[-1:]]:
        if parallels_count(text, q.end, lit.start, lit.end, lex):
            return Quantity(lit.start, lit.end, lit.value, None, q.unit, "exact")
    return None


def _unit_of_whole(text: str, lit: _Literal, sent_end: int, lex: Lexicon, mark: str) -> str | None:
    """ "Ten out of 17 ministries", "51 trên 63 tỉnh", "Two of the victims": a part counts
    its whole's noun."""
    at = out_of_at(text, lit.end, sent_end, lex, lit.value)
    whole = _literal_at(text, at, sent_end, lex, mark) if at is not None else None
    if whole is None and at is not None:
        group = part_of_group(text, lit.end, sent_end, lex, lit.value)
        return group.unit if group else None
    if whole is None or _YEAR.match(text[whole.start : whole.end]):
        return None  # "9 of the 2023 budget lines": a year names the whole, it does not count it
    tail = _tail_of(text, whole, sent_end, lex, vocabulary(lex))
    counted = tail is not None and tail.counted
    return tail.unit if counted and lit.value <= whole.value * tail.scale else None


def _may_count(text: str, lit: _Literal, tail: _Tail, lex: Lexicon, year: bool) -> bool:
    """Whether a bare number can be a count named elsewhere: a whole number that is no year
    nor a day of a month ("May 16", "16 mai")."""
    if lit.is_word or year or not lit.value.is_integer():
        return False
    word_before = _WORD_BEFORE.search(text, max(0, lit.start - 20), lit.start)
    word_after = _WORD_AFTER.match(text, tail.end)
    words = [m.group(1) for m in (word_before, word_after) if m]
    return not any(norm_key(w) in lex.months for w in words)


def _numbers_a_line(text: str, lit: _Literal, tail: _Tail) -> bool:
    """A digit opening its line before a capitalised word is a list or table row number."""
    line_start = text.rfind("\n", 0, lit.start) + 1
    if lit.is_word or text[line_start : lit.start].strip(" \t-•*+("):
        return False
    after = text[lit.end : tail.end].lstrip(" \t\u00a0\u202f")
    return after[:1].isupper()


def _plausible(
    lit: _Literal, unit: str, scale: float, vocab: UnitVocabulary, counted: bool
) -> float:
    """Pick the reading of an ambiguous literal that a report can plausibly mean."""
    value = lit.value * scale
    if lit.alternative is None:
        return value
    other = lit.alternative * scale
    limit = plausible_max().get(unit)
    if limit is not None and abs(value) > limit >= abs(other):
        return other
    if counted and scale == 1.0 and not value.is_integer() and other.is_integer():
        return other  # "1.726 people" is 1,726 people
    return value
