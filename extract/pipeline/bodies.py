"""Reporting bodies: which ministry, agency or provincial department a text names, as the
canonical English name, in English, French or Vietnamese.

Every name and cue word lives in lexicon/bodies.toml; this module only composes them.
Names are matched word by word on a folded copy of the text (no diacritics, lower case,
same length as the text, so offsets carry over), longest name first. A provincial
department takes the province written next to it ("Sở Công Thương tỉnh Thái Nguyên",
"Thai Nguyen Department of Industry and Trade"); one written alone ("the Department of
Industry and Trade") is left unresolved by `find_bodies` and resolved by `document_body`
from the province the whole document is about.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, compress

from extract.lexicon import LEXICON_DIR

LEXICON_PATH = LEXICON_DIR / "bodies.toml"
NATIONAL = "national"  # the `kind` of a ministry or national agency

# Windows, in words, between a name and the cue that says who reports.
_SOURCE_BEFORE_GAP = 4  # "according to the report of the | Ministry of ..."
_SOURCE_AFTER_GAP = 3  # "Tổng cục Thống kê (TCTK) | cho biết"
_DIRECTED_BY_GAP = 8
_SOURCE_LABEL_WORDS = (
    2  # "Nguồn tin:", "Source:"  # "dưới sự chỉ đạo quyết liệt của Tỉnh ủy, HĐND, | UBND tỉnh"
)
_FILLER_GAP = 4  # words that may stand between a department and its province
# Distinct statistics-release phrases that make a text with no body named the statistics
# office's: one alone ("estimated") is in every kind of report.
_STATISTICS_CUES = 2
_SENTENCE_END = re.compile(r"[.!?;:\n]")


@dataclass(frozen=True)
class BodyMention:
    start: int  # text[start:end] names the body (with its province, when written next to it)
    end: int
    canonical: str | None  # None: a provincial department whose province is not named here
    kind: str  # the department type ("Department of Industry and Trade") or NATIONAL
    province: str | None = None


# --- folding: one character in, one character out, so offsets stay valid ----------------


def _fold_table() -> str:
    """The folded form of every code point up to the last one folding changes, as a string:
    str.translate then indexes it instead of hashing each character into a dict."""
    table = {}
    for code in range(0x80, 0x2000):  # Latin-1, Latin Extended A/B, Vietnamese (U+1Exx)
        char = chr(code)
        if unicodedata.combining(char):
            table[code] = "_"  # a decomposed accent: kept as a word character, dropped from keys
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base.lower()
    # Letters and signs NFD does not reduce; U+0130 would grow under str.lower().
    for chars, plain in (("đĐðÐ", "d"), ("İ", "i"), ("’‘ʼ", "'"), ("–—‑", "-")):
        table.update({ord(c): plain for c in chars})
    return "".join(table.get(code, chr(code)) for code in range(max(table) + 1))


_FOLD = _fold_table()
_WORD = re.compile(r"\w+")
_WORDS_AND_GAPS = re.compile(r"(\w+)")  # split: gap, word, gap, word, ..., gap
# "…/bo-cong-thuong-nam-2025.html" names nobody. The look-behind and the possessive \w++ only
# spare the scan from retrying every word at each of its letters (the matches are the same).
_URL = re.compile(r"(?<!\w)\w++://\S+|www\.\S+")


def _fold(text: str) -> str:
    # Folding changes only non-ASCII characters: an ASCII text is spared the look-ups.
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


_SPACE_JOINT = re.compile(r"[\s,\-]+")
_SIGN_JOINT = re.compile(r"\s*(['.&])\s*")


def _joint(gap: str) -> str | None:
    """How two words join inside one name, or None when the gap ends any name."""
    if gap == " " or _SPACE_JOINT.fullmatch(gap):
        return " "  # "Ba Ria - Vung Tau", "Labour, Invalids", "Hô Chi Minh-Ville"
    sign = _SIGN_JOINT.fullmatch(gap)  # "l'Industrie", "TP. HCM", "NN&PTNT"
    return sign.group(1) if sign else None


@dataclass(frozen=True)
class _Words:
    """A text cut into words: spans, folded keys, original spellings and the joints between."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    folded: tuple[str, ...]
    written: tuple[str, ...]
    joints: tuple[str | None, ...]  # joints[k] joins word k and word k + 1
    gaps: tuple[str, ...]  # the raw text between word k and word k + 1

    def __len__(self) -> int:
        return len(self.starts)

    def crosses_sentence(self, first: int, last: int) -> bool:
        """Whether a sentence ends anywhere between word `first` and word `last`."""
        return any(_SENTENCE_END.search(self.gaps[k]) for k in range(max(first, 0), last))


@lru_cache(maxsize=256)
def _words(text: str) -> _Words:
    folded = _fold(text)
    if "://" in folded or "www." in folded:  # what every URL the pattern matches holds
        folded = _URL.sub(lambda m: " " * len(m.group()), folded)
    # One split in C instead of a match object per word: [gap, word, gap, ..., word, gap].
    parts = _WORDS_AND_GAPS.split(folded)
    offsets = [0, *accumulate(map(len, parts))]  # parts[k] is folded[offsets[k]:offsets[k + 1]]
    starts, ends = offsets[1:-2:2], offsets[2:-1:2]
    words = parts[1::2]
    gaps = list(map(text.__getitem__, map(slice, ends, starts[1:])))
    return _Words(
        starts=tuple(starts),
        ends=tuple(ends),
        folded=tuple([w.replace("_", "") for w in words] if "_" in folded else words),
        written=tuple(map(text.__getitem__, map(slice, starts, ends))),
        joints=tuple(map(_gap_joint, gaps)),
        gaps=tuple(gaps),
    )


@lru_cache(maxsize=4096)
def _gap_joint(gap: str) -> str | None:
    """`_joint` of a raw gap; a text repeats a few gaps (" ", ", ", ". ") over and over."""
    return _joint(_fold(gap))


def _key(words: Iterable[str], joints: Iterable[str | None]) -> str | None:
    words, joints = list(words), list(joints)
    if None in joints:
        return None
    return words[0] + "".join(j + w for j, w in zip(joints, words[1:], strict=True))


# --- phrase index: longest phrase starting at a word --------------------------------------


@dataclass(frozen=True)
class _Phrases:
    values: dict[str, tuple]
    prefixes: frozenset[str]
    firsts: frozenset[str]  # the first word of every phrase: no other word starts one
    case_sensitive: bool = False

    @classmethod
    def build(cls, pairs: Iterable[tuple[str, object]], case_sensitive: bool = False) -> _Phrases:
        values: dict[str, tuple] = {}
        prefixes: set[str] = set()
        firsts: set[str] = set()
        for phrase, value in pairs:
            words = _words(phrase)
            spelled = words.written if case_sensitive else words.folded
            key = _key(spelled, words.joints)
            if key is None:
                continue
            values[key] = values.get(key, ()) + (value,)
            firsts.add(spelled[0])
            prefixes.update(
                _key(spelled[:n], words.joints[: n - 1]) for n in range(1, len(spelled))
            )
        return cls(values, frozenset(prefixes), frozenset(firsts), case_sensitive)

    def starts(self, words: _Words) -> list[int]:
        """The words a phrase may start at, in order: a set look-up per word, so a scan
        calls `longest` only where it can find something."""
        spelled = words.written if self.case_sensitive else words.folded
        return list(compress(range(len(spelled)), map(self.firsts.__contains__, spelled)))

    def longest(self, words: _Words, i: int) -> tuple[int, tuple] | None:
        """(last word, values) of the longest phrase starting at word i, if any."""
        spelled = words.written if self.case_sensitive else words.folded
        key, found = spelled[i], None
        if key not in self.prefixes:  # most words start no phrase: answer without a loop
            return (i, self.values[key]) if key in self.values else None
        for j in range(i, len(spelled)):
            if j > i:
                if words.joints[j - 1] is None:
                    break
                key = key + words.joints[j - 1] + spelled[j]
            if key in self.values:
                found = (j, self.values[key])
            if key not in self.prefixes:
                break
        return found

    def ending_near(self, words: _Words, last: int, gap: int) -> bool:
        """Whether a phrase ends within `gap` words before word `last`, in the same sentence."""
        for start in range(max(0, last - gap - 8), last):
            hit = self.longest(words, start)
            if hit and last - gap - 1 <= hit[0] < last and not words.crosses_sentence(hit[0], last):
                return True
        return False

    def starting_near(self, words: _Words, last: int, gap: int) -> bool:
        """Whether a phrase starts within `gap` words after word `last`, in the same sentence."""
        for start in range(last + 1, min(len(words), last + 1 + gap)):
            if words.crosses_sentence(last, start):
                return False
            if self.longest(words, start):
                return True
        return False


# --- the lexicon ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cues:
    fillers: _Phrases  # values: True for a word that says "provincial"
    provincial: re.Pattern  # the same words, diacritics kept: "tính" is not "tỉnh"
    source_before: _Phrases
    source_after: _Phrases
    source_line: _Phrases  # "Nguồn:", "Source:" opening a line
    directed_by: _Phrases
    statistics: _Phrases  # values: the phrase, for counting distinct ones
    statistics_office: str  # the canonical name of the national statistics office


@dataclass(frozen=True)
class BodyLexicon:
    provincial_body: str  # "{province} {kind}"
    nationals: tuple[str, ...]  # canonical names of the national bodies
    parents: dict[str, str]  # a general department or agency -> the ministry it is under
    kinds: dict[str, str | None]  # department type -> the national body of its field
    provinces: dict[str, str]  # province (before 2025) -> the province it is part of since
    names: _Phrases  # folded names -> (NATIONAL, canonical) | ("department", kind)
    names_or_ministers: _Phrases  # names, and "Minister of Finance" -> the Ministry of Finance
    acronyms: _Phrases  # the same, spelled exactly
    sectors: _Phrases  # "ngành Công Thương" -> kind
    province_names: _Phrases  # -> province
    given_names: frozenset[str]  # folded province aliases that are also people's names
    cues: dict[str, _Cues]


def _per_language(table: dict[str, list[str]], lang: str | None) -> list[str]:
    return [p for code, phrases in table.items() if lang in (None, code) for p in phrases]


def _cues(raw: dict, lang: str | None, statistics_office: str) -> _Cues:
    langs = [c for c in raw if lang in (None, c)] or list(raw)  # an unknown language: all cues

    def phrases(field: str) -> _Phrases:
        return _Phrases.build((p, True) for c in langs for p in raw[c][field])

    fillers = [(p, True) for c in langs for p in raw[c]["provincial"]]
    provincial = "|".join(re.escape(p) for c in langs for p in raw[c]["provincial"])
    fillers += [(p, False) for c in langs for p in raw[c]["connectors"]]
    return _Cues(
        fillers=_Phrases.build(fillers),
        provincial=re.compile(rf"(?<!\w)(?:{provincial})(?!\w)", re.IGNORECASE),
        source_before=phrases("source_before"),
        source_after=phrases("source_after"),
        source_line=phrases("source_line"),
        directed_by=phrases("directed_by"),
        statistics=_Phrases.build((p, p) for c in langs for p in raw[c]["statistics"]),
        statistics_office=statistics_office,
    )


@lru_cache(maxsize=1)
def body_lexicon() -> BodyLexicon:
    with LEXICON_PATH.open("rb") as f:
        raw = tomllib.load(f)
    names, acronyms, sectors, ministers = [], [], [], []
    for body in raw["national"]:
        target = (NATIONAL, body["canonical"])
        phrases = _per_language(body["names"], None) + _per_language(body.get("units", {}), None)
        names += [(p, target) for p in [body["canonical"], *phrases]]
        ministers += [
            (minister + p[len(ministry) :], target)
            for p in _per_language(body["names"], None)
            for ministry, minister in raw["minister"].values()
            if p.lower().startswith(ministry.lower() + " ")
        ]
        acronyms += [(a, target) for a in body.get("acronyms", [])]
    for dept in raw["department"]:
        target = ("department", dept["kind"])
        names += [(p, target) for p in [dept["kind"], *_per_language(dept["names"], None)]]
        acronyms += [(a, target) for a in dept.get("acronyms", [])]
        sectors += [(p, dept["kind"]) for p in _per_language(dept.get("sector", {}), None)]
    province_names = [
        (alias, p["name"])
        for p in raw["province"]
        for alias in [p["name"], p["vi"], *p.get("aliases", []), *p.get("given_names", [])]
    ]
    given = {
        _key(_words(a).folded, _words(a).joints)
        for p in raw["province"]
        for a in p.get("given_names", [])
    }
    return BodyLexicon(
        provincial_body=raw["provincial_body"],
        nationals=tuple(b["canonical"] for b in raw["national"]),
        parents={b["canonical"]: b["parent"] for b in raw["national"] if "parent" in b},
        kinds={d["kind"]: d.get("ministry") for d in raw["department"]},
        provinces={p["name"]: p["since_2025"] for p in raw["province"]},
        names=_Phrases.build(names),
        names_or_ministers=_Phrases.build(names + ministers),
        acronyms=_Phrases.build(acronyms, case_sensitive=True),
        sectors=_Phrases.build(sectors),
        province_names=_Phrases.build(province_names),
        given_names=frozenset(given),
        cues={
            lang: _cues(raw["cues"], lang, raw["statistics_office"])
            for lang in [*raw["cues"], None]
        },
    )


def _cues_for(lang: str | None) -> _Cues:
    cues = body_lexicon().cues
    return cues.get(lang) or cues[None]


def province_since_2025(province: str) -> str:
    """The province or city `province` (a canonical name) is part of since the 2025 merger."""
    return body_lexicon().provinces[province]


def provincial_body(province: str, kind: str) -> str:
    return body_lexicon().provincial_body.format(province=province, kind=kind)


# --- provinces ---------------------------------------------------------------------------


def _starts_sentence(words: _Words, k: int) -> bool:
    return k == 0 or bool(_SENTENCE_END.search(words.gaps[k - 1]))


def _is_person(words: _Words, i: int, key: str, fillers: _Phrases) -> bool:
    """A province alias that is also a given name, right after another capitalised name word
    ("Nguyen Minh Hue", "Ms. Hue"), names a person."""
    if key not in body_lexicon().given_names or i == 0 or words.joints[i - 1] != " ":
        return False
    before = words.written[i - 1]
    return (
        before.istitle()  # a name word is written "Minh", not "GTVT" nor "tỉnh"
        and not _starts_sentence(words, i - 1)
        and fillers.longest(words, i - 1) is None
    )


@lru_cache(maxsize=256)
def _province_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(first word, last word, province) of every province the text names."""
    words, lex, fillers = _words(text), body_lexicon(), _cues_for(None).fillers
    spans, free = [], 0  # free: the first word no earlier name took
    for i in lex.province_names.starts(words):
        hit = lex.province_names.longest(words, i) if i >= free else None
        if hit is None:
            continue
        last, (province, *_) = hit
        written = text[words.starts[i] : words.ends[last]]
        key = _key(words.folded[i : last + 1], words.joints[i:last])
        # Province names are proper nouns: "hòa bình" (peace) is not Hòa Bình.
        if any(c.isupper() for c in written) and not _is_person(words, i, key, fillers):
            spans.append((i, last, province))
        free = last + 1
    return tuple(spans)


def find_provinces(text: str) -> list[tuple[int, int, str]]:
    """(start, end, province) of every province or centrally-run city named in `text`."""
    if not _may_name_province(text):
        return []
    words = _words(text)
    return [(words.starts[i], words.ends[j], p) for i, j, p in _province_spans(text)]


def _may_name_province(text: str) -> bool:
    """False when no word of `text` starts a province name: most sentences, told apart
    without cutting them into words (`find_provinces` is asked about every claim)."""
    keys = _WORD.findall(_fold(text).replace("_", ""))
    return not body_lexicon().province_names.firsts.isdisjoint(keys)


# --- bodies --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    mention: BodyMention
    first: int  # word span of the mention
    last: int
    provincial: bool  # said to be a province's ("the provincial Statistics Office", "UBND tỉnh")


def _fillers_then(words: _Words, start: int, fillers: _Phrases) -> tuple[int, bool]:
    """Skip filler words from `start`; return the first word after them and whether one of
    them says "provincial"."""
    k, provincial = start, False
    while k < len(words) and k - start < _FILLER_GAP:
        hit = fillers.longest(words, k)
        if hit is None:
            break
        provincial = provincial or any(hit[1])
        if hit[0] + 1 >= len(words) or words.joints[hit[0]] not in (" ", "'"):
            break  # nothing joined follows ("UBND tỉnh." ends the name)
        k = hit[0] + 1
    return k, provincial


def _attach_province(
    words: _Words, first: int, last: int, provinces: tuple, fillers: _Phrases
) -> tuple[tuple[int, int, str] | None, bool]:
    """The province written next to a department (before or after it, across filler words),
    and whether filler words call it provincial."""
    provincial = False
    for p_first, p_last, province in provinces:  # before: "Thai Nguyen (Provincial) Department"
        if first - _FILLER_GAP - 1 <= p_last < first and words.joints[p_last] in (" ", "'"):
            if _fillers_then(words, p_last + 1, fillers)[0] == first:
                return (p_first, p_last, province), True
    for start in range(max(0, first - _FILLER_GAP), first):  # "the provincial Statistics Office"
        after, said = _fillers_then(words, start, fillers)
        if after == first and said and words.joints[first - 1] in (" ", "'"):
            provincial = True
    if last + 1 < len(words) and words.joints[last] in (" ", "'"):
        after, said = _fillers_then(words, last + 1, fillers)  # after: "Sở Công Thương tỉnh X"
        provincial = provincial or said
        for p_first, p_last, province in provinces:
            if p_first == after and (after == last + 1 or words.joints[after - 1] in (" ", "'")):
                return (p_first, p_last, province), True
    return None, provincial


@lru_cache(maxsize=256)
def _found(text: str, lang: str | None, ministers: bool = False) -> tuple[_Found, ...]:
    """Bodies named in `text`; with `ministers`, a minister's title names the ministry too."""
    words, lex, fillers = _words(text), body_lexicon(), _cues_for(lang).fillers
    provinces = _province_spans(text)
    phrases = (lex.names_or_ministers if ministers else lex.names, lex.acronyms)
    found, free = [], 0  # free: the first word no earlier mention took
    for i in sorted({i for p in phrases for i in p.starts(words)}):
        if i < free:
            continue
        hits = [h for h in (p.longest(words, i) for p in phrases) if h]
        if not hits:
            continue
        last, targets = max(hits, key=lambda h: h[0])
        nationals = [name for tag, name in targets if tag == NATIONAL]
        kinds = [name for tag, name in targets if tag != NATIONAL]
        province, provincial = (
            _attach_province(words, i, last, provinces, fillers) if kinds else (None, False)
        )
        first, end = i, last
        if province:
            first, end = min(i, province[0]), max(last, province[1])
            mention = BodyMention(
                words.starts[first],
                words.ends[end],
                provincial_body(province[2], kinds[0]),
                kinds[0],
                province[2],
            )
        elif nationals and not provincial:  # "Cục Thống kê" alone is the national office
            mention = BodyMention(words.starts[i], words.ends[last], nationals[0], NATIONAL)
        else:
            mention = BodyMention(words.starts[i], words.ends[last], None, kinds[0])
        found.append(_Found(mention, first, end, provincial))
        free = max(last, end) + 1
    return tuple(found)


def find_bodies(text: str, lang: str | None = None) -> list[BodyMention]:
    """Every reporting body named in `text`, in order. A provincial department written
    without its province has canonical None and its department type as `kind`."""
    return [f.mention for f in _found(text, lang)]


# --- the body of a whole text ---------------------------------------------------------------


def _main_province(text: str) -> str | None:
    counts = Counter(p for _, _, p in _province_spans(text))
    return counts.most_common(1)[0][0] if counts else None  # ties: the earliest named


def _resolved(text: str, lang: str | None, ministers: bool = False) -> list[_Found]:
    """Mentions with unresolved departments given the text's main province; departments with
    no province at all in a text about a national body are units of that body: dropped."""
    province = _main_province(text)
    found = _found(text, lang, ministers)
    about_nation = any(f.mention.kind == NATIONAL for f in found)
    resolved = []
    for f in found:
        if f.mention.canonical is None and province:
            canonical = provincial_body(province, f.mention.kind)
            f = replace(f, mention=replace(f.mention, canonical=canonical, province=province))
        elif f.mention.canonical is None and about_nation and not f.provincial:
            continue
        resolved.append(f)
    return resolved


def _most_named(found: list[_Found]) -> BodyMention:
    """The body named most often; ties go to the one named first. A ministry's agencies count
    as one family: a text naming two or more of them (the tax department, customs and the
    reserves) reports as their ministry, one naming a single agency as that agency."""
    parents = body_lexicon().parents

    def name(f: _Found) -> str:
        return f.mention.canonical or f.mention.kind

    def family(f: _Found) -> str:
        return parents.get(name(f), name(f))

    families = Counter(map(family, found))
    top = max(found, key=lambda f: families[family(f)])
    agencies = {name(f) for f in found if family(f) == family(top) and name(f) in parents}
    if len(agencies) >= 2:
        return replace(top.mention, canonical=family(top), kind=NATIONAL, province=None)
    counts = Counter(map(name, found))
    return max(found, key=lambda f: counts[name(f)]).mention


def _says_provincial(text: str, cues: _Cues) -> bool:
    """Whether a word of the text says "provincial" ("toàn tỉnh", "the provincial ..."),
    read with its diacritics: "tình hình" (the situation) and "tính chung" say nothing."""
    return cues.provincial.search(text) is not None


def _statistics_body(text: str, lang: str | None) -> BodyMention | None:
    """A text that names no body, no province and no sector but is written the way the
    statistics office writes its releases ("ước tính", "tính chung", "so với cùng kỳ năm
    trước": at least `_STATISTICS_CUES` distinct such phrases) reports as that office."""
    words, cues = _words(text), _cues_for(lang)
    if _main_province(text) or _says_provincial(text, cues):
        return None
    said, free = set(), 0  # free: the first word no earlier phrase took
    for k in cues.statistics.starts(words):
        hit = cues.statistics.longest(words, k) if k >= free else None
        if hit:
            said.add(hit[1][0])
            free = hit[0] + 1
    if len(said) < _STATISTICS_CUES:
        return None
    return BodyMention(0, 0, cues.statistics_office, NATIONAL)


def _sector_body(text: str, lang: str | None) -> BodyMention | None:
    """A text with no body named but about a sector ("Tình hình hoạt động ngành Công Thương")
    reports as the province's department of that sector, or as its ministry when no province
    is in sight."""
    words, lex, cues = _words(text), body_lexicon(), _cues_for(lang)
    for i in lex.sectors.starts(words):
        hit = lex.sectors.longest(words, i)
        if hit is None:
            continue
        kind, span = hit[1][0], (words.starts[i], words.ends[hit[0]])
        province = _main_province(text)
        if province:
            return BodyMention(*span, provincial_body(province, kind), kind, province)
        provincial = _says_provincial(text, cues)
        ministry = lex.kinds[kind]
        if provincial or ministry is None:
            return BodyMention(*span, None, kind)
        return BodyMention(*span, ministry, NATIONAL)
    return None


def _on_source_line(words: _Words, first: int, labels: _Phrases) -> bool:
    """Whether the body at word `first` follows a source label that opens its line
    ("Nguồn: Sở Công Thương", "Source: General Statistics Office")."""
    for start in range(max(0, first - _SOURCE_LABEL_WORDS), first):
        hit = labels.longest(words, start)
        if (
            hit
            and hit[0] == first - 1
            and ":" in words.gaps[first - 1]
            and (start == 0 or "\n" in words.gaps[start - 1])
        ):
            return True
    return False


def document_mention(text: str, lang: str | None = None) -> BodyMention | None:
    """The body `text` reports as: the one its source line credits ("Nguồn: ..."), else the
    one named as the source of the report ("according to", "cho biết", "selon"), else the one
    named most often, else the department of the sector the text is about, else the statistics
    office for a statistics release. Its canonical is None when the text names no province
    for it."""
    cues = _cues_for(lang)
    words = _words(text)
    found = [
        f
        for f in _resolved(text, lang, ministers=True)  # the minister speaks for the ministry
        if not cues.directed_by.ending_near(words, f.first, _DIRECTED_BY_GAP)
    ]
    sourced = [
        f
        for f in found
        if cues.source_before.ending_near(words, f.first, _SOURCE_BEFORE_GAP)
        or cues.source_after.starting_near(words, f.last, _SOURCE_AFTER_GAP)
    ]
    credited = [f for f in found if _on_source_line(words, f.first, cues.source_line)]
    if found:
        return _most_named(credited or sourced or found)
    return _sector_body(text, lang) or _statistics_body(text, lang)


def document_body(text: str, lang: str | None = None) -> str | None:
    """Canonical name of the body `text` reports as, when the text says it."""
    mention = document_mention(text, lang)
    return mention.canonical if mention else None


def canonical_body(name: str) -> str | None:
    """Canonical English name of the body a free-text name means (a manifest column such as
    "GSO / Tổng cục Thống kê (national data)"); None when no body is recognised."""
    for f in _resolved(name, None):
        if f.mention.canonical:
            return f.mention.canonical
    return None


def unknown_bodies(given: Iterable[tuple[Hashable, str]]) -> list[tuple[Hashable, str]]:
    """(where, name) for each distinct body name in `given` that the lexicon does not know,
    at its first appearance: what the caller reports, once per name."""
    seen: set[str] = set()
    unknown = []
    for where, name in given:
        if name and name not in seen:
            seen.add(name)
            if canonical_body(name) is None:
                unknown.append((where, name))
    return unknown
