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

_DATE_NUMERIC = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/(\d{4})(?![\d/])")
_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{4})(?![\d/])")
_QUARTER_YEAR = re.compile(r"(?<![\w/])[IV]{1,3}/(\d{4})(?![\d/])")
_YEAR = re.compile(r"(?<![\w/.,-])((?:19|20)\d\d)(?![\w/%]|-[^\W\d_]|[.,]\d)")
_YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d")
_DAY_AFTER_MONTH = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?(?![\d/])(?:,?\s+(?:19|20)\d\d)?")
_YEAR_AFTER = re.compile(r"\s+(?:19|20)\d\d")
_PAREN_OR_NEWLINE = re.compile(r"[()\n]")
_WINDOW_CUT = re.compile(r"\d|[.;!?\n(]")
_COUNT_WORD = re.compile(r"(?<![\w])(\d{1,2})(?![\w])")
# How far before a time expression a comparison word may stand ("so với cùng kỳ năm 2022").
_COMPARISON_REACH = 45


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    kind: str  # year | month | ytd | this_month | relative
    year: int | None = None
    month: int | None = None
    offset: int = 0  # for relative years: -1 last year, 0 this year
    comparison: bool = False  # a comparison base, not the claim's own period
    horizon: bool = False  # "to 2025", "đến năm 2030": this sentence's period only

    @property
    def sets_context(self) -> bool:
        return not self.comparison and not self.horizon


def find_time_mentions(text: str, lex: Lexicon) -> list[TimeMention]:
    taken = bytearray(len(text) + 1)  # 1 where an earlier, stronger pattern matched
    found: list[TimeMention] = []

    def add(m: TimeMention | None, span: tuple[int, int]) -> None:
        a, b = span
        if not any(taken[a:b]):
            taken[a:b] = b"\x01" * (b - a)
            if m is not None:
                found.append(m)

    # Dates and spans first: they swallow the years inside them.
    for m in _DATE_NUMERIC.finditer(text):
        add(None, m.span())
    for m in _date_with_month_name(text, lex):
        add(None, m)
    for m in _YEAR_SPAN.finditer(text):
        add(None, m.span())
    if lex.re_month_number is not None:
        for m in lex.re_month_number.finditer(text):
            year = int(m.group("year")) if m.group("year") else None
            add(TimeMention(m.start(), m.end(), "month", year, int(m.group("month"))), m.span())
    for m in _MONTH_YEAR.finditer(text):
        month = int(m.group(1))
        if 1 <= month <= 12:
            add(TimeMention(m.start(), m.end(), "month", int(m.group(2)), month), m.span())
    for m in _QUARTER_YEAR.finditer(text):
        add(TimeMention(m.start(), m.end(), "year", int(m.group(1))), m.span())
    for m in lex.re_month_name.finditer(text):
        after = re.match(r"[\s,]+((?:19|20)\d\d)(?!\d)", text[m.end() : m.end() + 8])
        end = m.end() + after.end() if after else m.end()
        year = int(after.group(1)) if after else None
        month = lex.months[norm_key(m.group("month"))]
        add(TimeMention(m.start("month"), end, "month", year, month), (m.start("month"), end))
    for m in _YEAR.finditer(text):
        horizon = bool(lex.re_horizon.search(text, max(0, m.start() - 25), m.start()))
        add(TimeMention(m.start(), m.end(), "year", int(m.group(1)), horizon=horizon), m.span())
    for m in lex.re_relative_year.finditer(text):
        offset = lex.relative_years[norm_key(m.group())]
        add(TimeMention(m.start(), m.end(), "relative", offset=offset), m.span())
    for m in lex.re_year_to_date.finditer(text):
        add(TimeMention(m.start(), m.end(), "ytd"), m.span())
    for m in _first_months(text, lex):
        add(TimeMention(m[0], m[1], "ytd"), m)
    for m in lex.re_this_month.finditer(text):
        add(TimeMention(m.start(), m.end(), "this_month"), m.span())
    yoy_spans = [m.span() for m in lex.cues["yoy"].finditer(text)]
    marked: list[TimeMention] = []
    for t in sorted(found, key=lambda t: t.start):
        t = _mark_comparison(text, t, lex, yoy_spans)
        # "so với 5 tháng đầu năm 2019": what directly continues a comparison base is one too.
        between = text[marked[-1].end : t.start] if marked else ""
        if marked and marked[-1].comparison and not between.strip(" \t-–—,("):
            t = TimeMention(t.start, t.end, t.kind, t.year, t.month, t.offset, True, t.horizon)
        marked.append(t)
    return marked


def _date_with_month_name(text: str, lex: Lexicon):
    """'December 22, 2024', 'May 16', '22 décembre 2024': dates, never periods."""
    for m in lex.re_month_bare.finditer(text):
        after = _DAY_AFTER_MONTH.match(text, m.end())
        if after:
            yield (m.start(), m.end() + after.end())
            continue
        before = re.search(r"(?<![\d/])\d{1,2}(?:er)?\s+$", text[max(0, m.start() - 6) : m.start()])
        if before:
            year = _YEAR_AFTER.match(text, m.end())
            yield (m.start() - len(before.group()), m.end() + (year.end() if year else 0))


def _first_months(text: str, lex: Lexicon):
    """'the first two months', '9 tháng đầu năm', 'huit mois': the year so far."""
    for m in lex.re_number_word.finditer(text):
        w = lex.re_months_word.match(text, m.end())
        if w and norm_key(m.group()) in lex.number_words:
            yield (m.start(), w.end())
    for m in _COUNT_WORD.finditer(text):
        w = lex.re_months_word.match(text, m.end())
        if w and 1 < int(m.group(1)) < 12:
            yield (m.start(), w.end())


def _mark_comparison(text: str, t: TimeMention, lex: Lexicon, yoy_spans) -> TimeMention:
    window = text[max(0, t.start - _COMPARISON_REACH) : t.start]
    # The comparison word must govern this expression: no number or sentence end between them.
    cut = list(_WINDOW_CUT.finditer(window))
    if cut:
        window = window[cut[-1].end() :]
    # "năm trước" in "cùng kỳ năm trước" is the comparison, not "last year" as a period.
    inside_yoy = t.kind == "relative" and any(
        s <= t.start < e and e - s > t.end - t.start for s, e in yoy_spans
    )
    if inside_yoy or lex.cues["comparison"].search(window):
        return TimeMention(t.start, t.end, t.kind, t.year, t.month, t.offset, True, t.horizon)
    return t


@dataclass(frozen=True)
class Period:
    year: int | None
    month: int | None = None

    @property
    def label(self) -> str:
        if self.year is None:
            return ""
        return f"{self.year}" if self.month is None else f"{self.year}-{self.month:02d}"


def parse_published(published: str | None) -> tuple[int, int | None] | None:
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?", published or "")
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


class PeriodResolver:
    """Answers "what period is the number at this offset about?" for one document."""

    def __init__(self, text: str, lex: Lexicon, published: str | None):
        self.text = text
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
        if not years:
            return self.published[0] if self.published else None
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
        if t.kind == "relative":
            # "last year" means something only when we know when the text was written.
            return Period(self.published[0] + t.offset) if self.published else state
        if t.kind == "ytd":
            return Period(state.year)
        return state  # this_month keeps the month in context

    def period_at(
        self, number_start: int, number_end: int, clause_end: int, sentence_start: int
    ) -> Period:
        """The period of the number spanning [number_start, number_end)."""
        own_parens = self.parens.group_at(number_start, sentence_start)
        lo, hi = bisect_left(self.starts, sentence_start), bisect_left(self.starts, clause_end)
        candidates = [
            (i, self.times[i])
            for i in range(lo, hi)
            if not self.times[i].comparison
            # Inside parentheses, a time expression is seen only from the same parentheses.
            and self.parens.group_at(self.times[i].start, sentence_start) in (None, own_parens)
        ]
        after = [
            (i, t)
            for i, t in candidates
            if number_end <= t.start < min(clause_end, number_end + 25)
            and t.kind in ("year", "month")
        ]
        before = [(i, t) for i, t in candidates if t.end <= number_start]
        if after:
            return self._state_for(after[0][0])
        if before:
            return self._state_for(before[-1][0])
        return self.states_running(lo - 1) if lo else self.default

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

    def group_at(self, pos: int, floor: int = 0) -> int | None:
        """Offset of the "(" of the innermost group around `pos` opened at or after `floor`."""
        i = bisect_left(self.opens, pos) - 1
        while i >= 0 and self.opens[i] >= floor:
            opened, closed = self.pairs[i]
            if closed >= pos:
                return opened
            i -= 1
        return None
