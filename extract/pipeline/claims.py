"""The pure middle of the extractor: one Document in, its claim rows out.

Nothing here touches files. The flow for a document: language -> sentences -> number
mentions -> periods and attributes -> rows with provenance.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from extract import __version__
from extract.document import DocMeta, Document
from extract.lexicon import Lexicon, load_lexicon
from extract.pipeline.attributes import Reading, SentenceContext, clause_end, read_sentence
from extract.pipeline.bodies import canonical_body, document_body
from extract.pipeline.concepts import ConceptReader
from extract.pipeline.language import detect_language
from extract.pipeline.numbers import Quantity, decimal_mark, find_quantities
from extract.pipeline.periods import PeriodResolver, parse_published
from extract.pipeline.provenance import published_date, source_url
from extract.pipeline.segment import split_sentences
from extract.pipeline.tables import column_period, table_row, with_cells

# A heading: a short line without a full stop (after its numbering, "1.", "II."), not a bullet.
_HEADING = re.compile(r"^(?![-+•*]\s)(?:[\dIVXivx]{1,4}[.)]\s*)?[^\n.!?]{1,120}$", re.MULTILINE)
_HEADING_MAX_WORDS = 12
_BODY_HEAD_CHARS = 5000
_BODY_TAIL_CHARS = 1500


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def claim_id(text_hash: str, start: int, end: int) -> str:
    """Stable across runs: depends only on the document's content and the mention's span."""
    return hashlib.sha1(f"{text_hash}:{start}:{end}".encode()).hexdigest()[:16]


def document_meta(doc: Document) -> DocMeta:
    """The document's metadata: what was given, completed from its own text (only what is
    missing is inferred; a given body name is put in its canonical form when it is known)."""
    given, text = doc.meta, doc.text
    lang = given.lang or detect_language(text)
    if given.body:
        body = canonical_body(given.body) or given.body
    else:
        body = document_body(_opening_and_close(text), lang)
    return replace(
        given,
        lang=lang,
        body=body,
        published=given.published or published_date(text, load_lexicon(lang)),
        source_url=given.source_url or source_url(text),
    )


def _opening_and_close(text: str) -> str:
    """Where an article names who reports it: its opening ("according to the Ministry of
    Finance") and its close ("Source: ...", "Nguồn: Sở Công Thương"). Reading the middle of a
    long report costs time and adds only passing mentions of other bodies."""
    if len(text) <= _BODY_HEAD_CHARS + _BODY_TAIL_CHARS:
        return text
    return text[:_BODY_HEAD_CHARS] + "\n" + text[-_BODY_TAIL_CHARS:]


def extract_document(doc: Document) -> list[dict]:
    meta = document_meta(doc)
    lex = load_lexicon(meta.lang)
    text = doc.text
    mark = decimal_mark(text, lex.decimal_mark)
    resolver = PeriodResolver(text, lex, meta.published)
    published = parse_published(meta.published)
    targets = _target_sections(text, lex)
    rows = []
    text_hash = content_hash(text)
    previous_basis = previous_kind = None
    concepts = ConceptReader()
    for sentence in split_sentences(text, lex.abbreviations):
        quantities = with_cells(
            find_quantities(text, sentence.start, sentence.end, lex, mark),
            table_row(text, sentence.start, sentence.end, lex, mark),
        )
        if not quantities:
            continue
        ends = [clause_end(text, q.end, sentence.end) for q in quantities]
        nexts = [
            min(end, quantities[i + 1].start) if i + 1 < len(quantities) else end
            for i, end in enumerate(ends)
        ]
        periods = [
            resolver.period_at(q.start, q.end, nxt, end, sentence.start)
            for q, nxt, end in zip(quantities, nexts, ends, strict=True)
        ]
        periods = [
            column_period(resolver, text, q, period) if q.column else period
            for q, period in zip(quantities, periods, strict=True)
        ]
        ctx = SentenceContext(
            text=text,
            start=sentence.start,
            end=sentence.end,
            lex=lex,
            times=resolver.times_between,
            published_year=published[0] if published else None,
            early_in_year=bool(published and published[1] == 1),
            section_target=any(a <= sentence.start < b for a, b in targets),
            previous_basis=previous_basis,
            previous_kind=previous_kind,
        )
        readings = read_sentence(ctx, quantities, periods)
        previous_basis = next((r.change_basis for r in reversed(readings) if r.change_basis), None)
        previous_kind = readings[-1].kind if readings else None
        measured = concepts.read(ctx, quantities, readings)
        for q, period, reading, what in zip(quantities, periods, readings, measured, strict=True):
            rows.append(
                _row(doc, meta, text_hash, q, period, reading, what, sentence.start, sentence.end)
            )
    return rows


def _target_sections(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of text under a heading that announces plans or targets."""
    headings = [
        m
        for m in _HEADING.finditer(text)
        if m.group().strip() and len(m.group().split()) <= _HEADING_MAX_WORDS
    ]
    spans = []
    for i, m in enumerate(headings):
        if lex.cues["target_heading"].search(m.group()):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
            spans.append((m.end(), end))
    return spans


def _signed(q: Quantity, reading: Reading) -> tuple[float, float | None]:
    """A fall in a rate of change is negative; a range keeps value <= value_max."""
    if reading.direction != "down" or not q.is_rate or q.value < 0:
        return q.value, q.value_max
    if q.value_max is None:
        return -q.value, None
    return -q.value_max, -q.value


def _row(
    doc, meta: DocMeta, text_hash, q: Quantity, period, reading: Reading, what, s_start, s_end
):
    """One claims row; `what` is (indicator, tier) from concepts.py."""
    value, value_max = _signed(q, reading)
    indicator, tier = what
    return {
        "claim_id": claim_id(text_hash, q.start, q.end),
        "fact_id": "",
        "doc_id": doc.doc_id,
        "lang": meta.lang,
        "body": meta.body or "",
        "indicator": indicator,
        "tier": tier,
        "value": value,
        "value_max": value_max,
        "unit": q.unit,
        "qualifier": q.qualifier,
        "kind": reading.kind,
        "change_basis": reading.change_basis,
        "period": period.label,
        "year": period.year,
        "start": q.start,
        "end": q.end,
        "sentence": doc.text[s_start:s_end],
        "sentence_start": s_start,
        "sentence_end": s_end,
        "published": meta.published or "",
        "source_url": meta.source_url or "",
        "extractor_version": __version__,
    }
