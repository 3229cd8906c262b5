"""Units and currencies around a number, from CLDR (through Babel) and the language's lexicon.

CLDR, the Unicode locale data Babel ships, names every common unit and every ISO 4217
currency in every language: "kilomètres", "kilômét", "km"; "yên Nhật", "livre sterling",
"₩". A language's vocabulary is built from it once (cached) and compiled into two tries:
names, matched case-insensitively ("Kilometres"), and symbols, matched as written ("Mt" is
not "mt", "T" is not "t"). The lexicon's own units come first: they are what CLDR lacks
("%", "đ", "tạ", "lượt khách.km") or what a language means by an ambiguous word ("$", "đô").
Names are read only after a number ("won" is also an English verb); symbols and ISO codes
before it too ("VNĐ601 trillion", "€1.5bn").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

import pint
from babel import Locale
from babel.core import get_global

from extract import lexicon
from extract.lexicon import Lexicon, alternation, norm_key

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
_WORDS = re.compile(r"[^\s\-]+")
# A per-population or per-unit base: "/10.000 dân", "per 100,000 people".
_BASE = re.compile(r"\s*(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+|\d+)(?![\d.,])")
_FREE_WORD = re.compile(r"\s*([^\W\d_][\w'’]*)")
_POWERS = {"²": ("2", "^2"), "³": ("3", "^3")}
# A token shaped like a unit symbol, for pint: atoms of letters with an optional power
# ("s2", "s-1", "m^2", "fb−1", "m²"), joined by a slash or a product sign. Without a caret a
# power is a square, a cube or negative, on a short symbol ("06F6", "foot-2" are no powers).
_ATOM = r"[A-Za-zµμΩ]{1,4}(?:\^[-−]?\d|(?<![A-Za-zµμΩ]{3})(?:[23]|[-−]\d)|[²³]|⁻¹)?"
_SYMBOL = re.compile(rf"[ \u00a0]?({_ATOM}(?:[/·*]{_ATOM})*)(?![\w/^°])")
_NEXT_WORD = re.compile(r"[ \u00a0]+(\w)")
_POWER = re.compile(r"(?<=[A-Za-zµμΩ])\^?([-−]?\d)")
# After a number written with a thousands separator or decimals.
_SEPARATED = re.compile(r"\d[.,\u00a0\u202f ]\d")
# Clause end after a word: punctuation, or the end of the sentence.
_CLAUSE_END = re.compile(r"[ \u00a0]*(?:[.,;:!?)]|$)")


@dataclass(frozen=True)
class UnitVocabulary:
    names: dict[str, str]  # norm_key(surface) -> canonical unit
    canonical_names: frozenset[str]  # names' canonical units, asked about at every claim
    symbols: dict[str, str]  # surface as written (single spaces) -> canonical unit
    before: dict[str, str]  # lexicon units written before a number, norm_key -> canonical
    before_symbols: dict[str, str]  # currency symbols and ISO codes, as written
    currencies: frozenset[str]  # ISO codes: canonical units that are money
    measures: frozenset[str]  # canonical units of CLDR's measures ("km", "m²", "t")
    durations: frozenset[str]  # canonical units of time ("5-year plan" is an adjective)
    time_leads: bool  # "số 57 ngày 22/12": a time word before a number is that number's
    re_names: re.Pattern
    re_symbols: re.Pattern
    re_before: re.Pattern
    re_before_symbols: re.Pattern
    before_last_chars: frozenset[str]  # how a currency before a number can end: "$", "D", "₫"
    re_per: re.Pattern
    re_per_article: re.Pattern | None  # "a day", "an hour": a per only before a unit
    re_per_article_end: re.Pattern | None  # after that unit, words that make it a time reference
    re_coordination: re.Pattern  # between numbers that share one unit: ", ", " và "
    re_glued_scale: re.Pattern
    glued_scale: dict[str, float]
    re_money_scale: re.Pattern  # glued after money only: "£5m"
    money_scale: dict[str, float]
    re_currency_at: re.Pattern
    re_coordination_before: re.Pattern  # a number that follows another in a list: "3, 4"
    re_clock_hour: re.Pattern  # the hour of a clock time before its minutes: "8:", "8h", "8 giờ"
    re_change_by: re.Pattern  # before an amount of change: "by 5 km to 30 km" is no range
    re_cycle: re.Pattern  # after "a 5-year": a plan's cycle, no length ("a 5-year plan")
    clause_final: dict[str, str]  # words that are units at the end of a clause: "2 in."
    glued_words: dict[str, str]  # words that are units glued to the number: "11in"
    re_dimension: re.Pattern  # after which a clause_final word is a unit too: "2 in thick"
    re_link: re.Pattern  # between a unit and what it measures: "4 L of wine"
    after_decimals: dict[str, str]  # words that are units after decimals: "2.1 pm"
    multiples: dict[str, str]  # words that are multiples before a comparison: "3 times faster"
    scale_before_symbol: dict[str, float]  # a scale letter glued before a currency: "12 M€"
    re_age: re.Pattern  # after a hyphenated duration, an age: "45-year-old"
    age_between_commas: str | None  # the unit of "the suspect, 28, was": a person's age
    re_scale_before_symbol: re.Pattern
    re_comparison: re.Pattern  # a comparative right after a multiple: "faster", "the", "plus"
    re_word_unit: re.Pattern  # one of those words, or a one-letter symbol, at a position


def _symbol_key(surface: str) -> str:
    return " ".join(surface.translate(_SPACES).split())


@cache
def _config() -> dict:
    return tomllib.loads((lexicon.LEXICON_DIR / "units.toml").read_text(encoding="utf-8"))


@cache
def _language_units(code: str) -> dict:
    """The language file's own unit tables that only this module reads."""
    data = tomllib.loads((lexicon.LEXICON_DIR / f"{code}.toml").read_text(encoding="utf-8"))
    units = data.get("units", {})
    return {
        "per": units.get("per", ["/"]),
        "per_article": units.get("per_article", []),
        "per_article_not_before": units.get("per_article_not_before", []),
        "locales": units.get("cldr_locales", [code]),
        "not_units": {norm_key(w) for w in units.get("not_units", [])},
        "glued": data.get("scale_glued", {}),
        "money_glued": data.get("scale_glued_after_money", {}),
        "coordination": units.get("coordination", [","]),
        "time_leads": units.get("time_words_lead_their_number", False),
        "clock": units.get("clock_hour_marks", []),
        "change_by": data.get("range", {}).get("change_amount_before", []),
        "clause_final": units.get("clause_final", {}),
        "glued_words": units.get("glued", {}),
        "dimensions": units.get("dimensions", []),
        "links": units.get("links", []),
        "cycles": units.get("cycles", []),
        "after_decimals": units.get("after_decimals", {}),
        "multiples": units.get("multiples", {}),
        "comparisons": units.get("comparisons", []),
        "scale_before_symbol": units.get("scale_before_symbol", {}),
        "ages": units.get("ages", []),
        "age_between_commas": units.get("age_between_commas"),
    }


def _surface(pattern: str) -> str | None:
    """'{0} kilometers' -> 'kilometers'; None when the number does not come first."""
    if not isinstance(pattern, str) or not pattern.startswith("{0}"):
        return None
    surface = pattern.replace("{0}", "").translate(_SPACES).strip()
    return surface or None


def _distinctive(symbol: str, min_letters: int) -> bool:
    """Enough to be told from an initial: two letters ("km"), or a letter and a sign ("m²",
    "°C", "m/s")."""
    letters = sum(c.isalpha() for c in symbol)
    signs = any(not c.isalpha() and not c.isspace() for c in symbol)
    return letters + signs >= min_letters


def _with_powers(surface: str) -> list[str]:
    """'km²' is also written 'km2' and 'km^2'."""
    out = [surface]
    for sign, spellings in _POWERS.items():
        if surface.endswith(sign):
            out += [surface[: -len(sign)] + s for s in spellings]
    return out


def _canonical_units() -> dict[str, str]:
    """CLDR unit id -> canonical spelling: the English symbol, or the English plural name
    when the symbol changes with the count; units.toml's table first."""
    config = _config()
    canonical = dict(config.get("canonical", {}))
    for unit_id, widths in Locale.parse("en")._data["unit_patterns"].items():
        if unit_id in canonical:
            continue
        short = widths.get("short", {})
        one, other = _surface(short.get("one", "")), _surface(short.get("other", ""))
        if other and (one is None or one == other):
            canonical[unit_id] = other
        else:
            canonical[unit_id] = _surface(widths.get("long", {}).get("other", "")) or unit_id
    return canonical


def _measures(locale: Locale, not_units: set[str]):
    """Names and symbols of CLDR's units in one locale, and the canonical durations. Words of
    the language ("in", "pm", "st" after "1") are no unit."""
    config = _config()["cldr"]
    min_letters = config["min_symbol_letters"]
    skip_categories, skip_units = set(config["skip_categories"]), set(config["skip_units"])
    names_only = set(config["names_only_categories"])
    canonical = _canonical_units()
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    durations: set[str] = set()
    for unit_id, widths in locale._data["unit_patterns"].items():
        category = unit_id.split("-", 1)[0]
        if category in skip_categories or unit_id in skip_units:
            continue
        unit = canonical.get(unit_id, unit_id)
        if category == "duration":
            durations.add(unit)
        for width, forms in widths.items():
            for count, pattern in forms.items():
                surface = None if count == "per" else _surface(pattern)
                if surface is None or norm_key(surface) in not_units:
                    continue
                if width == "long":
                    names.setdefault(norm_key(surface), unit)
                elif category not in names_only and _distinctive(surface, min_letters):
                    for spelling in _with_powers(surface):
                        symbols.setdefault(_symbol_key(spelling), unit)
    return names, symbols, durations


def _current_currencies() -> dict[str, list[str]]:
    """ISO 4217 codes in use today -> the territories that use them."""
    used: dict[str, list[str]] = {}
    for territory, spans in get_global("territory_currencies").items():
        for code, _start, end, tender in spans:
            if end is None and tender:
                used.setdefault(code, []).append(territory)
    return used


def _is_country_word(word: str, country_words: set[str]) -> bool:
    """'Japanese' names Japan, 'coréen' Corée, 'Nhật' Nhật Bản."""
    w = word.lower()
    return any(w == c or (len(w) >= 4 and len(c) >= 4 and w[:4] == c[:4]) for c in country_words)


def _currency_names(locale: Locale, used: dict[str, list[str]]) -> dict[str, str]:
    """Every name of every current currency in one locale, and its short name: the name
    without its country ("yên Nhật" -> "yên", "South Korean won" -> "won"). A short name
    that several currencies share names the one with the shortest symbol here ("dollar":
    "$"); a tie names none."""
    names: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    plural = locale._data.get("currency_names_plural", {})
    for code, territories in used.items():
        forms = [locale.currencies.get(code, "")]
        forms += [f for f in plural.get(code, {}).values() if isinstance(f, str)]
        country = {
            w.lower() for t in territories for w in _WORDS.findall(locale.territories.get(t, ""))
        }
        for form in filter(None, forms):
            names.setdefault(norm_key(form), code)
            words = _WORDS.findall(form)
            rest = [w for w in words if not _is_country_word(w, country)]
            if rest and len(rest) < len(words):
                heads.setdefault(norm_key(" ".join(rest)), set()).add(code)
    symbols = locale.currency_symbols
    for head, codes in heads.items():
        if head in names:
            continue
        ranked = sorted(codes, key=lambda c: len(symbols.get(c, c)))
        if len(ranked) == 1 or len(symbols.get(ranked[0], ranked[0])) < len(
            symbols.get(ranked[1], ranked[1])
        ):
            names[head] = ranked[0]
    return names


def _currency_symbols(locales: list[Locale], used: dict[str, list[str]]) -> dict[str, str]:
    """Symbols ("€", "₫", "US$", "₩") and ISO codes of current currencies, as written. A
    symbol two currencies share in a locale names neither; the first locale wins."""
    not_codes = set(_config()["currencies"]["not_codes"])
    out: dict[str, str] = {code: code for code in used if code not in not_codes}
    for locale in locales:
        by_symbol: dict[str, set[str]] = {}
        for code in used:
            symbol = locale.currency_symbols.get(code)
            if symbol and symbol != code:
                by_symbol.setdefault(_symbol_key(symbol), set()).add(code)
        for symbol, codes in by_symbol.items():
            if len(codes) == 1 and symbol not in out:
                out[symbol] = next(iter(codes))
    return out


def _pattern(phrases, *, fold_case: bool, before: bool = False) -> re.Pattern:
    body = alternation(phrases, fold_case=fold_case, after_digit=not before)
    flags = re.IGNORECASE if fold_case else 0
    return re.compile(rf"(?:{body})\s*$" if before else rf"\s*({body})", flags)


@cache
def _vocabulary(code: str, lexicon_after: tuple, lexicon_before: tuple) -> UnitVocabulary:
    own = _language_units(code)
    locales = [Locale.parse(name) for name in own["locales"]]
    used = _current_currencies()
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    durations: set[str] = set()
    for locale in locales:
        more_names, more_symbols, more_durations = _measures(locale, own["not_units"])
        for surface, unit in more_names.items():
            names.setdefault(surface, unit)
        for surface, unit in more_symbols.items():
            symbols.setdefault(surface, unit)
        durations |= more_durations
        for surface, unit in _currency_names(locale, used).items():
            if surface not in own["not_units"]:
                names.setdefault(surface, unit)
    currency_symbols = _currency_symbols([*locales, Locale.parse("en")], used)
    for symbol, unit in currency_symbols.items():
        symbols.setdefault(symbol, unit)
    measures = (set(names.values()) | set(symbols.values())) - set(used)
    names.update(dict(lexicon_after))  # the lexicon's words win
    before = dict(lexicon_before)
    glued = {k: float(v) for k, v in own["glued"].items()}
    one_letter = _config()["one_letter"]
    scale_letters = own["scale_before_symbol"]
    word_units = [
        *own["clause_final"],
        *own["glued_words"],
        *own["after_decimals"],
        *own["multiples"],
    ]
    word_units += list(one_letter)
    return UnitVocabulary(
        names=names,
        canonical_names=frozenset(names.values()),
        symbols=symbols,
        before=before,
        before_symbols=currency_symbols,
        currencies=frozenset(used) | {u for u in before.values() if u.isupper()},
        durations=frozenset(durations),
        measures=frozenset(measures),
        time_leads=own["time_leads"],
        re_names=_pattern(names, fold_case=True),
        re_symbols=_pattern(symbols, fold_case=False),
        re_before=_pattern(before, fold_case=True, before=True),
        re_before_symbols=_pattern(currency_symbols, fold_case=False, before=True),
        before_last_chars=frozenset(
            c for s in [*before, *currency_symbols] for c in {s[-1].lower(), s[-1].upper()}
        ),
        re_per=re.compile(rf"\s*(?:{alternation(own['per'])})\s*", re.IGNORECASE),
        re_per_article=re.compile(rf"\s+(?:{alternation(own['per_article'])})\s+", re.IGNORECASE)
        if own["per_article"]
        else None,
        re_per_article_end=re.compile(
            rf"\s*(?:{alternation(own['per_article_not_before'])})", re.IGNORECASE
        )
        if own["per_article_not_before"]
        else None,
        re_coordination=re.compile(rf"\s*(?:{alternation(own['coordination'])})\s*", re.IGNORECASE),
        re_glued_scale=re.compile(rf"(?:{alternation(glued, fold_case=False, after_digit=True)})"),
        glued_scale=glued,
        re_money_scale=re.compile(
            rf"(?:{alternation(own['money_glued'], fold_case=False, after_digit=True)})"
        ),
        money_scale={k: float(v) for k, v in own["money_glued"].items()},
        re_currency_at=_pattern(currency_symbols, fold_case=False),
        re_coordination_before=re.compile(
            rf"\d\s*(?:{alternation(own['coordination'])})\s*$", re.IGNORECASE
        ),
        re_cycle=re.compile(rf"\s*(?:{alternation(own['cycles'])})", re.IGNORECASE),
        clause_final=own["clause_final"],
        glued_words=own["glued_words"],
        re_link=re.compile(rf"\s+(?:{alternation(own['links'])})", re.IGNORECASE),
        re_dimension=re.compile(rf"\s+(?:{alternation(own['dimensions'])})", re.IGNORECASE),
        after_decimals=own["after_decimals"],
        multiples=own["multiples"],
        age_between_commas=own["age_between_commas"],
        re_age=re.compile(rf"(?:{alternation(own['ages'])})", re.IGNORECASE)
        if own["ages"]
        else re.compile(r"(?!x)x"),
        scale_before_symbol={k: float(v) for k, v in scale_letters.items()},
        re_scale_before_symbol=re.compile(
            rf"[ \u00a0]?({alternation(scale_letters, fold_case=False, after_digit=True)})"
            rf"(?=(?:{alternation(currency_symbols, fold_case=False)}))"
        )
        if scale_letters
        else re.compile(r"(?!x)x"),
        re_comparison=re.compile(
            rf"[ \u00a0]+(?:{alternation(own['comparisons'])})(?![\w])", re.IGNORECASE
        )
        if own["comparisons"]
        else re.compile(r"(?!x)x"),
        re_word_unit=re.compile(
            rf"[ \u00a0]?({alternation(word_units, fold_case=False, after_digit=True)})"
        ),
        re_change_by=re.compile(rf"(?:{alternation(own['change_by'])})\s*$", re.IGNORECASE),
        re_clock_hour=re.compile(
            rf"(?<![\d.,])\d{{1,2}}[ \u00a0]?(?:{alternation(own['clock'], after_digit=True)})"
            r"[ \u00a0]?$",
            re.IGNORECASE,
        ),
    )


# id(lexicon) -> (the lexicon, kept alive so its id is never reused, its units).
_BUILT: dict[int, tuple[Lexicon, UnitVocabulary]] = {}


def vocabulary(lex: Lexicon) -> UnitVocabulary:
    """The units of `lex`'s language: built once per lexicon, then a dictionary look-up (it
    is asked for at every number)."""
    built = _BUILT.get(id(lex))
    if built is None:
        units = _vocabulary(
            lex.code,
            tuple(sorted(lex.units_after.items())),
            tuple(sorted(lex.units_before.items())),
        )
        built = _BUILT[id(lex)] = (lex, units)
    return built[1]


def unit_after(text: str, pos: int, limit: int, vocab: UnitVocabulary) -> tuple[int, str] | None:
    """(end, canonical unit) of the unit that starts at `pos` (after spaces), the longest of
    a name and a symbol."""
    best = None
    m = vocab.re_names.match(text, pos, limit)
    if m:
        best = (m.end(), vocab.names[norm_key(m.group(1))])
    m = vocab.re_symbols.match(text, pos, limit)
    if m and (best is None or m.end() > best[0]):
        best = (m.end(), vocab.symbols[_symbol_key(m.group(1))])
    m = _SYMBOL.match(text, pos, limit)
    # Longer than CLDR's ("km/s2" over "km"), and no name going on ("5 Ly Thuong Kiet St").
    if m and (best is None or m.end() > best[0]):
        after = _NEXT_WORD.match(text, m.end(), limit)
        unit = None if after and after.group(1).isupper() else _pint_symbol(m.group(1))
        best = (m.end(), unit) if unit else best
    if best and vocab.time_leads and best[1] in vocab.durations:
        if text[_skip_spaces(text, best[0], limit) : best[0] + 2].strip()[:1].isdigit():
            return None  # "ngày 22/12", "năm 2024": the time word heads the next number
    return best


@cache
def pint_registry() -> pint.UnitRegistry:
    return pint.UnitRegistry()


@cache
def same_dimension(unit: str, other: str) -> bool:
    """Whether two canonical units measure the same thing ("km" and "mi", not "km" and "kg"),
    so that one amount can convert the other."""
    try:
        registry = pint_registry()
        a, b = registry.parse_units(unit), registry.parse_units(other)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError, KeyError):
        return False
    return not a.dimensionless and a.dimensionality == b.dimensionality


@cache
def _pint_symbol(token: str) -> str | None:
    """pint's symbol for a token CLDR lacks ("TeV", "mGy", "66 Ma", "km/s2", "fb−1"), asked
    only of symbol-shaped tokens (units.toml [pint]): a capital after the first letter
    ("TeV"), a capitalised pair ("Ma"), or a power or a quotient ("s-1", "W/min"); never a
    word ("Action"), nor an acronym of capitals ("EU", "NQ/TW")."""
    atoms = re.findall(r"[A-Za-zµμΩ]+", token)
    if any(len(a) > 1 and a.isupper() for a in atoms):
        return None
    marked = len("".join(atoms)) < len(token)  # a power, a slash, a product
    shaped = any(c.isupper() for c in token[1:]) or (len(token) == 2 and token[0].isupper())
    if not (marked or shaped) or token in _config()["pint"]["not_symbols"]:
        return None
    spelled = _POWER.sub(r"^\1", token.replace("²", "^2").replace("³", "^3").replace("⁻¹", "^-1"))
    try:
        unit = pint_registry().parse_units(spelled.replace("−", "-").replace("·", "*"))
    except (pint.errors.PintError, ValueError, TypeError, AttributeError, KeyError):
        return None
    return None if unit.dimensionless else f"{unit:~P}"


def word_unit_after(
    text: str, pos: int, limit: int, vocab: UnitVocabulary, literal: str
) -> tuple[int, str] | None:
    """(end, unit) of a unit written as a word or a letter that is more often something else,
    read only where it cannot be: "3 L", "278,000 t", "2 in.", "2.1 pm" (units.toml
    [one_letter], the language's clause_final and after_decimals); a glued word only right
    after a digit ("11in"; "a 1-in-100-year flood" is no inch)."""
    m = vocab.re_word_unit.match(text, pos, limit)
    if m is None:
        return None
    word, one_letter = m.group(1), _config()["one_letter"]
    decimals = literal.rpartition(".")[2] if "." in literal else ""
    ends = _CLAUSE_END.match(text, m.end(), limit) or vocab.re_link.match(text, m.end(), limit)
    if word in one_letter and (_SEPARATED.search(literal) or ends):
        unit = one_letter[word]
    elif word in vocab.clause_final and (
        _CLAUSE_END.match(text, m.end(), limit) or vocab.re_dimension.match(text, m.end(), limit)
    ):
        unit = vocab.clause_final[word]
    elif word in vocab.glued_words and m.start(1) == pos and text[pos - 1 : pos].isdigit():
        unit = vocab.glued_words[word]
    elif word in vocab.after_decimals and decimals.isdigit() and len(decimals) != 2:
        unit = vocab.after_decimals[word]
    elif word in vocab.multiples and vocab.re_comparison.match(text, m.end(), limit):
        unit = vocab.multiples[word]  # "three times faster", "2.5 times the average"
    else:
        return None
    return m.end(), unit


def currency_at(text: str, pos: int, limit: int, vocab: UnitVocabulary) -> tuple[int, str] | None:
    """(end, ISO code) of a currency symbol or code at `pos` (after spaces): "$", "€", "USD"."""
    m = vocab.re_currency_at.match(text, pos, limit)
    return (m.end(), vocab.before_symbols[_symbol_key(m.group(1))]) if m else None


def unit_before(before: str, vocab: UnitVocabulary) -> tuple[int, str] | None:
    """(start in `before`, canonical unit) of a currency written just before a number."""
    if before.rstrip()[-1:] not in vocab.before_last_chars:
        return None  # most numbers: no search through the tries
    found = []
    m = vocab.re_before.search(before)
    if m:
        found.append((m.start(), vocab.before[norm_key(m.group())]))
    m = vocab.re_before_symbols.search(before)
    if m:
        found.append((m.start(), vocab.before_symbols[_symbol_key(m.group())]))
    return min(found) if found else None


def per_unit(text: str, pos: int, limit: int, lex: Lexicon, unit: str) -> tuple[int, str] | None:
    """(end, unit of a rate) when a denominator follows `unit` at `pos`: "tạ/ha" is
    quintals/ha, "giường/10.000 dân" beds/10,000 dân (the base is part of the unit). A price
    stays money: "2.450 USD/tấn", "USD per tonne", "đồng/kg" are USD and VND."""
    vocab = vocabulary(lex)
    per = vocab.re_per.match(text, pos, limit)
    if per is None:
        return _per_article_unit(text, pos, limit, vocab, unit)
    at = per.end()
    base = _BASE.match(text, at, limit)
    prefix = ""
    if base and lex.re_scale.match(text, base.end(), limit):
        return None  # "41,16 tỷ đồng/477,51 tỷ đồng": a second amount, not a base
    if base:
        prefix = f"{int(re.sub(r'[^0-9]', '', base.group(1))):,} "
        at = base.end()
    found = None
    denominator = unit_after(text, at, limit, vocab)
    noun = lex.re_count_noun.match(text, _skip_spaces(text, at, limit), limit)
    word = _FREE_WORD.match(text, at, limit)
    if denominator:
        found = denominator
    elif noun:
        found = noun.end(), lex.count_nouns[norm_key(noun.group())]
    elif word and (base or per.group().strip() == "/"):
        found = word.end(), word.group(1).lower()
    if found is None:
        return None
    end, name = found
    return end, unit if unit in vocab.currencies else f"{unit}/{prefix}{name}"


def _per_article_unit(
    text: str, pos: int, limit: int, vocab: UnitVocabulary, unit: str
) -> tuple[int, str] | None:
    """ "12.5 million barrels a day", "30 km an hour", "$5 a gallon": an article before a unit
    is "per" that unit, unless the unit places the number in time ("5 km a year earlier")."""
    article = vocab.re_per_article and vocab.re_per_article.match(text, pos, limit)
    if not article or unit in ("%", "percentage points"):
        return None
    denominator = unit_after(text, article.end() - 1, limit, vocab)
    if denominator is None or (
        vocab.re_per_article_end and vocab.re_per_article_end.match(text, denominator[0], limit)
    ):
        return None
    end, name = denominator
    return end, unit if unit in vocab.currencies else f"{unit}/{name}"


def _skip_spaces(text: str, pos: int, limit: int) -> int:
    while pos < limit and text[pos].isspace():
        pos += 1
    return pos
