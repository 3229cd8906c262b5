"""Time expressions in a document and the period each number is about.

A claim's period is, in order of preference: a time expression right after the number
("86.24% in 2021"), the last one before it in its sentence ("in 2023 with 42.46 billion
USD"), or the running context of the document. Comparison bases ("compared to 2022",
"so với cùng kỳ năm 2022") and dates ("January 16, 2025") never set a period; a time
expression inside parentheses counts only inside them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from extract.lexicon import Lexicon, norm_key

# Anchored at the start of a digit run (the scan in `_numeric_time_mentions` checks what
# stands before it): dates, month/year, quarter/year, year spans and years.
_DIGIT_RUN = re.compile(r"\d+")
_DATE_AT = re.compile(r"\d{1,2}/\d{1,2}/\d{4}(?![\d/])")
_MONTH_YEAR_AT = re.compile(r"(\d{1,2})/(\d{4})(?![\d/])")
_QUARTER_BEFORE = re.compile(r"(?<![\w/])[IV]{1,3}/$")
_YEAR_AT = re.compile(r"((?:19|20)\d\d)(?![\w/%]|-[^\W\d_]|[.,]\d)")
_SPAN_AT = re.compile(r"(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)(?!\d)")
_DAY_AFTER_MONTH = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?(?![\d/])(?:,?\s+(?:19|20)\d\d)?")
_MONTH_DASH = re.compile(r"\s*[-–]\s*")
_DAY_BEFORE = re.compile(r"(?<![\d/])\d{1,2}(?:er)?\s+$")
_YEAR_AFTER = re.compile(r"\s+(?:19|20)\d\d")
YEAR_AFTER_MONTH = re.compile(r"[\s,]+((?:19|20)\d\d)(?!\d)")
# How far after a number its own time expression may stand ("en glissement mensuel en septembre").
_AFTER_REACH = 40
# How far into a sentence the verb listing the parts of its subject may stand.
_SUBJECT_REACH = 30
_SUBJECT_STOP = re.compile(r"[.;!?\n]")
_FULL_STOP = re.compile(r"[.!?](?!\d)")
_DIGIT = re.compile(r"\d")
_COMMA = re.compile(r",(?!\d)")  # a comma between clauses, not one inside "5,004"
_VAGUE = ("this_month", "ytd", "relative")
_PAREN_OR_NEWLINE = re.compile(r"[()\n]")
_WINDOW_CUT = re.compile(r"\d|[.;!?\n(]")
# How far before a time expression a comparison word may stand ("so với cùng kỳ năm 2022").
_COMPARISON_REACH = 45
# How far before a year a same-period phrase may stand ("the same period of 2023").
_YOY_REACH = 25
# How many characters may join a same-period phrase to the year it names (" of ", " năm ").
_YOY_JOINT = 6


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    kind: str  # year | month | ytd | this_month | relative | date (read, then dropped)
    year: int | None = None
    month: int | None = None
    offset: int = 0  # for relative years: -1 last year, 0 this year
    comparison: bool = False  # a comparison base, not the claim's own period
    horizon: bool = False  # "to 2025", "đến năm 2030": this sentence's period only
    # "(cùng kỳ năm trước tăng 9,7%)": last year counted from the period in context, not from
    # the publication date
    in_context: bool = False

    @property
    def sets_context(self) -> bool:
        return not self.comparison and not self.horizon


def find_time_mentions(text: str, lex: Lexicon) -> list[TimeMention]:
    """Every time expression of the text, in order, with comparison bases marked."""
    found = sorted(
        [
            *_numeric_time_mentions(text, lex),
            *_worded_time_mentions(text, lex),
            *_decade_end_mentions(text, lex),
        ],
        key=lambda t: (t.start, -t.end),
    )
    marked: list[TimeMention] = []
    for t in found:
        if marked and t.start < marked[-1].end:
            # Overlaps: the precise expression wins ("trong tháng 5/2023" is May 2023).
            if marked[-1].kind in _VAGUE and t.kind not in _VAGUE:
                marked.pop()
            else:
                continue
        t = _mark_comparison(text, t, lex)
        # "so với 5 tháng đầu năm 2019": what directly continues a comparison base is one too.
        between = text[marked[-1].end : t.start] if marked else ""
        if marked and marked[-1].comparison and not between.strip(" \t-–—,("):
            t = TimeMention(t.start, t.end, t.kind, t.year, t.month, t.offset, True, t.horizon)
        marked.append(t)
    return [t for t in marked if t.kind != "date"]


def _numeric_time_mentions(text: str, lex: Lexicon):
    """One pass over the digit runs: dates, year spans, month/year, quarter/year, years."""
    skip_to = 0
    for run in _DIGIT_RUN.finditer(text):
        pos = run.start()
        if pos < skip_to:
            continue
        before = text[pos - 1] if pos else " "
        if before == "/":
            quarter = _QUARTER_BEFORE.search(text, max(0, pos - 5), pos)
            year = _YEAR_AT.match(text, pos)
            if quarter and year:
                yield TimeMention(quarter.start(), year.end(), "year", int(year.group(1)))
            continue
        if before.isdigit() or before in ".,":
            continue
        m = _DATE_AT.match(text, pos)
        if m:
            skip_to = m.end()
            yield TimeMention(pos, m.end(), "date")
            continue
        m = _MONTH_YEAR_AT.match(text, pos)
        if m and 1 <= int(m.group(1)) <= 12:
            skip_to = m.end()
            prefix = lex.re_month_number and lex.re_month_number.search(
                text, max(0, pos - 12), m.end()
            )
            start = prefix.start() if prefix and prefix.end() == m.end() else pos
            yield TimeMention(start, m.end(), "month", int(m.group(2)), int(m.group(1)))
            continue
        if before.isalnum() or before == "-" and pos > 1 and text[pos - 2].isalpha():
            continue
        m = _SPAN_AT.match(text, pos)
        if m:
            # "sur la période 2010-2015", "giai đoạn 2021-2025": a figure over a span is as of
            # its last year, for its own sentence only (like a horizon).
            skip_to = m.end()
            yield TimeMention(pos, m.end(), "year", int(m.group(1)), horizon=True)
            continue
        m = _YEAR_AT.match(text, pos)
        if m:
            horizon = bool(lex.re_horizon.search(text, max(0, pos - 25), pos))
            yield TimeMention(pos, m.end(), "year", int(m.group(1)), horizon=horizon)
            continue
        if lex.re_month_number is not None:
            m = lex.re_month_number.search(text, max(0, pos - 12), run.end() + 1)
            if m and m.start("month") == pos:
                yield TimeMention(m.start(), m.end(), "month", None, int(m.group("month")))
                continue
        months = lex.re_months_word.match(text, run.end())
        if months and 1 < int(run.group()) < 12:
            yield TimeMention(pos, months.end(), "ytd")  # "9 tháng đầu năm", "the first 10 months"


def _worded_time_mentions(text: str, lex: Lexicon):
    """One pass over time words: month names, relative years, year-to-date, this month."""
    for m in lex.re_time_words.finditer(text):
        group = m.lastgroup
        if group == "month":
            yield from _month_name_mention(text, m, lex)
        elif group == "relative":
            offset = lex.relative_years[norm_key(m.group())]
            yield TimeMention(m.start(), m.end(), "relative", offset=offset)
        elif group in ("ytd", "this_month"):
            yield TimeMention(m.start(), m.end(), group)
        else:
            months = lex.re_months_word.match(text, m.end())
            if months:  # "the first two months", "huit mois"
                yield TimeMention(m.start(), months.end(), "ytd")


def _decade_end_mentions(text: str, lex: Lexicon):
    """'by the end of this decade', 'đến cuối thập kỷ này': a horizon, the year ending it."""
    for m in lex.re_decade_end.finditer(text):
        yield TimeMention(m.start(), m.end(), "decade_end", horizon=True)


def _month_name_mention(text: str, m: re.Match, lex: Lexicon):
    month = lex.months[norm_key(m.group())]
    to = _MONTH_DASH.match(text, m.end())
    if to and lex.re_month_bare.match(text, to.end()):  # "January-October": the year so far
        yield TimeMention(m.start(), lex.re_month_bare.match(text, to.end()).end(), "ytd")
        return
    after = _DAY_AFTER_MONTH.match(text, m.end())
    if after:  # "December 22, 2024", "May 16": a date
        yield TimeMention(m.start(), m.end() + len(after.group()), "date")
        return
    day = _DAY_BEFORE.search(text, max(0, m.start() - 6), m.start())
    if day:  # "22 décembre 2024"
        year = _YEAR_AFTER.match(text, m.end())
        yield TimeMention(day.start(), year.end() if year else m.end(), "date")
        return
    if lex.re_month_prefix is not None and not lex.re_month_prefix.search(
        text, max(0, m.start() - 20), m.start()
    ):
        return  # "may" without "in" is a verb, not a month
    year = YEAR_AFTER_MONTH.match(text, m.end())
    end = year.end() if year else m.end()
    yield TimeMention(m.start(), end, "month", int(year.group(1)) if year else None, month)


def _mark_comparison(text: str, t: TimeMention, lex: Lexicon) -> TimeMention:
    window = text[max(0, t.start - _COMPARISON_REACH) : t.start]
    # The comparison word must govern this expression: no number or sentence end between them.
    cut = list(_WINDOW_CUT.finditer(window))
    if cut:
        window = window[cut[-1].end() :]
    # "năm trước" in "cùng kỳ năm trước" is the comparison, not "last year" as a period, and
    # so is the year right after such a phrase ("la même période l'an dernier", "de celui de
    # la même période de 2011") unless the phrase opens a parenthesis about that period
    # ("(cùng kỳ năm 2022 tăng 9,3%)", "(cùng kỳ năm trước tăng 9,7%)").
    inside_yoy = t.kind in ("relative", "year") and any(
        not _opens_parenthesis(text, m.start())
        and (
            (
                t.kind == "relative"
                and m.start() <= t.start < m.end()
                and len(m.group()) > t.end - t.start
            )
            or 0 <= t.start - m.end() <= _YOY_JOINT
        )
        for m in lex.cues["yoy"].finditer(text, max(0, t.start - 30), t.end + 30)
    )
    # "from the State budget for 2023": a year a figure is for is no comparison base
    for_year = t.kind == "year" and lex.re_period_for.search(text, max(0, t.start - 20), t.start)
    if inside_yoy or (lex.cues["comparison"].search(window) and not for_year):
        return TimeMention(t.start, t.end, t.kind, t.year, t.month, t.offset, True, t.horizon)
    if t.kind == "relative" and any(
        _opens_parenthesis(text, m.start()) and m.start() <= t.start < m.end()
        for m in lex.cues["yoy"].finditer(text, max(0, t.start - 30), t.end + 30)
    ):
        return TimeMention(t.start, t.end, t.kind, offset=t.offset, in_context=True)
    return t


def _opens_parenthesis(text: str, pos: int) -> bool:
    return text[max(0, pos - 2) : pos].rstrip().endswith("(")


@dataclass(frozen=True)
class Period:
    year: int | None
    month: int | None = None

    @property
    def label(self) -> str:
        if self.year is None:
            return ""
        return f"{self.year}" if self.month is None else f"{self.year}-{self.month:02d}"


def lists_on(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the sentence text[start:end] goes on with the list of the sentence before: it
    opens by saying so ("These include ...", "Trong đó, ...") or lists the parts of a short
    subject ("Key projects include ...", "Các dự án trọng điểm gồm ...")."""
    start += len(text[start:end]) - len(text[start:end].lstrip())
    if lex.cues["list_continues"].match(text, start):
        return True
    verb = lex.cues["list_verb"].search(text, start, min(end, start + _SUBJECT_REACH))
    return verb is not None and not _SUBJECT_STOP.search(text, start, verb.start())


def parse_published(published: str | None) -> tuple[int, int | None] | None:
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?", published or "")
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


class PeriodResolver:
    """Answers "what period is the number at this offset about?" for one document."""

    def __init__(self, text: str, lex: Lexicon, published: str | None):
        self.text = text
        self.lex = lex
        self.published = parse_published(published)
        self.times = find_time_mentions(text, lex)
        self.starts = [t.start for t in self.times]
        self.parens = Parentheses(text)
        self.default = Period(self._default_year())
        # The running context after each time mention, in document order.
        self.states: list[Period] = []
        state = self.default
        for t in self.times:
            new = self._apply(t, state)
            self.states.append(new)
            if t.sets_context and self.parens.group_at(t.start) is None:
                state = new

    def _default_year(self) -> int | None:
        years = Counter(t.year for t in self.times if t.kind == "year" and t.sets_context)
        if not years and self.published:
            return self.published[0]
        if not years:
            # "up 19.7% over the same period of 2023": a text that names only the years it
            # compares with is about the year after them.
            bases = [
                t.year + 1
                for t in self.times
                if t.comparison
                and t.year is not None
                and self.lex.cues["yoy"].search(self.text, max(0, t.start - _YOY_REACH), t.start)
            ]
            return Counter(bases).most_common(1)[0][0] if bases else None
        best = max(years.values())
        tied = [y for y, n in years.items() if n == best]
        if self.published:
            return min(tied, key=lambda y: (abs(y - self.published[0]), -y))
        return max(tied)

    def _month_year(self, month: int, state: Period) -> int | None:
        if self.published and self.published[1]:
            year, pub_month = self.published
            return year if month <= pub_month else year - 1
        return state.year

    def _apply(self, t: TimeMention, state: Period) -> Period:
        if t.kind == "year":
            return Period(t.year)
        if t.kind == "month":
            return Period(t.year or self._month_year(t.month, state), t.month)
        if t.kind == "relative" and t.in_context and state.year is not None:
            return Period(state.year + t.offset)
        if t.kind == "relative":
            # "last year" means something only when we know when the text was written.
            return Period(self.published[0] + t.offset) if self.published else state
        if t.kind == "ytd":
            return Period(state.year)
        if t.kind == "decade_end":  # written in 2023, "this decade" ends in 2030
            year = self.published[0] if self.published else state.year
            return Period((year // 10 + 1) * 10) if year is not None else state
        return state  # this_month keeps the month in context

    def period_at(
        self,
        mention_start: int,
        mention_end: int,
        next_start: int,
        clause_end: int,
        sentence_start: int,
    ) -> Period:
        """The period of the mention spanning [mention_start, mention_end); `next_start` is where
        the next mention of its clause starts (or the clause end)."""
        own_parens = self.parens.group_at(mention_start, sentence_start)
        lo, hi = bisect_left(self.starts, sentence_start), bisect_left(self.starts, clause_end)
        candidates = [
            (i, self.times[i])
            for i in range(lo, hi)
            if not self.times[i].comparison
            # Inside parentheses, a time expression is seen only from the same parentheses.
            and self.parens.group_at(self.times[i].start, sentence_start) in (None, own_parens)
        ]
        next_start = self._past_conversion(mention_end, next_start, own_parens)
        after = [
            (i, t)
            for i, t in candidates
            if mention_end <= t.start < min(next_start, mention_end + _AFTER_REACH)
            and t.kind in ("year", "month", "decade_end")
            # "đạt 500 tỷ USD, tầm nhìn 2050": a horizon past a comma is the next goal's
            and not (t.horizon and _COMMA.search(self.text, mention_end, t.start))
        ]
        before = [(i, t) for i, t in candidates if t.end <= mention_start]
        # "xây thêm 3.841 km, nâng tổng chiều dài lên 5.004 km vào cuối thập kỷ này", "partis
        # à l'étranger sur la période 2010-2015": a horizon closing the clause is the period of
        # every number in it that names none of its own.
        closing = [
            (i, t)
            for i, t in candidates
            if t.start >= mention_end
            and t.horizon
            and not _COMMA.search(self.text, mention_end, t.start)
        ]
        if after:
            return self._state_for(after[0][0])
        if before:
            return self._state_for(before[-1][0])
        if closing:
            return self._state_for(closing[0][0])
        # "By 2050, Viet Nam will have 41 expressways ... Key projects include ...": a list
        # going on from the sentence before goes on with the horizon that sentence closed on.
        if (
            lo
            and self.times[lo - 1].horizon
            and len(_FULL_STOP.findall(self.text, self.times[lo - 1].end, sentence_start)) <= 1
            and lists_on(self.text, sentence_start, clause_end, self.lex)
        ):
            return self._state_for(lo - 1)
        return self.states_running(lo - 1) if lo else self.default

    def _past_conversion(self, mention_end: int, next_start: int, own_parens: int | None) -> int:
        """Where the number's own time may end: the next number, unless that one is a
        parenthesis right after it ("below 100 billion yen ($854.7 million) in fiscal 2014"):
        then the first digit after the parenthesis that is no time expression."""
        group = self.parens.group_at(next_start, mention_end)
        if group is None or group == own_parens or self.text[mention_end:group].strip():
            return next_start
        reach = mention_end + _AFTER_REACH
        for digit in _DIGIT.finditer(self.text, self.parens.close_of(group), reach):
            k = bisect_left(self.starts, digit.start() + 1) - 1  # the time mention around it
            if k < 0 or self.times[k].end <= digit.start():
                return digit.start()
        return reach

    def times_between(self, start: int, end: int) -> list[TimeMention]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return self.times[lo:hi]

    def _state_for(self, index: int) -> Period:
        """The period a mention sets, applied over the context just before it."""
        t = self.times[index]
        running = self.states_running(index - 1) if index > 0 else self.default
        return self._apply(t, running)

    def states_running(self, index: int) -> Period:
        """The running context after mention `index` (parenthetical and comparison ones skipped)."""
        while index >= 0:
            t = self.times[index]
            if t.sets_context and self.parens.group_at(t.start) is None:
                return self.states[index]
            index -= 1
        return self.default


class Parentheses:
    """Where each parenthesis group of a text opens and closes, for fast look-ups.

    A group left open at the end of a line ends there: a stray "(" never swallows the rest
    of the document.
    """

    def __init__(self, text: str):
        pairs, stack = [], []
        for m in _PAREN_OR_NEWLINE.finditer(text):
            if m.group() == "(":
                stack.append(m.start())
            elif m.group() == ")":
                if stack:
                    pairs.append((stack.pop(), m.start()))
            else:
                pairs.extend((opened, m.start()) for opened in stack)
                stack.clear()
        pairs.extend((opened, len(text)) for opened in stack)
        self.pairs = sorted(pairs)
        self.opens = [opened for opened, _ in self.pairs]

    def close_of(self, opened: int) -> int:
        """Offset of the ")" (or line end) closing the group opened at `opened`."""
        return self.pairs[bisect_left(self.opens, opened)][1]

    def group_at(self, pos: int, floor: int = 0) -> int | None:
        """Offset of the "(" of the innermost group around `pos` opened at or after `floor`."""
        i = bisect_left(self.opens, pos) - 1
        while i >= 0 and self.opens[i] >= floor:
            opened, closed = self.pairs[i]
            if closed >= pos:
                return opened
            i -= 1
        return None
