"""The pure middle of the extractor: one Document in, its claim rows out.

Nothing here touches files. `extract_document` is what every caller uses (the
command line job, the store, the benchmarks).
"""

from __future__ import annotations

import hashlib
import re

from extract import __version__
from extract.document import Document
from extract.schema import CLAIM_COLUMNS

_PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s?%")  # placeholder until numbers.py lands


def claim_id(doc: Document, start: int, end: int) -> str:
    """Stable across runs: depends only on the document's content and the mention's span."""
    digest = hashlib.sha1(f"{doc.text}\x00{start}:{end}".encode()).hexdigest()
    return digest[:16]


def extract_document(doc: Document) -> list[dict]:
    rows = []
    for m in _PERCENT.finditer(doc.text):
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        line_end = doc.text.find("\n", m.end())
        line_end = len(doc.text) if line_end == -1 else line_end
        rows.append(
            {
                "claim_id": claim_id(doc, m.start(), m.end()),
                "fact_id": "",
                "doc_id": doc.doc_id,
                "lang": doc.meta.lang or "",
                "body": doc.meta.body or "",
                "indicator": "",
                "value": float(m.group().rstrip("% ").replace(",", ".")),
                "value_max": None,
                "unit": "%",
                "qualifier": "exact",
                "kind": "actual",
                "change_basis": "",
                "period": "",
                "year": None,
                "start": m.start(),
                "end": m.end(),
                "sentence": doc.text[line_start:line_end],
                "sentence_start": line_start,
                "sentence_end": line_end,
                "published": doc.meta.published or "",
                "source_url": doc.meta.source_url or "",
                "extractor_version": __version__,
            }
        )
    assert all(set(r) == set(CLAIM_COLUMNS) for r in rows)
    return rows
