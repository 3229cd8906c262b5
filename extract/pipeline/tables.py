"""Flattened tables: a header of periods, then rows of a label, its unit and numbers.

A table copied out of a web page or a PDF loses its grid and keeps its words in order:
"Quý III/2019 Quý III/2020 ... Thu nhập triệu đồng 5.9 5.8 ...". A line that ends in two or
more bare numbers after a label ending in a unit ("triệu đồng", "(%)", "tỷ kWh") is a row:
each number is a claim in that unit, about the period of its column in the nearest header
line above (or before the label on the same line) that names as many periods.
"""

from __future__ import annotations

import re

from extract.lexicon import Lexicon, norm_key
from extract.pipeline.numbers import Quantity, parse_number
from extract.pipeline.periods import Period, PeriodResolver
from extract.pipeline.units import unit_after, vocabulary

# Two or more bare numbers ending a line: the cells of a row.
_CELLS = re.compile(r"(?:[ \t\u00a0]+\d+(?:[.,]\d+)*(?![\w/]))+[ \t\u00a0]*$")
_CELL = re.compile(r"\d+(?:[.,]\d+)*")
_LABEL_PUNCTUATION = " \t\u00a0()[],:;"
# How many words at the end of a label may name its unit ("triệu đồng", "nghìn tỷ đồng").
_UNIT_WORDS = 4
# How many lines above a row its header may stand.
_HEADER_LINES = 8


def table_row(text: str, start: int, end: int, lex: Lexicon, mark: str) -> list[Quantity]:
    """The cells of the line `text[start:end]` if it is a table row, else []."""
    if not text[start:end].rstrip()[-1:].isdigit():
        return []  # most lines: no number at the end, nothing to scan for
    m = _CELLS.search(text, start, end)
    if m is None:
        return []
    cells = list(_CELL.finditer(text, m.start(), m.end()))
    if len(cells) < 2:
        return []
    unit_scale = _row_unit(text[start : m.start()], lex)
    if unit_scale is None:
        return []
    unit, scale = unit_scale
    return [
        Quantity(
            start=c.start(),
            end=c.end(),
            value=parse_number(c.group(), mark)[0] * scale,
            value_max=None,
            unit=unit,
            qualifier="exact",
            column=(i, len(cells)),
        )
        for i, c in enumerate(cells)
    ]


def _row_unit(label: str, lex: Lexicon) -> tuple[str, float] | None:
    """The unit and scale a row label ends with: "Thu nhập triệu đồng" -> VND, 1e6."""
    vocab = vocabulary(lex)
    for first in list(re.finditer(r"\S+", label))[-_UNIT_WORDS:]:
        phrase = label[first.start() :].strip(_LABEL_PUNCTUATION)
        pos, scale = 0, 1.0
        while m := lex.re_scale.match(phrase, pos):
            scale *= lex.scale[norm_key(m.group())]
            pos = m.end()
        unit = unit_after(phrase, pos, len(phrase), vocab)
        link = unit is None and scale != 1.0 and lex.re_unit_link.match(phrase, pos)
        if link:  # "millions de tonnes"
            unit = unit_after(phrase, link.end(), len(phrase), vocab)
        end = unit[0] if unit else pos
        if end and end == len(phrase) and (unit is None or unit[1] not in vocab.durations):
            return (unit[1] if unit else ""), scale
    return None


def with_cells(quantities: list[Quantity], cells: list[Quantity]) -> list[Quantity]:
    """A row's quantities: what was read before its cells, then the cells."""
    if not cells:
        return quantities
    return [q for q in quantities if q.end <= cells[0].start] + cells


def column_period(resolver: PeriodResolver, text: str, cell: Quantity, fallback: Period) -> Period:
    """The period of a cell: its column's, in the nearest header that names enough periods
    (the row's own line before its cells, then the lines above)."""
    index, columns = cell.column
    line_start, limit = text.rfind("\n", 0, cell.start) + 1, cell.start
    for _ in range(_HEADER_LINES):
        times = [
            t
            for t in resolver.times_between(line_start, limit)
            if t.kind in ("year", "month") and not t.comparison
        ]
        if len(times) >= columns:
            t = times[len(times) - columns + index]
            return resolver.period_at(t.start, t.start, t.end, t.end, t.start)
        if line_start == 0:
            break
        limit = line_start - 1
        line_start = text.rfind("\n", 0, limit) + 1
    return fallback
