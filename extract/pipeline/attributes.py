"""What each number in a sentence is: its sign, kind and change basis, and whether it is a share.

What it measures (its indicator and tier) is read in concepts.py.

Every decision reads the words around the number in its own sentence. The words between
the previous number and this one (the number's "window") govern it; a number with no cue
of its own in a list ("up 46%, poultry feed 22%") takes the previous number's.
All offsets are absolute offsets into the document text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extract.lexicon import Lexicon, norm_key
from extract.pipeline.nouns import count_noun_after
from extract.pipeline.numbers import Quantity
from extract.pipeline.periods import YEAR_AFTER_MONTH, Period, TimeMention, lists_on

# A following number belongs to the same comparison ("quý I giảm 4,81%, quý II giảm 5,25% so
# với cùng kỳ") when at most this many words stand between them.
_LIST_GAP_WORDS = 4
_WORD = re.compile(r"[^\W_]+")
# How far after a comparison word its object may lie ("compared to the same period last year").
_COMPARISON_REACH = 40
# How far after "the same period" its year may stand ("cùng kỳ năm 2019", "same period of 2019").
_NAMED_YEAR_REACH = 8
# How close before a result verb a goal or estimate word governs it ("phấn đấu đạt").
_GOVERNS_GAP = 3
# A plan word at most this many words before a number names it ("mục tiêu đã điều chỉnh (12").
_PLAN_NAMES_GAP = 5
# How far before a plan word the word that makes it a comparison base may stand.
_PLAN_BASE_REACH = 25
# How far before a number a share word may stand ("accounting for 79%").
_SHARE_REACH = 30
# How far after a subject's number its verb may stand, and what ends the subject first.
_PREDICATE_REACH = 25
_PREDICATE_STOP = re.compile(r"[\d,.;:()]")
_YEAR_END = re.compile(r"(?<![\d.,])(?:19|20)\d\d$")
# How far "from" may stand before a starting level, and its level after it ("in 2020 to").
_MOVEMENT_GAP = 20
_CLAUSE_STOP = re.compile(r"[.;!?\n]")

TimesBetween = Callable[[int, int], list[TimeMention]]


@dataclass(frozen=True)
class Reading:
    """The attributes of one quantity, decided from its sentence."""

    direction: str  # "up" | "down" | ""
    kind: str
    change_basis: str
    share: bool  # a share of a total ("accounting for 79%", "bằng 70,7% KH năm")
    starting: bool = False  # the level a movement starts from ("from 10,035 to 3,321")


@dataclass(frozen=True)
class SentenceContext:
    text: str
    start: int
    end: int
    lex: Lexicon
    times: TimesBetween
    published_year: int | None
    early_in_year: bool  # published in January: a whole-year figure for this year is a plan
    section_target: bool  # under a heading such as "Chỉ tiêu kế hoạch năm 2020"
    previous_basis: str | None = None  # the last change basis of the sentence before
    previous_kind: str | None = None  # the kind of the last number of the sentence before


def _last(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the last match is wanted
        pass
    return found


def direction(text: str, start: int, end: int, lex: Lexicon) -> str:
    """'down' when the nearest change word before `end` is a fall (and not a fall *to* a level)."""
    down = _last(lex.cues["decrease"], text, start, end)
    up = _last(lex.cues["increase"], text, start, end)
    if down is None and up is None:
        return ""
    if down is not None and (up is None or down.start() > up.start()):
        rest = text[down.end() : end].lstrip()
        if lex.cues["level_after_change"].match(rest):
            return ""
        return "" if after_level_word(text, down.end(), end, lex) else "down"
    return "up"


def _has_change_word(text: str, start: int, end: int, lex: Lexicon) -> bool:
    return any(lex.cues[name].search(text, start, end) for name in ("increase", "decrease"))


def after_level_word(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """'fell 5% to 16.3%', 'giảm 0,5% xuống còn 16,3%': the number at `end` comes right after
    "to" (qualifiers aside), so it is the level reached, not the change."""
    level = _last(lex.cues["level_after_change"], text, start, end)
    if level is None:
        return False
    between = text[level.end() : end].strip()
    lead = lex.re_qualifier_lead.match(between)
    return between == "" or (lead is not None and lead.end() == len(between))


def kind_cue(
    text: str, start: int, end: int, lex: Lexicon, after_number: bool = False
) -> tuple[str, bool] | None:
    """('actual' | 'estimate' | 'target', is_strong) from the kind cue nearest to `end`.

    A reported result ("đạt", "reached", "atteint") is actual unless a goal or an estimate
    governs its verb ("phấn đấu đạt", "expected to reach"); a plan word that is the base of a
    comparison ("đạt 99% kế hoạch", "of the plan", "vượt chỉ tiêu") is no cue at all."""
    hits = []
    for name in ("estimate", "target_strong", "target_weak", "actual"):
        m = _last_live(lex, name, text, start, end, after_number)
        if m is not None:
            hits.append((m.start(), -m.end(), name, m))
    if not hits:
        return None
    _, _, name, m = max(hits)
    if name == "actual":
        governing = [h for h in hits if h[2] != "actual" and -h[1] >= m.start() - _GOVERNS_GAP]
        if not governing:
            return ("actual", True)
        name = max(governing)[2]
    return ("estimate", True) if name == "estimate" else ("target", name == "target_strong")


def _last_live(
    lex: Lexicon, name: str, text: str, start: int, end: int, after_number: bool
) -> re.Match | None:
    """The last cue `name` in text[start:end] that is not the base of a comparison."""
    found = None
    for m in lex.cues[name].finditer(text, start, end):
        if name.startswith("target") and _is_plan_base(
            text, start, m.start(), end, lex, after_number
        ):
            continue
        found = m
    return found


def _is_plan_base(
    text: str, start: int, pos: int, end: int, lex: Lexicon, after_number: bool
) -> bool:
    """Whether the plan word at `pos` is what a number is compared with: right after a number
    ("99% kế hoạch", "126 plans") or after a word that compares ("so với", "of the", "du")."""
    before = text[max(start, pos - _PLAN_BASE_REACH) : pos].rstrip()
    # (a year is no number: "GDP growth in 2025 would be 8%")
    if (before[-1:].isdigit() and not _YEAR_END.search(before)) or before.endswith("%"):
        return True
    if after_number and lex.cues["plan_base"].fullmatch(text[start:pos].strip()):
        return True  # "35 % du plan fixé, contre 34 %": the base of the number before
    # "đạt mục tiêu đã điều chỉnh (12-13 triệu lượt)": a plan word just before the number
    # names it, whatever stands before the plan word.
    if len(_WORD.findall(text, pos, end)) <= _PLAN_NAMES_GAP:
        return False
    return any(m.end() == len(before) for m in lex.cues["plan_base"].finditer(before))


def change_basis(
    text: str, start: int, end: int, lex: Lexicon, period: Period, times: TimesBetween
) -> str | None:
    """yoy / mom from the first comparison in text[start:end]; '' for a comparison with
    anything else ("so với 5 tháng đầu năm 2019"); None when there is no comparison at all."""
    found = [
        (m.start(), name, m)
        for name in ("rate_comparison", "comparison", "yoy", "mom")
        if (m := lex.cues[name].search(text, start, end)) is not None
    ]
    if not found:
        return None
    _, name, m = min(found, key=lambda f: f[0])
    if name == "rate_comparison":
        return ""
    if name != "comparison":
        return name  # "year-on-year"; "(cùng kỳ năm 2022 tăng 9,3%)" names the number's own year
    reach = min(end, m.end() + _COMPARISON_REACH)
    objects = [
        (o.start(), obj, o)
        for obj in ("yoy", "mom")
        if (o := lex.cues[obj].search(text, m.end(), reach)) is not None
    ]
    if objects:
        _, obj, o = min(objects, key=lambda f: f[0])
        return _same_period_of(obj, o, period, times)
    month = lex.re_month_bare.search(text, m.end(), reach)
    if month is not None and period.month is not None:
        year = YEAR_AFTER_MONTH.match(text, month.end())  # "compared with June 2019"
        named = TimeMention(
            month.start(),
            month.end(),
            "month",
            int(year.group(1)) if year else None,
            lex.months[norm_key(month.group())],
        )
        return _basis_of_named_time(named, period)
    for t in times(m.end(), reach):
        return _basis_of_named_time(t, period)
    return ""


def _same_period_of(name: str, m: re.Match, period: Period, times: TimesBetween) -> str:
    """yoy / mom as the object of a comparison, unless the same period is of a named year other
    than the year before ("so với cùng kỳ năm 2019" for a figure of 2022 has no basis)."""
    named = times(m.end(), m.end() + _NAMED_YEAR_REACH)
    if name == "yoy" and named and named[0].year is not None and period.year is not None:
        return "yoy" if named[0].year == period.year - 1 else ""
    return name


def _basis_of_named_time(t: TimeMention, period: Period) -> str:
    """The basis a comparison with a named month or year means for a number about `period`:
    the month before is mom, the same month or the year before is yoy ("so với tháng
    10/2023" for October 2024), anything else is no basis."""
    if t.month is not None and period.month is not None:
        if t.month == (period.month - 2) % 12 + 1 and t.year in (None, _year_of_previous(period)):
            return "mom"
        same_month_last_year = t.month == period.month and t.year is not None
        return "yoy" if same_month_last_year and t.year == (period.year or 0) - 1 else ""
    if t.year is not None and period.year is not None:
        return "yoy" if t.year == period.year - 1 else ""
    return ""


def _year_of_previous(period: Period) -> int | None:
    if period.year is None or period.month is None:
        return period.year
    return period.year - 1 if period.month == 1 else period.year


def read_sentence(
    ctx: SentenceContext, quantities: Sequence[Quantity], periods: Sequence[Period]
) -> list[Reading]:
    """Attributes for every quantity of one sentence, in order."""
    text, lex = ctx.text, ctx.lex
    readings: list[Reading] = []
    # The lead comparison stands before the first rate ("sản phẩm tăng so với cùng kỳ năm
    # trước như: quần áo tăng 95,17%; ..."); a "trong đó" / "of which" / "dont" list goes on
    # with the comparison of the sentence before.
    first_rate = next((i for i, q in enumerate(quantities) if q.is_rate), None)
    lead_basis = (
        change_basis(
            text, ctx.start, quantities[first_rate].start, lex, periods[first_rate], ctx.times
        )
        if first_rate is not None
        else None
    )
    if lead_basis is None and lex.cues["list_opener"].match(text, ctx.start):
        lead_basis = ctx.previous_basis
    for i, q in enumerate(quantities):
        period = periods[i]
        prev = quantities[i - 1] if i else None
        window_start = prev.end if prev else ctx.start
        end_of_clause = clause_end(text, q.end, ctx.end)

        # A share ("bằng 70,7% KH năm", "accounting for 79%") is a level, never a change; a
        # change word after the share word wins ("soit une hausse de 9,4 %").
        share_cue = _last(
            lex.cues["share"], text, max(window_start, q.start - _SHARE_REACH), q.start
        )
        share = (
            share_cue is not None and not direction(text, share_cue.end(), q.start, lex)
        ) or bool(lex.cues["share_after"].match(text, _skip_spaces(text, q.end)))
        # The last change before this one (levels and shares between are passed over).
        prev_rate = next(
            (
                r
                for p, r in zip(quantities[:i][::-1], readings[::-1], strict=True)
                if p.is_rate and r.direction and not r.share
            ),
            None,
        )

        # "a 60-70% reduction": a quantity that is itself a cut stays positive.
        cut = "cut_after" in lex.cues and lex.cues["cut_after"].match(
            text, _skip_spaces(text, q.end)
        )
        # A change word governs the numbers of its own clause only.
        clause_start = text.rfind(";", window_start, q.start) + 1 or window_start
        dir_ = "" if share or cut else direction(text, clause_start, q.start, lex)
        if dir_ == "down" and _cuts_its_object(text, q, ctx.end, lex):
            cut, dir_ = True, ""
        if not dir_ and not share and not cut and q.is_rate and text.startswith("+", q.start):
            dir_ = "up"  # "(+12,97%)": a rate written with its sign is a change
        # "cement down 18%, footwear 22%", "up 4.4 times in volume and 3.9 times in value": a
        # like number with no change word of its own, in the same clause, changes the same way
        # (not the level after "to": "fell 5% to 16.3%").
        if (
            not dir_
            and not share
            and not cut
            and prev is not None
            and prev.unit == q.unit
            and not q.is_amount
            and clause_end(text, prev.end, ctx.end) >= q.start
            and not _has_change_word(text, prev.end, q.start, lex)
            and not after_level_word(text, prev.end, q.start, lex)
        ):
            dir_ = readings[-1].direction

        kind = _kind(ctx, window_start, q, quantities[:i], readings, period)
        nxt = quantities[i + 1] if i + 1 < len(quantities) else None
        starting = nxt is not None and _starts_a_movement(ctx, q, nxt)
        if starting:
            kind = "actual"  # "will fall from 10,035 to 3,321": where it stands now

        basis = ""
        if q.is_rate and not dir_ or share:
            # A level or a share ("đạt 95,1% (tăng 2%)", "bằng 32% so với cùng kỳ") has a basis
            # only from a comparison right after it, never one carried from its neighbours.
            nxt = quantities[i + 1].start if i + 1 < len(quantities) else end_of_clause
            basis = change_basis(text, q.end, min(nxt, end_of_clause), lex, period, ctx.times)
        elif q.is_rate or dir_:
            basis = _forward_basis(ctx, quantities, i, end_of_clause, period)
            if basis is None:
                basis = _parenthetical_basis(ctx, q, period)
            if basis is None:
                # A list under one comparison: "tăng 10,7% so với cùng kỳ ...; may mặc tăng 11,1%"
                # (but a target after a result is not part of the result's list).
                same_list = prev_rate is not None and prev_rate.kind == kind
                basis = prev_rate.change_basis if same_list else lead_basis
            if not basis and end_of_clause < ctx.end:
                # Coordinated clauses share a comparison stated after them: "xi măng giảm 8%;
                # xuất khẩu giảm 15% so với cùng kỳ năm 2022".
                basis = _later_clause_basis(ctx, quantities, i, end_of_clause, period) or basis
        basis = basis or ""

        readings.append(Reading(dir_, kind, basis, share, starting))
    return readings


def _cuts_its_object(text: str, q: Quantity, limit: int, lex: Lexicon) -> bool:
    """ "giảm tối thiểu 15% đầu mối", "cut 15% jobs": a share followed by what it takes away
    is the cut itself, so it stays positive ("xuất khẩu giảm 5% so với cùng kỳ" is a fall)."""
    noun = count_noun_after(text, q.end, limit, lex, value=2.0, is_word=False)
    return q.unit == "%" and noun is not None


def _kind(ctx, window_start, q, earlier: Sequence[Quantity], readings, period: Period) -> str:
    """The kind from the number's own cue, else carried along its sentence: a target makes the
    numbers after it targets until a reported result; an estimated amount makes the amounts
    after it estimates."""
    cue = kind_cue(ctx.text, window_start, q.start, ctx.lex, after_number=bool(earlier))
    if ctx.lex.cues["estimate"].search(ctx.text, q.start, q.end):
        cue = ("estimate", True)  # "an estimated 2.83 million tonnes": the cue is in the mention
    if cue is None and not earlier and _future_predicate(ctx, q):
        cue = ("target", False)  # "the 109-kilometer expressway will run through ..."
    # A movement's starting level is no link of the list: "to 3,321" goes on with the target.
    prev_reading = next((r for r in reversed(readings) if not r.starting), None)
    # "... will be reduced to 3,321 units. These include 2,636 communes": a list that goes on
    # from the sentence before goes on with its kind.
    prev_kind = prev_reading.kind if prev_reading else _carried_kind(ctx)
    prev_amount, prev_amount_end = next(
        ((r, p.end) for p, r in zip(earlier[::-1], readings[::-1], strict=True) if p.is_amount),
        (None, 0),
    )
    # "estimated at 160.4 trillion VND, up 3.1%, and that from crude oil at 5.3 trillion VND":
    # the estimate carries to the next amount unless a new indicator is named in between.
    same_subject = (
        prev_amount is not None
        and ctx.lex.re_concept.search(ctx.text, prev_amount_end, q.start) is None
    )
    kind = "actual"
    reported = cue is not None and cue[0] == "actual"  # "đạt", "reached": a result
    # with no publication date to tell, a future word ("will", "sẽ") is taken at its word
    not_past = ctx.published_year is None or (
        period.year is not None and period.year >= ctx.published_year
    )
    if reported:
        if _goal_goes_on(ctx, q, prev_reading, not_past):
            kind = "target"
    elif cue is not None:
        name, strong = cue
        if strong or not_past:
            kind = name
    elif prev_kind == "target":
        kind = "target"
    elif same_subject and prev_amount.kind == "estimate" and q.is_amount:
        kind = "estimate"
    if kind == "actual" and period.year is not None and ctx.published_year is not None:
        ahead = period.year > ctx.published_year
        this_year_in_january = (
            ctx.early_in_year and period.year == ctx.published_year and period.month is None
        )
        if ahead or this_year_in_january:
            kind = "target"
    if kind == "actual" and ctx.section_target:
        kind = "target"
    return kind


def _starts_a_movement(ctx: SentenceContext, q: Quantity, nxt: Quantity) -> bool:
    """'from 10,035 to 3,321', 'passé de 705 à 696', 'từ 10.035 xuống 3.321': the number after
    "from" with the level it moves to right after it."""
    lex = ctx.lex
    before = ctx.text[max(ctx.start, q.start - _MOVEMENT_GAP) : q.start].rstrip()
    between = ctx.text[q.end : nxt.start].rstrip()
    return (
        len(between) <= _MOVEMENT_GAP
        and not _CLAUSE_STOP.search(between)
        and any(m.end() == len(before) for m in lex.cues["movement_from"].finditer(before))
        and any(m.end() == len(between) for m in lex.cues["movement_to"].finditer(between))
    )


def _future_predicate(ctx: SentenceContext, q: Quantity) -> bool:
    """Whether the sentence's first number stands in a subject whose verb, right after it, is
    in the future tense ("the 109-kilometer expressway will run", "tuyến dài 109 km sẽ")."""
    after = ctx.text[q.end : min(ctx.end, q.end + _PREDICATE_REACH)]
    stop = _PREDICATE_STOP.search(after)
    return ctx.lex.cues["target_weak"].search(after[: stop.start() if stop else None]) is not None


def _carried_kind(ctx: SentenceContext) -> str | None:
    """The kind of the sentence before, when this one goes on with its list."""
    return ctx.previous_kind if lists_on(ctx.text, ctx.start, ctx.end, ctx.lex) else None


def _goal_goes_on(ctx, q: Quantity, prev_reading: Reading | None, not_past: bool) -> bool:
    """'đặt mục tiêu đón 18 triệu lượt khách; ... tổng thu đạt 840 nghìn tỷ đồng', 'aims to
    welcome 18 million visitors and reach 840 trillion': a result verb inside a goal's list, for a
    period not yet past, is the goal's verb; a result for a past period ends the list, and so
    does a share of the plan ("đạt 11,6% kế hoạch" is how far the plan got)."""
    after = ctx.text[q.end : q.end + 40].lstrip(" ,")
    return (
        not_past
        and not ctx.lex.concept_cues["plan"].match(after)
        and prev_reading is not None
        and prev_reading.kind == "target"
        and ctx.lex.cues["target_strong"].search(ctx.text, ctx.start, q.start) is not None
    )


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def clause_end(text: str, pos: int, sent_end: int) -> int:
    """Where the clause holding `pos` ends: the next ';' in the sentence, else its end."""
    semi = text.find(";", pos, sent_end)
    return sent_end if semi == -1 else semi


def _forward_basis(ctx: SentenceContext, quantities, i, clause_end, period) -> str | None:
    """The first comparison after the number, passing over a short list of like numbers."""
    q = quantities[i]
    end = clause_end
    for nxt in quantities[i + 1 :]:
        if nxt.start >= clause_end:
            break
        # A coordinated change ("tăng 7,8% lượng hành khách và tăng 4% lượng hàng hóa so với
        # tháng trước") belongs to the same comparison however many words stand between.
        far = len(_WORD.findall(ctx.text, q.end, nxt.start)) > _LIST_GAP_WORDS
        if nxt.is_rate != q.is_rate or (far and not direction(ctx.text, q.end, nxt.start, ctx.lex)):
            end = nxt.start
            break
        found = change_basis(ctx.text, q.end, nxt.start, ctx.lex, period, ctx.times)
        if found is not None:
            return found
        q = nxt
    return change_basis(ctx.text, q.end, end, ctx.lex, period, ctx.times)


def _later_clause_basis(ctx: SentenceContext, quantities, i, own_end, period) -> str | None:
    """The comparison after the next number of the same unit in the clause right after."""
    next_end = clause_end(ctx.text, own_end + 1, ctx.end)
    later = [
        j
        for j in range(i + 1, len(quantities))
        if own_end < quantities[j].start < next_end and quantities[j].unit == quantities[i].unit
    ]
    if not later:
        return None
    first = quantities[later[0]]
    return _forward_basis(
        ctx, quantities, later[0], clause_end(ctx.text, first.end, ctx.end), period
    )


def _parenthetical_basis(ctx: SentenceContext, q: Quantity, period: Period) -> str | None:
    """'(cùng kỳ năm 2022 tăng 9,3%)': a cue before the number inside its own parentheses."""
    open_ = ctx.text.rfind("(", ctx.start, q.start)
    if open_ == -1 or ctx.text.find(")", open_, q.start) != -1:
        return None
    return change_basis(ctx.text, open_ + 1, q.start, ctx.lex, period, ctx.times)
