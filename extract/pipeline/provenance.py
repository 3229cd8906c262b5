"""What a document's text says about itself: its source URL and publication date.

Used only where no metadata file says it (metadata always wins).
"""

from __future__ import annotations

import re

from extract.lexicon import Lexicon, norm_key

_SOURCE_URL = re.compile(r"(?im)^\s*(?:source|nguồn|sources?)\s*:\s*(https?://\S+)\s*$")
_NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
_YEAR_IN = re.compile(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])")
# Publication dates stand near the top of an article.
_HEAD_CHARS = 1500
# How far before a date the words that make it an effective date may stand.
_EFFECTIVE_REACH = 25


def source_url(text: str) -> str | None:
    """A 'Source: https://…' line, as news sites print under their articles."""
    m = _SOURCE_URL.search(text)
    return m.group(1).rstrip(".,;)") if m else None


def published_date(text: str, lex: Lexicon) -> str | None:
    """The first full date near the top of the text, as ISO YYYY-MM-DD."""
    head = text[:_HEAD_CHARS]
    found = []
    for m in _NUMERIC_DATE.finditer(head):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= day <= 31 and 1 <= month <= 12 and not _takes_effect(head, m.start(), lex):
            found.append((m.start(), year, month, day))
    for m in lex.re_month_bare.finditer(head):
        month = lex.months[norm_key(m.group())]
        after = re.match(r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)", head[m.end() :])
        before = re.search(r"(\d{1,2})(?:er)?\s+$", head[max(0, m.start() - 6) : m.start()])
        year_after = re.match(r"\s+((?:19|20)\d\d)", head[m.end() :])
        if _takes_effect(head, m.start() - (len(before.group()) if before else 0), lex):
            continue
        if after:
            found.append((m.start(), int(after.group(2)), month, int(after.group(1))))
        elif before and year_after:
            found.append((m.start(), int(year_after.group(1)), month, int(before.group(1))))
    if not found:
        return _lede_date(head)
    _, year, month, day = min(found)
    return f"{year:04d}-{month:02d}-{day:02d}"


def _takes_effect(head: str, pos: int, lex: Lexicon) -> bool:
    """'à partir du 1er janvier 2025', 'from January 1, 2025': a date something starts or ends,
    not the date the text was written."""
    cue = lex.cues.get("effective_date")
    window = head[max(0, pos - _EFFECTIVE_REACH) : pos].rstrip()
    return cue is not None and any(m.end() == len(window) for m in cue.finditer(window))


def _lede_date(head: str) -> str | None:
    """'Chiều 8/1, Bộ Công Thương tổ chức Hội nghị ... năm 2025.': a day/month with the year
    named later in the same sentence dates the event the article reports."""
    for m in _DAY_MONTH.finditer(head):
        day, month = int(m.group(1)), int(m.group(2))
        rest = head[m.end() :]
        stop = re.search(r"[.!?\n]", rest)
        year = _YEAR_IN.search(rest[: stop.start() if stop else len(rest)])
        if year and 1 <= day <= 31 and 1 <= month <= 12:
            return f"{int(year.group(1)):04d}-{month:02d}-{day:02d}"
    return None
