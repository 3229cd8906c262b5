"""What each number measures: its indicator label and its tier (core | minor).

Concepts are data: lexicon/concepts.toml lists each concept and item (a commodity, a product)
once, in English, with its tier; each language file names them in its [concepts] and [items]
tables. A number's subject is the noun phrase that governs it: the words of its window (since
the previous number, within its clause) before the verb that links them to the number
("xuất khẩu cà phê ước đạt", "the province's export turnover hit"). A listed concept there
names it ("coffee exports"); unlisted words name it in their own words, marked
`UNLISTED` + words; no subject of its own, it takes the previous number's, else the nearest
concept in its sentence, else the one the document was last talking about.

The label then says what the number is of its concept: a level (`exports`), a change
(`exports change`, `exports volume change`), a share (`exports share`), a ratio to plan
(`exports share of plan`), a cut (`civil servant headcount cut`), a multiple, or a level in a
physical unit (`coffee exports (tonnes)`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.lexicon import ConceptCatalog, load_concepts, norm_key
from extract.pipeline.attributes import Reading, SentenceContext, after_level_word, clause_end
from extract.pipeline.bodies import find_provinces
from extract.pipeline.numbers import Quantity
from extract.pipeline.units import vocabulary

CORE, MINOR = "core", "minor"
UNLISTED = "unlisted: "  # the prefix of a label made of the text's own words
_NEAR = 16  # characters: a cue this close before a number governs it ("by a factor of 1.2")
_AFTER_REACH = 40  # how far after a number "in the energy sector" may name its concept
_ITEM_AFTER_REACH = 16  # "814,500 tonnes of rice"
_CUT_REACH = 40  # how far before a share a cut word governs it ("reducing at least 20%")
_CUT = " cut"
_OWN_WORDS = 6  # an unlisted subject is named by at most its last words
_OUT_OF = re.compile(r"\d\s*/\s*\d")
_UNTIL_NEXT_FIGURE = re.compile(r"[,;:()\d]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Subject:
    """What is measured, before the measure: 'coffee exports' (listed) or own words."""

    base: str  # English label, or UNLISTED + the text's words; "" when nothing says
    code: str  # the listed concept's code, "" when unlisted
    real: bool = False  # at constant prices ("nếu loại trừ yếu tố giá", "in real terms")


_NOTHING = Subject("", "")


class ConceptReader:
    """Reads the concept of every number of one document, sentence by sentence, in order:
    a sentence whose numbers name nothing continues the document's last subject (news
    articles put one sentence in a paragraph: "... followed by Bac Ninh with 39.3 billion USD")."""

    def __init__(self) -> None:
        self._last = _NOTHING
        self._meant: dict[str, str] = {}  # code -> the code it means in this document

    def read(
        self, ctx: SentenceContext, quantities: Sequence[Quantity], readings: Sequence[Reading]
    ) -> list[tuple[str, str]]:
        """(indicator, tier) for every quantity of one sentence, in order."""
        catalog = load_concepts()
        out = []
        previous = None
        for i, (q, reading) in enumerate(zip(quantities, readings, strict=True)):
            subject = self._in_document(
                subject_of(ctx, quantities, i, previous, self._last, catalog), catalog
            )
            previous = subject
            cut = (
                bool(out) and out[-1][0].endswith(_CUT) and _coordinated_object(ctx, quantities, i)
            )
            out.append(
                (label(ctx, subject, q, reading, cut), tier(ctx, subject.code, q, reading, catalog))
            )
        if previous is not None and previous.base:
            self._last = replace(previous, real=False)  # constant prices hold in one sentence
        return out

    def _in_document(self, subject: Subject, catalog: ConceptCatalog) -> Subject:
        """The concept as this document means it: a concept that takes over another's bare
        words ("FDI disbursement" ... "disbursement in March") is that one from then on."""
        taken = catalog.takes_over.get(subject.code)
        if taken:
            self._meant[taken] = subject.code
        meant = self._meant.get(subject.code)
        if not meant:
            return subject
        old, new = catalog.labels[subject.code], catalog.labels[meant]
        return replace(subject, base=subject.base.replace(old, new), code=meant)


def subject_of(
    ctx: SentenceContext,
    quantities: Sequence[Quantity],
    i: int,
    previous: Subject | None,
    carried: Subject,
    catalog: ConceptCatalog,
) -> Subject:
    """What quantities[i] measures; at constant prices when a real-terms cue stands between
    the previous number and it (and for the figures that go on from it)."""
    subject = _of_counted_kind(
        ctx, quantities, i, _subject_of(ctx, quantities, i, previous, carried, catalog), catalog
    )
    q, real = quantities[i], ctx.lex.concept_cues["real"]
    start = quantities[i - 1].end if i else ctx.start
    after = _first_words(ctx.text[q.end : clause_end(ctx.text, q.end, ctx.end)])
    if subject.base and (real.search(ctx.text, start, q.start) or real.match(after)):
        return replace(subject, real=True)
    return subject


def _of_counted_kind(
    ctx: SentenceContext,
    quantities: Sequence[Quantity],
    i: int,
    subject: Subject,
    catalog: ConceptCatalog,
) -> Subject:
    """'15 dự án DDI với tổng vốn đầu tư 4.544,7 tỷ đồng', '349 FDI projects with a total
    investment of ...': a general concept's figure in a clause (since its last semicolon) that
    counts things of one of its kinds (concepts.toml `kind_of`) is that kind's, the nearest."""
    kinds = catalog.kinds.get(subject.code)
    if not kinds:
        return subject
    text, q = ctx.text, quantities[i]
    clause_start = max(ctx.start, text.rfind(";", ctx.start, q.start) + 1)
    for counted in reversed(quantities[:i]):
        if counted.start < clause_start:
            break
        if not _is_count(ctx, counted):
            continue
        named = _concept_after(ctx, counted, q.start) or ctx.lex.re_concept.search(
            text, counted.start, counted.end
        )
        code = ctx.lex.concepts[norm_key(named.group())] if named is not None else ""
        if code in kinds:
            general, kind = catalog.labels[subject.code], catalog.labels[code]
            return replace(subject, base=subject.base.replace(general, kind), code=code)
    return subject


def _subject_of(
    ctx: SentenceContext,
    quantities: Sequence[Quantity],
    i: int,
    previous: Subject | None,
    carried: Subject,
    catalog: ConceptCatalog,
) -> Subject:
    text, lex, q = ctx.text, ctx.lex, quantities[i]
    end_of_clause = clause_end(text, q.end, ctx.end)
    next_start = quantities[i + 1].start if i + 1 < len(quantities) else end_of_clause
    durations = catalog.durations | vocabulary(lex).durations
    spans = [p for p in quantities[:i] if p.unit not in durations]
    window_start = spans[-1].end if spans else ctx.start  # "5 tháng đầu năm" splits nothing
    if spans:  # "10-12% in the industrial sector and ...": that phrase was the last number's
        taken = _concept_after(ctx, spans[-1], q.start)
        window_start = taken.end() if taken is not None else window_start
    semicolon = text.rfind(";", window_start, q.start)
    segment_start = window_start if semicolon == -1 else semicolon + 1

    # "41 expressways", "110 triệu lượt khách du lịch nội địa": a concept phrase that begins in
    # the counted noun is what is counted, before any phrase after it ("du lịch")
    counted = lex.re_concept.search(text, q.start, end_of_clause) if q.is_amount else None
    if counted is not None and counted.start() < q.end:
        return _listed(ctx, counted, segment_start, q, catalog)
    after = _concept_after(ctx, q, min(next_start, end_of_clause))
    if after is None and _is_count(ctx, q):
        after = _predicate_after(ctx, q, min(next_start, end_of_clause), catalog)
    if after is not None:
        return _listed(ctx, after, segment_start, q, catalog)
    unit_concept = catalog.unit_concepts.get(q.unit)
    if unit_concept:  # "16,4 tỷ lượt khách.km": the unit says what is measured
        return Subject(catalog.labels[unit_concept], unit_concept)
    if _alone_in_parentheses(ctx, quantities, i):
        # "Dong Thap (58,29%), Tien Giang (56,3%)", "(7.78 billion USD)": what is before the
        # parenthesis is a place, a body or the same figure in other words, the measure is the
        # sentence's; right after a figure ("đạt 95,1% (tăng 2%)"), it is that figure's.
        if previous is not None and previous.base and i:
            opening = text.rfind("(", ctx.start, q.start)
            if not text[quantities[i - 1].end : opening].strip():
                return previous
        concept = _nearest(lex.re_concept, text, ctx.start, q.start)
        if concept is not None:
            return _listed(ctx, concept, ctx.start, q, catalog)
        return previous if previous is not None and previous.base else carried

    predicate = _nearest(lex.concept_cues["predicate"], text, segment_start, q.start)
    subject_end = predicate.start() if predicate is not None else q.start
    # "la croissance du PIB à 8 %", "tăng trưởng GDP ... là": the change word heads the phrase
    concept = lex.re_concept.search(text, predicate.end(), q.start) if predicate else None
    if concept is None:
        concept = _head_concept(ctx, segment_start, subject_end)
    if concept is not None:
        return _listed(ctx, concept, segment_start, q, catalog)
    if lex.concept_cues["anaphora"].search(text, segment_start, q.start):
        # "agreed to increase it to 300 billion yen": the pronoun is what was just measured
        return previous if previous is not None and previous.base else carried

    words = _own_words(ctx, segment_start, subject_end)
    if (
        words
        and previous is not None
        and previous.base
        and (
            _opens_clause(ctx, segment_start, q)
            or (predicate is not None and _coordinated(ctx, segment_start, subject_end))
        )
    ):
        # "8% is difficult, 10% or more ...": the words before the comma end the last figure's
        # clause; this one goes on with its subject
        words = []
    if words:
        item = _item(ctx, segment_start, subject_end, q)
        sentence_concept = _nearest(lex.re_concept, text, ctx.start, segment_start)
        if item:
            # "trong đó, may mặc tăng 11,1%", "ceux de l'électroménager de 10,1 %": an item of
            # the sentence's concept, else of the one the document is talking about
            code = (
                lex.concepts[norm_key(sentence_concept.group())]
                if sentence_concept is not None
                else carried.code
            )
            if code:
                return Subject(f"{item} {catalog.labels[code]}", code)
            return Subject(item, "")  # "Nhiệt điện than đạt 125,99 tỷ kWh"
        return Subject(UNLISTED + _in_english(ctx, words[-_OWN_WORDS:]), "")

    if previous is not None and previous.base:
        before = quantities[i - 1]
        if q.is_rate and _physical(ctx, before.unit) and not previous.base.endswith(")"):
            # "90,5 tỷ lượt khách.km, giảm 20,4%": the change of that level, in its unit
            return Subject(f"{previous.base} ({before.unit})", previous.code)
        return previous
    concept = _nearest(lex.re_concept, text, ctx.start, q.start)
    if concept is None:
        # a count names what it counts: a concept after a comma is another clause's ("2.3
        # million tourists visited the bay, generating revenue of ...")
        comma = text.find(",", q.end, end_of_clause) if _is_count(ctx, q) else -1
        concept = lex.re_concept.search(text, q.end, end_of_clause if comma == -1 else comma)
    if concept is not None:
        return _listed(ctx, concept, ctx.start, q, catalog)
    item = _item(ctx, segment_start, q.start, q)
    if item and carried.code and not carried.base.startswith(item):
        # "... điện gió đạt 9,56 tỷ kWh). Huy động về tua bin khí 18,46 tỷ kWh": an item named
        # after the verb is another item of the concept the document is talking about
        return Subject(f"{item} {catalog.labels[carried.code]}", carried.code)
    return carried


def _coordinated(ctx: SentenceContext, start: int, end: int) -> bool:
    """'représentant 77,1% du chiffre d'affaires total et en hausse de 7,3%': a coordinator right
    before the change word joins a second predicate to the same subject; the words before it
    finish the last figure ("of total turnover")."""
    before = ctx.text[start:end].rstrip()
    return any(m.end() == len(before) for m in ctx.lex.concept_cues["coordinator"].finditer(before))


def _opens_clause(ctx: SentenceContext, start: int, q: Quantity) -> bool:
    """Nothing but a comma and fillers between the window's start and the number."""
    text = ctx.text
    comma = text.rfind(",", start, q.start)
    return comma != -1 and not _WORD.search(text, comma, q.start)


def _head_concept(ctx: SentenceContext, start: int, end: int) -> re.Match | None:
    """The concept a noun phrase is about: its head. English puts the head last ("industrial
    electricity consumption"); Vietnamese and French put it first ("điện năng cho công
    nghiệp", "consommation d'électricité de l'industrie"), after the phrase's last comma that
    no concept phrase spans ("Theo Cục Xuất nhập khẩu, xuất khẩu cà phê") or after a word
    that opens the main clause ("Để GDP tăng như vậy thì ngành Công Thương phải tăng")."""
    found = list(ctx.lex.re_concept.finditer(ctx.text, start, end))
    if not found:
        return None
    if not ctx.lex.head_first:
        return max(found, key=lambda m: (m.end(), m.end() - m.start()))
    commas = [
        i
        for i in range(start, end)
        if ctx.text[i] in ",:" and not any(m.start() < i < m.end() for m in found)
    ] + [m.start() for m in ctx.lex.concept_cues["clause_break"].finditer(ctx.text, start, end)]
    commas.sort()
    after = [m for m in found if not commas or m.start() > commas[-1]]
    return after[0] if after else found[-1]


def _alone_in_parentheses(ctx: SentenceContext, quantities: Sequence[Quantity], i: int) -> bool:
    """'(58,29%)', '(up 91.9 percent)', '(10.6 billion USD and nearly 10 billion USD,
    respectively)': a parenthesis of figures, perhaps with their change words and connectors."""
    text, q = ctx.text, quantities[i]
    opening = text.rfind("(", ctx.start, q.start)
    closing = text.find(")", q.end, ctx.end)
    if opening == -1 or closing == -1 or ")" in text[opening : q.start]:
        return False
    if "(" in text[q.end : closing]:
        return False
    rest, pos = [], opening + 1
    for other in quantities:
        if opening < other.start and other.end <= closing:
            rest.append(text[pos : other.start])
            pos = other.end
    rest.append(text[pos:closing])
    lex = ctx.lex
    for piece in rest:
        piece = piece.strip(" ,;")
        if (
            piece
            and not any(lex.cues[name].fullmatch(piece) for name in ("increase", "decrease"))
            and not lex.concept_cues["figure_link"].fullmatch(piece)
        ):
            return False
    return True


def _listed(
    ctx: SentenceContext, concept: re.Match, start: int, q: Quantity, catalog: ConceptCatalog
) -> Subject:
    """A listed concept, with the item it is of when one is named beside it."""
    code = ctx.lex.concepts[norm_key(concept.group())]
    item = _item(ctx, start, max(concept.end(), q.start), q, concept)
    base = catalog.labels[code]
    return Subject(f"{item} {base}" if item else base, code)


def _item(
    ctx: SentenceContext, start: int, end: int, q: Quantity, concept: re.Match | None = None
) -> str:
    """The English label of the item named in text[start:end], else just after the number;
    never a word of the concept's own phrase ("commerce électronique" is not electronics)."""
    lex = ctx.lex
    found = _nearest(
        lex.re_item,
        ctx.text,
        start,
        end,
        keep=lambda m: (
            concept is None
            or not (concept.start() <= m.start() and m.end() <= concept.end())
            or (m.start(), m.end()) == (concept.start(), concept.end())
        ),
    )
    if found is None:
        found = lex.re_item.match(ctx.text, _skip_links(ctx, q.end))
        if found is not None and found.start() > q.end + _ITEM_AFTER_REACH:
            found = None
    return load_concepts().items[lex.items[norm_key(found.group())]] if found else ""


def _skip_links(ctx: SentenceContext, pos: int) -> int:
    link = ctx.lex.re_unit_link.match(ctx.text, pos)
    return link.end() if link else pos


def _concept_after(ctx: SentenceContext, q: Quantity, end: int) -> re.Match | None:
    """'12-16% in the energy sector', '10% dans le secteur industriel': a concept named right
    after the number, introduced by a preposition of place."""
    lex, text = ctx.lex, ctx.text
    begin = _skip_spaces(text, q.end)
    if lex.concept_cues["plan"].match(text, begin):
        return None  # "95 % du plan d'investissement": a share of the plan, not investment
    direct = lex.re_concept.match(text, begin, end)
    if direct is not None:  # "tinh gọn 20% người làm việc"
        return direct
    opener = lex.concept_cues["in_sector"].match(text, begin)
    if opener is None:
        return None
    reach = min(end, opener.end() + _AFTER_REACH)
    found = lex.re_concept.search(text, opener.end(), reach)
    if found is None or text.find(",", opener.end(), found.start()) != -1:
        return None
    return found


def _predicate_after(
    ctx: SentenceContext, q: Quantity, end: int, catalog: ConceptCatalog
) -> re.Match | None:
    """'97,299 businesses in the country withdrew from the market', '64,758 were newly
    established': a concept named by a verb phrase (concepts.toml `predicate`) after a count,
    before a comma, names what it counts."""
    comma = ctx.text.find(",", q.end, end)
    for m in ctx.lex.re_concept.finditer(ctx.text, q.end, end if comma == -1 else comma):
        if ctx.lex.concepts[norm_key(m.group())] in catalog.predicates:
            return m
    return None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _nearest(pattern: re.Pattern, text: str, start: int, end: int, keep=None) -> re.Match | None:
    """The match ending last in text[start:end] (the longest of those)."""
    found = [m for m in pattern.finditer(text, start, end) if keep is None or keep(m)]
    return max(found, key=lambda m: (m.end(), m.end() - m.start())) if found else None


def _own_words(ctx: SentenceContext, start: int, end: int) -> list[str]:
    """The words of text[start:end] that no cue, time word, unit, filler or place accounts
    for, after its last comma (an enumeration's last member). A place is the scope of a figure
    (the body tells it), not what it measures."""
    text = ctx.text
    comma = max(text.rfind(",", start, end), text.rfind(":", start, end))
    if comma != -1 and _WORD.search(text, comma, end):
        start = comma + 1
    speech = _nearest(ctx.lex.concept_cues["speech"], text, start, end)
    if speech is not None:  # "Ambassador Fukuda said ...": the speaker is not the subject
        start = speech.end()
    known = [(m.start(), m.end()) for m in ctx.lex.concept_cues["known"].finditer(text, start, end)]
    places = [(start + a, start + b) for a, b, _ in find_provinces(text[start:end])]
    words, pos = [], start
    for a, b in sorted(known + places):
        words += _WORD.findall(text, pos, max(pos, a))
        pos = max(pos, b)
    words += _WORD.findall(text, pos, end)
    return [w.lower() for w in words if len(w) > 1 and w.lower() not in ctx.lex.markers]


def _coordinated_object(ctx: SentenceContext, quantities: Sequence[Quantity], i: int) -> bool:
    """'giảm 63 phòng và 211 chi cục thuế', 'cut 9 agencies and 18 teams': a count joined to the
    one before by a coordinator (or a comma) with no verb of its own is governed by that one's
    verb."""
    q = quantities[i]
    gap = ctx.text[quantities[i - 1].end : q.start]
    if any(ch.isdigit() or ch in ";.:" for ch in gap):
        return False
    if any(ctx.lex.cues[name].search(gap) for name in ("increase", "decrease")):
        return False
    gap = gap.rstrip()
    return gap.endswith(",") or any(
        m.end() == len(gap) for m in ctx.lex.concept_cues["coordinator"].finditer(gap)
    )


def _counted(ctx: SentenceContext, unit: str) -> str:
    """What an unlisted count counts, in English where the lexicon's [count_heads] says it: the
    phrase's head noun (first in Vietnamese and French, last in English), so "211 chi cục thuế"
    and "9 chi cục dự trữ" both count sub-departments; else the noun as the text gives it."""
    words = unit.replace("/", " ").split()
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n] if ctx.lex.head_first else words[-n:])
        if head in ctx.lex.count_heads:
            return ctx.lex.count_heads[head]
    return unit


def _in_english(ctx: SentenceContext, words: list[str]) -> str:
    """An unlisted subject's words in English when the lexicon's [label_words] says every one
    (longest phrase first), modifiers before the head ("thất thoát nước sạch" -> "clean water
    loss"); else the text's own words, never half translated."""
    table, english, i = ctx.lex.label_words, [], 0
    while i < len(words):
        n = next(
            (n for n in range(len(words) - i, 0, -1) if " ".join(words[i : i + n]) in table), 0
        )
        if not n:
            return " ".join(words)
        english.append(table[" ".join(words[i : i + n])])
        i += n
    return " ".join(reversed(english) if ctx.lex.head_first else english)


def label(
    ctx: SentenceContext, subject: Subject, q: Quantity, reading: Reading, cut: bool = False
) -> str:
    """The subject and what the number is of it; `cut` when the verb of the count it is
    coordinated with cuts ("giảm 63 phòng và 211 chi cục").

    A rate is a change only when a change word governs it ("grew by 8.4%"); otherwise it is
    the level of a rate ("the unemployment rate stood at 2.2%")."""
    cues, text = ctx.lex.concept_cues, ctx.text
    after = text[q.end : clause_end(text, q.end, ctx.end)]
    if _passing_count(ctx, q.unit) and not _level_in_time(subject.code, q.unit):
        # "10 key tasks", "trois fonctions", "18 quốc gia": a passing count is named by what it
        # counts, in its canonical English plural, the same in every language
        return UNLISTED + _counted(ctx, q.unit)
    if not subject.base:
        if _is_count(ctx, q):  # "the province had 12 projects": what it counts
            return f"{UNLISTED}{_new(ctx, q, after)}{_counted(ctx, q.unit)}"
        # nothing named before it: the words after it ("100% of communes meet the standard")
        words = _own_words(ctx, q.end, q.end + len(after))
        return UNLISTED + _in_english(ctx, words[:_OWN_WORDS]) if words else ""
    if q.unit == "times" and _compares_in_passing(ctx, q, reading):
        return f"{subject.base} multiple"
    window = max(ctx.start, q.start - _CUT_REACH)
    if q.is_rate and cues["cut"].search(text, window, q.start):
        return f"{subject.base} cut"
    if q.is_rate and subject.real:  # "soit 6 % hors effet prix": the growth at constant prices
        return f"{subject.base} real change"
    if q.is_rate and (reading.share or cues["plan"].match(_first_words(after))):
        if cues["plan"].match(_first_words(after)):
            return f"{subject.base} share of plan"
        return f"{subject.base} share"
    if (q.is_rate or q.unit == "times") and reading.direction:
        if cues["volume"].match(_first_words(after)):
            return f"{subject.base} volume change"
        return f"{subject.base} change"
    window_cut = cues["cut"].search(text, window, q.start)
    if not subject.code and _specific_count(ctx, q.unit):
        # an unlisted count of a specific thing is named by it ("672 wards", "2.172 đầu mối");
        # a count of people, projects or units, or a measure, needs its subject too
        cut = cut or reading.direction == "down" or window_cut
        return f"{UNLISTED}{_new(ctx, q, after)}{_counted(ctx, q.unit)}{_CUT if cut else ''}"
    if q.is_amount and (
        (reading.direction and _change_word_just_before(ctx, q)) or _added(ctx, q, after)
    ):
        return f"{subject.base} absolute change"  # "tăng 143.000 đồng so với quý II"
    if q.is_rate:
        measure = load_concepts().bare_rates.get(subject.code)
        if measure:  # a disbursement rate is a share of the plan
            return f"{subject.base} {measure}"
        return f"{subject.base} (%)" if q.unit == "%" else f"{subject.base} ({q.unit})"
    if _after_slash(text, q):  # "41,16 tỷ đồng/477,51 tỷ đồng": the whole the part is of
        return f"{subject.base} total"
    if q.unit in vocabulary(ctx.lex).currencies:
        return subject.base
    return f"{subject.base} ({_new(ctx, q, after)}{_counted(ctx, q.unit) or 'number'})"


def _physical(ctx: SentenceContext, unit: str) -> bool:
    """A measure of things (t, kWh, km, passenger-km), not money and not a count."""
    vocab = vocabulary(ctx.lex)
    rates = ("%", "percentage points", "times")
    return (
        unit in vocab.canonical_names
        and unit not in vocab.currencies
        and unit not in rates
        and unit not in vocab.durations  # "5 tháng, giảm 2%": a span frames, it measures nothing
    )


def _is_count(ctx: SentenceContext, q: Quantity) -> bool:
    """A count of things ("12 projects"), not money, a rate or a physical measure."""
    if not q.is_amount or not q.unit or q.unit in vocabulary(ctx.lex).currencies:
        return False
    return not _physical(ctx, q.unit)


def _specific_count(ctx: SentenceContext, unit: str) -> bool:
    vocab = vocabulary(ctx.lex)
    generic = unit in vocab.canonical_names or unit in ctx.lex.count_nouns.values()
    return bool(unit) and not generic and unit not in vocab.currencies


def _after_slash(text: str, q: Quantity) -> bool:
    return q.is_amount and text[max(0, q.start - 3) : q.start].rstrip().endswith("/")


def _new(ctx: SentenceContext, q: Quantity, after: str) -> str:
    """'new ' for a count of new things ("3,193 new communes", "120 nouveaux projets", "23 dự án
    FDI mới"): not the count of all of them."""
    new = ctx.lex.concept_cues["new"]
    noun_rest = _UNTIL_NEXT_FIGURE.split(_first_words(after), maxsplit=1)[0]  # "(dự án) FDI mới"
    if new.search(ctx.text, q.start, q.end) or new.search(noun_rest):
        return "new "
    return ""


def _added(ctx: SentenceContext, q: Quantity, after: str) -> bool:
    """'additional 3,841 kilometers', '0.9 m2 more than', '3 841 km supplémentaires': an
    amount added to a level, not the level."""
    cues = ctx.lex.concept_cues
    near = max(ctx.start, q.start - _NEAR)
    return bool(
        cues["added_before"].search(ctx.text, near, q.start)
        or cues["added_after"].match(_first_words(after))
    )


def _change_word_just_before(ctx: SentenceContext, q: Quantity) -> bool:
    """'tăng 143.000 đồng', not 'agreed to increase it to 300 billion yen' (the level reached)."""
    near = max(ctx.start, q.start - _NEAR - 8)
    if after_level_word(ctx.text, near, q.start, ctx.lex):
        return False
    return any(
        ctx.lex.cues[name].search(ctx.text, near, q.start) for name in ("increase", "decrease")
    )


def _first_words(text: str) -> str:
    """The words right after a number, for cues that qualify it ("về lượng", "of the plan")."""
    return text.lstrip(" ,")[:40]


def tier(
    ctx: SentenceContext, code: str, q: Quantity, reading: Reading, catalog: ConceptCatalog
) -> str:
    """core for a sector indicator or target, minor for a passing quantity: a listed minor
    concept, a count of minor things (months, tasks, documents) or of how many of a whole did
    something ("63/63 provinces"), a multiple that compares in passing ("by a factor of
    1.2"; but "exports rose 4.4 times" is a change, core), a figure an opinion follows ("8% is
    difficult"), or a count of places or projects written in words ("four provinces")."""
    if code and catalog.tiers.get(code) == MINOR:
        return MINOR
    if _passing_count(ctx, q.unit) and not _level_in_time(code, q.unit):
        return MINOR
    if ctx.lex.concept_cues["opinion"].match(_first_words(ctx.text[q.end : ctx.end])):
        return MINOR  # "8% is difficult, 10% or more is even more difficult": an opinion
    near = ctx.text[max(ctx.start, q.start - 4) : q.end + 4]
    if q.is_amount and q.unit not in vocabulary(ctx.lex).currencies and _OUT_OF.search(near):
        return MINOR  # "63/63 tỉnh", "3/3 chỉ tiêu": how many of a whole did something
    if q.unit in catalog.minor_units and _compares_in_passing(ctx, q, reading):
        return MINOR
    if q.unit in catalog.minor_in_words and not any(c.isdigit() for c in ctx.text[q.start : q.end]):
        return MINOR  # "connecting four northern coastal localities": a count in passing
    return CORE


def _level_in_time(code: str, unit: str) -> bool:
    """'Tuổi thọ trung bình đạt 74,8 tuổi': a life expectancy in years is a level, not a span."""
    return bool(code) and load_concepts().level_units.get(code) == unit


def _passing_count(ctx: SentenceContext, unit: str) -> bool:
    """A count of months, tasks, documents, countries...: the tier's minor things."""
    catalog = load_concepts()
    minor = catalog.minor_counts | vocabulary(ctx.lex).durations
    return bool(unit) and (
        unit in minor or bool(ctx.lex.concept_cues["minor_count"].fullmatch(unit))
    )


def _compares_in_passing(ctx: SentenceContext, q: Quantity, reading: Reading) -> bool:
    """A multiple with no change word, or a factor relating two rates ("by a factor of 1.2"),
    not a growth ("rice exports to Angola were up 5.2 times", "up 4.4 times in volume and 3.9
    times in value")."""
    near = max(ctx.start, q.start - _NEAR)
    factor = ctx.lex.concept_cues["factor"].search(ctx.text, near, q.start)
    return not reading.direction or factor is not None
