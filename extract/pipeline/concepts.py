"""What each number measures: its indicator label and its tier (core | minor).

Concepts are data: lexicon/concepts.toml lists each one once, in English, with its tier; each
language file names them in its [concepts] table. A number's concept is the phrase nearest
before it in its sentence (else the first after it in its clause); the label adds what the
number is of that concept: a level, its change, its share, a multiple.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.lexicon import ConceptCatalog, Lexicon, load_concepts, norm_key
from extract.pipeline.attributes import Reading, SentenceContext, clause_end
from extract.pipeline.numbers import Quantity

CORE, MINOR = "core", "minor"
_NEAR = 12  # characters: a cue this close before a number governs it ("by a factor of 1.2")


def concept_code(text: str, sent_start: int, q: Quantity, clause_end_: int, lex: Lexicon) -> str:
    """The concept nearest before the number in its sentence, else the first after it."""
    before = list(lex.re_concept.finditer(text, sent_start, q.start))
    if before:
        best = max(before, key=lambda m: (m.end(), m.end() - m.start()))
        return lex.concepts[norm_key(best.group())]
    after = lex.re_concept.search(text, q.end, clause_end_)
    return lex.concepts[norm_key(after.group())] if after else ""


def label(concept: str, q: Quantity, reading: Reading) -> str:
    """'exports', 'exports change', 'exports share' ... from a concept's English label.

    A rate is a change only when a change word governs it ("grew by 8.4%"); otherwise it is
    the level of a rate ("the unemployment rate stood at 2.2%")."""
    if not concept:
        return ""
    if q.unit == "times":
        return f"{concept} multiple"
    if q.is_rate and reading.share:
        return f"{concept} share"
    if q.is_rate and reading.direction:
        return f"{concept} change"
    return concept


def tier(
    ctx: SentenceContext, code: str, q: Quantity, reading: Reading, catalog: ConceptCatalog
) -> str:
    """core for a sector indicator or target, minor for a passing quantity: a listed minor
    concept, a count of minor things (months, tasks, documents), or a multiple that compares
    in passing ("by a factor of 1.2"; but "exports rose 4.4 times" is a change, core)."""
    if code and catalog.tiers.get(code) == MINOR:
        return MINOR
    if q.unit in catalog.minor_counts:
        return MINOR
    if q.unit in catalog.minor_units:
        near = max(ctx.start, q.start - _NEAR)
        factor = ctx.lex.concept_cues["factor"].search(ctx.text, near, q.start)
        if not reading.direction or factor is not None:
            return MINOR
    return CORE


def read_concepts(
    ctx: SentenceContext, quantities: Sequence[Quantity], readings: Sequence[Reading]
) -> list[tuple[str, str]]:
    """(indicator, tier) for every quantity of one sentence, in order."""
    catalog = load_concepts()
    out = []
    for q, reading in zip(quantities, readings, strict=True):
        end = clause_end(ctx.text, q.end, ctx.end)
        code = concept_code(ctx.text, ctx.start, q, end, ctx.lex)
        out.append(
            (label(catalog.labels.get(code, ""), q, reading), tier(ctx, code, q, reading, catalog))
        )
    return out
