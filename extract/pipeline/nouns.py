"""Counts of any thing: the noun phrase after a number names what is counted.

"1,250 civil servants", "14 ministères", "23 khu công nghiệp": whatever the noun, a number
followed by a noun phrase is a count of it. What a noun phrase is, per language, is data
(`extract/lexicon/nouns/<lang>.toml`): the function words that end it, the words that make a
number no count ("5 years", "20 mars", "3 giờ"), the words before a number that make it a
name ("level 4", "district 1", "Điều 5"), and plural morphology, which keeps a verb or an
adjective after a number from passing for a noun in English and French.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from extract import lexicon as lexicons
from extract.lexicon import Lexicon, alternation, compile_phrases, norm_key
from extract.pipeline.numerals import numerals

# One word after white space (no punctuation between): letters, then letters, digits,
# apostrophes or hyphens ("sub-departments", "l'État").
# A word, or an abbreviation in dotted capitals ("U.S.", "U.K."): "4,000 U.S. soldiers".
_WORD = re.compile(r"(?:[ \t\u00a0\u202f]+|(?<=['’]))((?:[A-Z]\.){2,}|[^\W\d_][\w'’-]*)")
# A capitalised word inside a sentence (after another word), right before a number.
_PROPER_BEFORE = re.compile(r"[^\W\d_][ \u00a0]+[A-Z][a-z]+[ \u00a0]+$")
# Up to two words between a number and a noun the lexicon knows: "17 guiding documents".
_MAX_GAP = 2


@dataclass(frozen=True)
class NounRules:
    max_words: int
    plural_endings: tuple[str, ...]  # empty: the language marks no plural
    singular_endings: tuple[str, ...]
    plurals: frozenset[str]
    modifiers: frozenset[str]
    stop: frozenset[str]
    not_count: frozenset[str]
    re_name_before: re.Pattern  # anchored at the end of the text before a number
    re_out_of: re.Pattern  # "out of (the target)" between a part and its whole
    re_count_before: re.Pattern  # ends a name word in a phrase that announces a count
    re_number_of: re.Pattern  # "the number of", "nombre d'", "số lượng": a count's noun follows
    re_part_before: re.Pattern  # "of which", "dont", "trong đó" right before a number
    re_part_after: re.Pattern  # "of them", "d'entre eux" right after a number
    re_refers_back: re.Pattern  # "they", "ce nombre", "con số này": a count named before
    re_fraction_of: re.Pattern  # after "1/4": what it is a fraction of ("of", "des", "số")
    one: frozenset[str]  # the number one, never an article: "one person" is a count
    not_after_one: frozenset[str]  # "one way", "one thing": a pronoun's noun, no count
    re_not_before_one: re.Pattern  # "is one project", "the one person": a kind, no count
    plural_of: dict[str, str]  # irregular plurals: "person" -> "people"
    proper_name_before: bool  # a capitalised word inside a sentence names what follows
    re_pair_name_before: re.Pattern  # before "9/11": a date or a name, no count out of a total
    named_counts: dict[str, str]  # "death toll" -> "deaths": a count named by its phrase
    hyphen_size: dict[str, str]  # "5,000-strong": a size adjective and what the number counts
    re_level_after: re.Pattern  # between a change and its level: "added 45 points to 7,760"
    re_change_on_earlier: re.Pattern  # after a change: "more than a year earlier"
    re_harm_before: re.Pattern  # "killed", "injured" right before a bare number of people
    re_named_count: re.Pattern

    @property
    def marks_plural(self) -> bool:
        return bool(self.plural_endings)

    def is_plural(self, word: str) -> bool:
        if word in self.plurals:
            return True
        return (
            len(word) > 2
            and word.endswith(self.plural_endings)
            and not word.endswith(self.singular_endings or ("\0",))
        )


_NEVER = re.compile(r"(?!x)x")
_NO_RULES = NounRules(
    0,
    (),
    (),
    frozenset(),
    frozenset(),
    frozenset(),
    frozenset(),
    *[_NEVER] * 8,
    frozenset(),
    frozenset(),
    _NEVER,
    {},
    False,
    _NEVER,
    {},
    {},
    _NEVER,
    _NEVER,
    _NEVER,
    _NEVER,
)


@cache
def noun_rules(code: str) -> NounRules:
    """The noun-phrase rules of language `code`; a language without a file counts only the
    nouns its lexicon lists."""
    path = lexicons.LEXICON_DIR / "nouns" / f"{code}.toml"
    if not path.exists():
        return _NO_RULES
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(norm_key(w) for w in data.get(key, []))

    part_of_words = data.get("part_of", [])
    # "two of CERN's experiments": a possessive name opens the whole as an article does
    possessive = r"|of\s+[^\W\d_][\w&.-]*['’]s" if data.get("part_of_possessive") else ""
    part_of = (
        rf"|(?P<part_of>{alternation(part_of_words)}{possessive})\s+(?=\w)" if part_of_words else ""
    )
    return NounRules(
        max_words=data.get("max_words", 3),
        plural_endings=tuple(data.get("plural_endings", [])),
        singular_endings=tuple(data.get("singular_endings", [])),
        plurals=words("plurals"),
        modifiers=words("modifiers"),
        stop=words("stop"),
        not_count=words("not_count"),
        hyphen_size=data.get("hyphen_size", {}),
        re_name_before=re.compile(
            rf"(?:{alternation(data.get('name_before', []))})\s*$", re.IGNORECASE
        ),
        # Up to two words between the connector and the whole: "178 out of the target 179";
        # none after a ratio's "in" ("Seven in 10 Americans", "one in five children") or a
        # part's "of the" ("Two of the nine members").
        re_out_of=re.compile(
            rf"\s+(?:(?:{alternation(data.get('out_of', []))})"
            rf"(?:\s+[^\W\d_][\w'’-]*){{0,2}}?\s+(?=\d)"
            rf"|(?:{alternation(data.get('ratio', []))})\s+(?=\w)"
            rf"{part_of})",
            re.IGNORECASE,
        ),
        re_count_before=re.compile(
            rf"(?:{alternation(data.get('count_before', []))})\s*$", re.IGNORECASE
        ),
        re_number_of=compile_phrases(data.get("number_of", [])),
        re_part_before=re.compile(
            rf"(?:{alternation(data.get('part_before', []))})[\s,:]*$", re.IGNORECASE
        ),
        re_part_after=re.compile(
            rf"\s+(?:{alternation(data.get('part_after', []))})", re.IGNORECASE
        ),
        re_refers_back=compile_phrases(data.get("refers_back", [])),
        re_fraction_of=re.compile(
            rf"[ \u00a0]+(?:{alternation(data.get('fraction_of', []))})", re.IGNORECASE
        ),
        one=words("one"),
        not_after_one=words("not_after_one"),
        re_not_before_one=re.compile(
            rf"(?<![\w])(?:{alternation(data.get('not_before_one', []))})\s+$", re.IGNORECASE
        ),
        plural_of={norm_key(k): v for k, v in data.get("plural_of", {}).items()},
        proper_name_before=data.get("proper_name_before", False),
        re_pair_name_before=re.compile(
            rf"(?<![\w])(?:{alternation(data.get('pair_name_before', []))})\s+$", re.IGNORECASE
        )
        if data.get("pair_name_before")
        else _NEVER,
        named_counts={norm_key(k): v for k, v in data.get("named_counts", {}).items()},
        re_change_on_earlier=re.compile(
            rf"[ \u00a0]+(?:(?P<more>{alternation(data['change_more'])})"
            rf"|{alternation(data['change_less'])})[ \u00a0]+"
            rf"(?:{alternation(data['than_earlier'])})",
            re.IGNORECASE,
        )
        if data.get("change_more")
        else _NEVER,
        re_harm_before=re.compile(
            rf"(?:{alternation(data['harm_verbs'])})[ \u00a0]+$", re.IGNORECASE
        )
        if data.get("harm_verbs")
        else _NEVER,
        re_level_after=re.compile(
            rf"[ \u00a0]+(?:{alternation(data['level_after'])})[ \u00a0]+", re.IGNORECASE
        )
        if data.get("level_after")
        else _NEVER,
        re_named_count=compile_phrases(list(data["named_counts"]))
        if data.get("named_counts")
        else _NEVER,
    )


@dataclass(frozen=True)
class CountNoun:
    end: int  # end of the noun phrase in the text
    unit: str  # canonical English plural, or the head as written, lower-cased


def count_noun_after(
    text: str, pos: int, limit: int, lex: Lexicon, *, value: float, is_word: bool
) -> CountNoun | None:
    """The count noun right after a number that ends at `pos`, or None."""
    rules = noun_rules(lex.code)
    words = _words(text, pos, limit, rules, max(rules.max_words, _MAX_GAP + 1))
    known = _known_noun(text, pos, limit, lex, words)
    if known is not None:
        return known
    if not words or words[0][1] in rules.not_count:
        return None
    words = words[: rules.max_words]
    if not rules.marks_plural:
        # No plural to tell a noun from a verb: a number word ("ba", "hai") counts only nouns
        # the lexicon knows; a digit literal counts the phrase after it.
        if is_word:
            return None
        return CountNoun(words[-1][0], " ".join(w for _, w in words))
    if not value.is_integer():
        return None  # "2,5 rejetées": things are counted whole; a participle is no noun
    head = _head(words, rules, singular=value == 1)
    if head is None:
        return None
    end, word = words[head]
    phrase = " ".join(w for _, w in words[: head + 1])
    return CountNoun(end, lex.count_nouns.get(phrase) or lex.count_nouns.get(word) or word)


def one_count_after(
    text: str, lit_start: int, pos: int, limit: int, lex: Lexicon
) -> CountNoun | None:
    """ "One person was killed", "one soldier, two civilians": the number one (a word that is
    never an article) before a lone singular noun that ends its phrase (a function word or
    punctuation follows) counts that noun; "one big problem", "one way" are no counts."""
    rules = noun_rules(lex.code)
    if norm_key(text[lit_start:pos]) not in rules.one:
        return None
    if rules.re_not_before_one.search(text, max(0, lit_start - 12), lit_start):
        return None
    m = _WORD.match(text, pos, limit)
    if m is None or not m.group(1).islower():
        return None  # "One Piece", "one U.S. official": a name
    word = norm_key(m.group(1))
    if word in rules.stop or word in rules.not_count or word in rules.not_after_one:
        return None
    if rules.is_plural(word) or word in rules.modifiers:
        return None
    nxt = _WORD.match(text, m.end(1), limit)
    if nxt is not None and norm_key(nxt.group(1)) not in rules.stop:
        return None
    plural = rules.plural_of.get(word, word + "s")
    return CountNoun(m.end(1), lex.count_nouns.get(plural) or plural)


def names_an_ordinal(text: str, end: int, limit: int, lex: Lexicon) -> bool:
    """Whether a fraction of one that ends at `end` is an ordinal before its noun: "a third
    term", "for a third straight month" (a share is followed by "of", a function word or
    punctuation: "a third of voters", "rose by a fifth.")."""
    last = re.search(r"[^\s-]+$", text[max(0, end - 16) : end])
    if last is None or norm_key(last.group()) not in numerals(lex.code).singular:
        return False
    m = _WORD.match(text, end, limit)
    return (
        bool(m)
        and m.group(1)[:1].islower()
        and norm_key(m.group(1)) not in noun_rules(lex.code).stop
    )


def level_after(text: str, end: int, start: int, lex: Lexicon) -> bool:
    """Whether only a level word ("to") stands between a quantity ending at `end` and a
    number at `start`."""
    m = noun_rules(lex.code).re_level_after.match(text, end, start)
    return m is not None and m.end() == start


def change_on_earlier(text: str, end: int, limit: int, lex: Lexicon) -> int:
    """The sign of a bare number ending at `end` that compares a quantity with an earlier
    time ("45,000 more than a year earlier": +1, "fewer than last year": -1); 0 if it does
    not."""
    m = noun_rules(lex.code).re_change_on_earlier.match(text, end, limit)
    if m is None:
        return 0
    return 1 if m.group("more") else -1


def after_harm(before: str, lex: Lexicon) -> bool:
    """Whether a verb of harm ("killed", "injured") ends the text right before a number, or
    before the qualifier in front of it ("injured more than 200")."""
    qualifier = lex.re_qualifier_before.search(before)
    if qualifier and qualifier.start() > 0:
        before = before[: qualifier.start()]
    return noun_rules(lex.code).re_harm_before.search(before) is not None


def names_a_pair(before: str, lex: Lexicon) -> bool:
    """Whether the text right before "x/y" makes it a date or a name ("the 9/11 attacks")."""
    return noun_rules(lex.code).re_pair_name_before.search(before) is not None


def is_name(before: str, lex: Lexicon) -> bool:
    """Whether the text right before a number makes it a name or a rank ("level 4")."""
    rules = noun_rules(lex.code)
    if rules.proper_name_before and _PROPER_BEFORE.search(before):
        return True  # "the Boeing 737 jets", "new Windows 11 users": a product's name
    return rules.re_name_before.search(before) is not None and not rules.re_count_before.search(
        before
    )


def counted_in_sentence(text: str, sent_start: int, pos: int, lex: Lexicon) -> str | None:
    """The noun a bare number at `pos` counts when its sentence has named it before: "the
    total number of commune-level units will be reduced by 6,714", "le nombre d'unités est
    passé de 705", "tổng số doanh nghiệp là 12.000"."""
    rules = noun_rules(lex.code)
    anchors = list(rules.re_number_of.finditer(text, sent_start, pos))
    noun = anchors and count_noun_after(text, anchors[-1].end(), pos, lex, value=2.0, is_word=False)
    if noun:
        return noun.unit
    return named_count_before(text, sent_start, pos, lex)  # "the death toll rose to 112"


def named_count_before(text: str, start: int, pos: int, lex: Lexicon) -> str | None:
    """The unit of the last phrase in `text[start:pos]` that names a count without its noun
    ("death toll": deaths, "a population of": people)."""
    rules = noun_rules(lex.code)
    named = list(rules.re_named_count.finditer(text, start, pos))
    return rules.named_counts[norm_key(named[-1].group())] if named else None


# How far back a count may be named for a number that refers back to it (two sentences).
_BACK_REACH = 400
# A count named earlier: a grouped whole number and the noun after it ("8.300 travailleurs").
_GROUPED_COUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?![\d])")


def counted_before(text: str, sent_start: int, pos: int, lex: Lexicon) -> str | None:
    """The noun a bare thousands-grouped number at `pos` counts when the text refers back to a
    count named shortly before: "8.300 travailleurs ... ce nombre est passé de 10.000",
    "450.000 Vietnamiens ... ils étaient 106.000", "1,200 workers ... they were 1,500"."""
    rules = noun_rules(lex.code)
    window = max(0, sent_start - _BACK_REACH)
    for m in reversed(list(_GROUPED_COUNT.finditer(text, window, pos))):
        noun = count_noun_after(text, m.end(), pos, lex, value=2.0, is_word=False)
        if noun is None:
            continue
        return noun.unit if rules.re_refers_back.search(text, noun.end, pos) else None
    return None


# A noun glued to a number by a hyphen, before the noun it describes: "a 10,000-seat arena".
_HYPHEN_NOUN = re.compile(r"([a-z]+)(?=[ \u00a0]+[a-z])")


def hyphen_count(text: str, pos: int, limit: int, lex: Lexicon) -> CountNoun | None:
    """ "a 10,000-seat arena", "a 200-page report", "the 27-member bloc": the noun after the
    hyphen (`pos`) is what the number counts, written in the singular as an adjective; none
    where the language marks no plural, nor a word that makes a number no count ("5-year").
    A size adjective is no noun: "a 5,000-strong crowd" counts its members."""
    rules = noun_rules(lex.code)
    m = _HYPHEN_NOUN.match(text, pos, limit)
    if m is None or not rules.marks_plural or m.group(1) in rules.not_count:
        return None
    return CountNoun(m.end(1), rules.hyphen_size.get(m.group(1), m.group(1)))


_LIST_GAP = re.compile(r"[;,][ \t\u00a0]*$")
_FIRST_WORD = re.compile(r"[ \t\u00a0]*([^\W\d_]+)")


def parallels_count(text: str, count_end: int, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a bare number (`start`-`end`) repeats the shape of a count ending at
    `count_end`, its noun left out: "14 expressways in the North (...); 10 in the Centre",
    "12 schools in Hanoi, 3 in Hue". A list separator comes before it, and the same function
    word after both."""
    if not _LIST_GAP.search(text, count_end, start):
        return False
    after_count = _FIRST_WORD.match(text, count_end)
    after_number = _FIRST_WORD.match(text, end)
    if not after_count or not after_number:
        return False
    word = norm_key(after_number.group(1))
    return word == norm_key(after_count.group(1)) and word in noun_rules(lex.code).stop


def fraction_of_at(text: str, pos: int, limit: int, lex: Lexicon) -> int | None:
    """Where the thing starts that a written fraction ending at `pos` divides: "1/4 of the
    budget", "3/4 des exportations", "1/3 số doanh nghiệp"."""
    m = noun_rules(lex.code).re_fraction_of.match(text, pos, limit)
    return m.end() if m else None


def part_of_previous(text: str, end: int, before: str, lex: Lexicon) -> bool:
    """Whether a bare number ending at `end` is said to be a part of the quantity before it:
    "1,250 petitions, 1,100 of them", "2.500 entreprises, dont 300", "120 xã, trong đó 45"."""
    rules = noun_rules(lex.code)
    return bool(rules.re_part_after.match(text, end) or rules.re_part_before.search(before))


def out_of_at(text: str, pos: int, limit: int, lex: Lexicon, value: float) -> int | None:
    """Where the whole starts when a part of `value` ending at `pos` is said to be out of it;
    "one of the 5 countries" names a member, it counts nothing."""
    m = noun_rules(lex.code).re_out_of.match(text, pos, limit)
    if m is None or (m.groupdict().get("part_of") and value == 1):
        return None
    return m.end()


def part_of_group(text: str, pos: int, limit: int, lex: Lexicon, value: float) -> CountNoun | None:
    """ "Two of the victims", "three of its members": a part of a group named by its noun
    alone (no number) counts that noun; "one of the" names a member, it counts nothing."""
    m = noun_rules(lex.code).re_out_of.match(text, pos, limit)
    if m is None or not m.groupdict().get("part_of") or value == 1:
        return None
    connector_end = m.start() + len(m.group().rstrip())  # the noun's words start at a space
    first = _words(text, connector_end, limit, noun_rules(lex.code), 1)
    if first and first[0][1] in noun_rules(lex.code).not_count:
        return None  # "le 5 des mois suivants": a day of a time, not a part of a group
    return count_noun_after(text, connector_end, limit, lex, value=2.0, is_word=False)


def _words(text: str, pos: int, limit: int, rules: NounRules, most: int) -> list[tuple[int, str]]:
    """Up to `most` words after `pos`, up to a function word: (end offset, lower-case word)."""
    words: list[tuple[int, str]] = []
    while len(words) < most:
        m = _WORD.match(text, pos, limit)
        if m is None:
            break
        word = norm_key(m.group(1))
        if word in rules.stop:
            break
        words.append((m.end(1), word))
        pos = m.end(1)
    return words


def _known_noun(
    text: str, pos: int, limit: int, lex: Lexicon, words: list[tuple[int, str]]
) -> CountNoun | None:
    """A noun the lexicon lists, right after the number or after up to two content words."""
    starts = [pos] + [end for end, _ in words[:_MAX_GAP]]
    for start in starts:
        m = _WORD.match(text, start, limit)
        noun = m and lex.re_count_noun.match(text, m.start(1), limit)
        if noun:
            return CountNoun(noun.end(), lex.count_nouns[norm_key(noun.group())])
    return None


def _head(words: list[tuple[int, str]], rules: NounRules, *, singular: bool) -> int | None:
    """Index of the head noun: the first plural word past the modifiers; for one thing, the
    last word of the phrase unless it is a modifier ("1 more than a year earlier" counts no
    "more")."""
    for i, (_, word) in enumerate(words):
        if word in rules.not_count:
            return None
        if rules.is_plural(word) and (word not in rules.modifiers or i == len(words) - 1):
            return i
    if singular and words[-1][1] not in rules.modifiers:
        return len(words) - 1
    return None
