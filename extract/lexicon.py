"""Per-language vocabulary, loaded from `extract/lexicon/<lang>.toml`.

A language is a data file: the code below only compiles what the file lists into
case-insensitive, word-bounded patterns. Adding a language is adding a TOML file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicon"
# Files in LEXICON_DIR that are not languages.
_NOT_LANGUAGES = {"bodies", "concepts", "plausibility", "units"}


def available_languages() -> tuple[str, ...]:
    return _languages_in(LEXICON_DIR)


@cache
def _languages_in(folder: Path) -> tuple[str, ...]:
    # Asked for every document (language detection): the folder is listed once.
    return tuple(sorted(p.stem for p in folder.glob("*.toml") if p.stem not in _NOT_LANGUAGES))


def language_markers(code: str) -> frozenset[str]:
    """A language's marker words, read without compiling its lexicon: detection weighs every
    language, and only the languages the documents are written in get compiled."""
    return _markers_in(LEXICON_DIR, code)


@cache
def _markers_in(folder: Path, code: str) -> frozenset[str]:
    data = tomllib.loads((folder / f"{code}.toml").read_text(encoding="utf-8"))
    return _markers(data["language"])


def _markers(language: dict) -> frozenset[str]:
    return frozenset(language.get("markers", []))


def alternation(
    phrases, *, bounded: bool = True, fold_case: bool = True, after_digit: bool = False
) -> str:
    """A regex matching any of `phrases` (the longest at a position), white space as \\s+.

    Phrases are compiled into a character trie, so matching cost does not grow with the
    size of the vocabulary. With `bounded`, a phrase that starts or ends with a word
    character must start or end on a word boundary; with `after_digit`, a digit before it is
    no boundary to cross ("10kg"). Without `fold_case` the phrases keep their case (symbols:
    "Mt" is not "mt"), for a pattern compiled without re.IGNORECASE.
    """
    parts = _parts(phrases, bounded, fold_case)
    alternatives = list(parts.free)
    if parts.bounded:
        start = _start_bound(after_digit, parts.bounded_firsts)
        alternatives.append(f"{start}(?:{'|'.join(parts.bounded)})")
    if not parts.free:
        return alternatives[0] if alternatives else _NOTHING
    # Phrases free at the start are tried at every position: a look-ahead for all the first
    # characters rejects most positions before the alternatives are tried one by one.
    firsts = _first_characters(parts.free_firsts | parts.bounded_firsts)
    return f"{firsts}(?:{'|'.join(alternatives)})"


def named_alternation(groups: Iterable[tuple[str, Iterable[str]]]) -> str:
    """`(?P<name>...)|...`: one alternation per group of phrases, tried in order, word-bounded.

    When every phrase starts with a word character, the word boundary is tested once per
    position for all the groups, not once per group: the same matches, and a scan over a
    long text that fails fast inside words (`finditer` tries every position).
    """
    groups = [(name, list(words)) for name, words in groups]
    split = [(name, _parts(words, True, True)) for name, words in groups]
    if any(parts.free for _, parts in split):
        return "|".join(f"(?P<{name}>{alternation(words)})" for name, words in groups)
    members = "|".join(
        f"(?P<{name}>{'|'.join(parts.bounded) or _NOTHING})" for name, parts in split
    )
    firsts = set().union(*(parts.bounded_firsts for _, parts in split))
    return f"{_start_bound(False, firsts)}(?:{members})"


_NOTHING = r"(?!x)x"


def _start_bound(after_digit: bool, firsts: set[str]) -> str:
    """The word boundary before a phrase, then a look-ahead for the phrases' first characters:
    one character-set test rejects most word starts before the trie tries its branches."""
    before = r"(?<![^\W\d_])" if after_digit else r"(?<![\w])"
    return before + _first_characters(firsts)


def _first_characters(firsts: set[str]) -> str:
    # Tested with the pattern's own flags, as the trie's first characters are.
    return f"(?=[{''.join(re.escape(c) for c in sorted(firsts))}])"


@dataclass
class _Parts:
    """Phrases as trie regexes, grouped by where they may start (filled by `_parts`)."""

    free: list[str]  # those free at the start (they start with no word character)
    bounded: list[str]  # those to start on a word boundary, without its look-behind
    free_firsts: set[str]  # the first characters of each kind
    bounded_firsts: set[str]


def _parts(phrases, bounded: bool, fold_case: bool) -> _Parts:
    groups: dict[tuple[bool, bool], list[str]] = {}
    for phrase in {" ".join((p.lower() if fold_case else p).split()) for p in phrases if p.strip()}:
        key = (bounded and phrase[0].isalnum(), bounded and phrase[-1].isalnum())
        groups.setdefault(key, []).append(phrase)
    parts = _Parts([], [], set(), set())
    for (start_bound, end_bound), members in sorted(groups.items()):
        trie = f"(?:{_trie_regex(members)})" + (r"(?![\w])" if end_bound else "")
        (parts.bounded if start_bound else parts.free).append(trie)
        firsts = parts.bounded_firsts if start_bound else parts.free_firsts
        firsts.update(phrase[0] for phrase in members)
    return parts


def _trie_regex(phrases: list[str]) -> str:
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:
    alternatives = [
        (r"\s+" if char == " " else re.escape(char)) + _emit(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    # Greedy optional: a longer phrase is tried before the shorter one that ends here.
    return f"(?:{body})?" if "" in node else body


def compile_phrases(phrases, **kw) -> re.Pattern:
    return re.compile(alternation(phrases, **kw), re.IGNORECASE)


def _lookup(table: dict) -> dict[str, object]:
    """Normalise keys for lookups of matched text: lower case, single spaces."""
    return {" ".join(k.lower().split()): v for k, v in table.items()}


def norm_key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@dataclass(frozen=True)
class Lexicon:
    code: str
    markers: frozenset[str]
    decimal_mark: str
    abbreviations: frozenset[str]
    scale: dict[str, float]
    units_after: dict[str, str]
    units_before: dict[str, str]
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    qualifiers_before_rate: dict[str, str]  # before a rate, where it reads otherwise ("vượt 6%")
    number_words: dict[str, float]
    fractions: dict[str, float]
    count_nouns: dict[str, str]  # surface -> canonical plural
    count_heads: dict[str, str]  # head noun of a counted phrase -> its English plural
    label_words: dict[str, str]  # a common sector word -> English, for unlisted labels
    months: dict[str, int]
    concepts: dict[str, str]  # surface phrase -> concept code (concepts.toml)
    items: dict[str, str]  # surface phrase -> item code (concepts.toml)
    re_scale: re.Pattern
    re_unit_after: re.Pattern
    re_unit_before: re.Pattern
    re_unit_link: re.Pattern
    re_qualifier_before: re.Pattern  # anchored at the end of the text before a number
    re_qualifier_after: re.Pattern
    re_qualifier_lead: re.Pattern  # a qualifier at a position, e.g. after "to" in a range
    re_multiplier_before: re.Pattern
    re_range_opener: re.Pattern  # anchored at the end of the text before a number
    re_range_connector: re.Pattern  # anchored at the start of the text after a number
    range_paired: dict[str, frozenset[str]]  # connector -> the openers it needs ("between … and")
    re_number_word: re.Pattern
    re_count_noun: re.Pattern
    re_month_prefix: re.Pattern | None  # anchored at the end of the text before a month name
    re_time_words: re.Pattern  # one pass for month names, relative years, year-to-date, ...
    re_month_number: re.Pattern | None  # "tháng 5", "tháng 5/2023"
    relative_years: dict[str, int]
    re_horizon: re.Pattern  # anchored at the end of the text before a year
    re_decade_end: re.Pattern  # "by the end of this decade": the year that ends it
    re_period_for: re.Pattern  # anchored before a year: "for 2023" is what a number is for
    re_month_bare: re.Pattern  # month names alone, for dates ("December 22, 2024")
    re_months_word: re.Pattern  # "months" in "the first two months": a year-to-date period
    re_concept: re.Pattern
    re_item: re.Pattern
    # concepts.py: its own cue lists, "predicate" (what links a subject to its number) and
    # "known" (every word that is a cue, a time word, a unit or a filler, never a subject)
    concept_cues: dict[str, re.Pattern]
    head_first: (
        bool  # a noun phrase names its head first ("xuất khẩu cà phê", "exportations de café")
    )
    cues: dict[str, re.Pattern]


@cache
def load_lexicon(code: str) -> Lexicon:
    path = LEXICON_DIR / f"{code}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    lang = data["language"]
    units = data.get("units", {})
    quals = data.get("qualifiers", {})
    rng = data.get("range", {})
    time = data.get("time", {})
    count_nouns = {
        surface: canonical
        for canonical, surfaces in data.get("count_nouns", {}).items()
        for surface in surfaces
    }
    concepts = {
        surface: code for code, surfaces in data.get("concepts", {}).items() for surface in surfaces
    }
    items = {
        surface: code for code, surfaces in data.get("items", {}).items() for surface in surfaces
    }
    months = _lookup(time.get("months", {}))
    month_prefixes = time.get("month_prefixes", [])
    month_names = alternation(months)
    number_prefixes = time.get("month_number_prefixes", [])
    month_number_re = (
        re.compile(
            rf"(?:{alternation(number_prefixes)})\s+(?P<month>\d{{1,2}})(?:\s*/\s*(?P<year>\d{{4}}))?(?![\d/])",
            re.IGNORECASE,
        )
        if number_prefixes
        else None
    )
    cues = {name: compile_phrases(words) for name, words in data.get("cues", {}).items()}
    number_words = {**data.get("number_words", {})}
    fractions = {**data.get("fractions", {})}
    return Lexicon(
        code=lang["code"],
        markers=_markers(lang),
        decimal_mark=lang.get("decimal_mark", "."),
        abbreviations=frozenset(a.lower() for a in lang.get("abbreviations", [])),
        scale=_lookup(data.get("scale", {})),
        units_after=_lookup(units.get("after", {})),
        units_before=_lookup(units.get("before", {})),
        qualifiers_before=_lookup(quals.get("before", {})),
        qualifiers_after=_lookup(quals.get("after", {})),
        qualifiers_before_rate=_lookup(quals.get("before_rate", {})),
        number_words=_lookup(number_words),
        fractions=_lookup(fractions),
        count_nouns=_lookup(count_nouns),
        label_words=_lookup(data.get("label_words", {})),
        count_heads=_lookup(
            {
                surface: english
                for english, surfaces in data.get("count_heads", {}).items()
                for surface in surfaces
            }
        ),
        months=months,
        concepts=_lookup(concepts),
        items=_lookup(items),
        re_scale=re.compile(
            rf"\s*(?:{alternation(data.get('scale', {}), after_digit=True)})", re.IGNORECASE
        ),
        re_unit_after=re.compile(rf"\s*(?:{alternation(units.get('after', {}))})", re.IGNORECASE),
        re_unit_before=re.compile(
            rf"(?:{alternation(units.get('before', {}))})\s*$", re.IGNORECASE
        ),
        re_unit_link=re.compile(
            rf"\s*(?:{alternation(units.get('links', []), bounded=False)})\s*", re.IGNORECASE
        ),
        re_qualifier_before=re.compile(
            rf"(?:{alternation(quals.get('before', {}))})\s*$", re.IGNORECASE
        ),
        re_qualifier_lead=re.compile(
            rf"(?:{alternation(quals.get('before', {}))})\s*", re.IGNORECASE
        ),
        re_qualifier_after=re.compile(
            rf"\s*(?:{alternation(quals.get('after', {}))})", re.IGNORECASE
        ),
        re_multiplier_before=re.compile(
            rf"(?:{alternation(data.get('multipliers', {}).get('before', []))})\s*$",
            re.IGNORECASE,
        ),
        re_range_opener=re.compile(
            rf"(?:{alternation(rng.get('openers', []))})\s*$", re.IGNORECASE
        ),
        re_range_connector=re.compile(
            rf"\s*(?P<conn>{alternation(rng.get('connectors', []))})\s*", re.IGNORECASE
        ),
        range_paired={
            c.lower(): frozenset(o.lower() for o in openers)
            for c, openers in rng.get("paired", {}).items()
        },
        re_number_word=compile_phrases(list(number_words) + list(fractions)),
        re_count_noun=re.compile(rf"(?:{alternation(count_nouns)})", re.IGNORECASE),
        re_month_prefix=re.compile(
            rf"(?:{alternation(month_prefixes)})\s+(?:the\s+)?$", re.IGNORECASE
        )
        if month_prefixes
        else None,
        re_time_words=re.compile(
            named_alternation(
                [
                    ("month", months),
                    ("relative", time.get("relative_years", {})),
                    ("ytd", time.get("year_to_date", [])),
                    ("this_month", time.get("this_month", [])),
                    ("number", number_words),
                ]
            ),
            re.IGNORECASE,
        ),
        re_month_number=month_number_re,
        relative_years=_lookup(time.get("relative_years", {})),
        re_horizon=re.compile(
            rf"(?:{alternation(time.get('horizon_prefixes', []))})\s*$", re.IGNORECASE
        ),
        re_decade_end=compile_phrases(time.get("decade_end", [])),
        re_period_for=re.compile(
            rf"(?:{alternation(time.get('period_for', []))})\s*$", re.IGNORECASE
        ),
        re_month_bare=re.compile(rf"(?:{month_names})", re.IGNORECASE),
        re_months_word=re.compile(
            rf"\s+(?:{alternation(time.get('months_word', []))})", re.IGNORECASE
        ),
        re_concept=compile_phrases(concepts),
        re_item=compile_phrases(items),
        concept_cues=_concept_cues(data),
        head_first=bool(lang.get("head_first", False)),
        cues=cues,
    )


def _concept_cues(data: dict) -> dict[str, re.Pattern]:
    own = data.get("concept_cues", {})
    cues = data.get("cues", {})
    time = data.get("time", {})
    quals = data.get("qualifiers", {})
    predicate = [
        *own.get("reach", []),
        *(
            w
            for name in ("increase", "decrease", "estimate", "target_strong", "share")
            for w in cues.get(name, [])
        ),
    ]
    known = [
        *predicate,
        *(w for words in own.values() for w in words),
        *(w for words in cues.values() for w in words),
        *quals.get("before", {}),
        *quals.get("after", {}),
        *time.get("months", {}),
        *time.get("month_prefixes", []),
        *time.get("this_month", []),
        *time.get("year_to_date", []),
        *time.get("relative_years", {}),
        *time.get("months_word", []),
        *time.get("month_number_prefixes", []),
        *time.get("horizon_prefixes", []),
        *time.get("decade_end", []),
        *data.get("scale", {}),
        *data.get("units", {}).get("after", {}),
        *data.get("number_words", {}),
    ]
    return {
        **{name: compile_phrases(words) for name, words in own.items()},
        "predicate": compile_phrases(predicate),
        "known": compile_phrases(known),
    }


@dataclass(frozen=True)
class ConceptCatalog:
    """concepts.toml: every concept once, in English, with its tier."""

    labels: dict[str, str]  # code -> English label
    items: dict[str, str]  # item code -> English label ("coffee")
    tiers: dict[str, str]  # code -> core | minor
    minor_counts: frozenset[str]  # canonical count nouns whose counts are minor
    minor_units: frozenset[str]
    minor_in_words: frozenset[str]  # canonical count nouns whose counts in words are minor
    durations: frozenset[str]  # count nouns of time spans ("5 tháng đầu năm")
    bare_rates: dict[str, str]  # code -> what a bare % of it is ("share of plan")
    unit_concepts: dict[str, str]  # canonical unit -> the concept it measures (passenger-km)
    takes_over: dict[str, str]  # code -> the code whose bare words it takes once named
    level_units: dict[str, str]  # code -> a time unit its figures are levels in (life: years)
    predicates: frozenset[str]  # codes named by a verb phrase, also after a count
    kinds: dict[str, frozenset[str]]  # code -> the codes that are kinds of it (FDI of investment)


@cache
def load_concepts() -> ConceptCatalog:
    data = tomllib.loads((LEXICON_DIR / "concepts.toml").read_text(encoding="utf-8"))
    concepts = data["concepts"]
    tiers = data.get("tiers", {})
    return ConceptCatalog(
        labels={code: c["label"] for code, c in concepts.items()},
        items=dict(data.get("items", {})),
        tiers={code: c["tier"] for code, c in concepts.items()},
        minor_counts=frozenset(tiers.get("minor_counts", [])),
        minor_units=frozenset(tiers.get("minor_units", [])),
        minor_in_words=frozenset(tiers.get("minor_in_words", [])),
        durations=frozenset(tiers.get("durations", [])),
        bare_rates={code: c["bare_rate"] for code, c in concepts.items() if "bare_rate" in c},
        unit_concepts={c["unit"]: code for code, c in concepts.items() if "unit" in c},
        takes_over={code: c["takes_over"] for code, c in concepts.items() if "takes_over" in c},
        level_units={code: c["level_unit"] for code, c in concepts.items() if "level_unit" in c},
        predicates=frozenset(code for code, c in concepts.items() if c.get("predicate")),
        kinds={
            general: frozenset(code for code, c in concepts.items() if c.get("kind_of") == general)
            for general in {c["kind_of"] for c in concepts.values() if "kind_of" in c}
        },
    )


@cache
def plausible_max() -> dict[str, float]:
    data = tomllib.loads((LEXICON_DIR / "plausibility.toml").read_text(encoding="utf-8"))
    return data["max"]
