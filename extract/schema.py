"""The claims table, declared once. Both the extractor and the dashboard import it.

Column meanings follow ../shared/eval/GUIDELINES.md. `conform` is the gate every
writer passes through: a missing or an extra column is an error, never a silent fix.
"""

from __future__ import annotations

import pandas as pd

# name -> pandas dtype. Order here is the column order of every written table.
CLAIM_COLUMNS: dict[str, str] = {
    "claim_id": "string",  # stable hash of (doc content, start, end): same input, same id
    "fact_id": "string",  # shared by claims of one fact across documents (empty until linked)
    "doc_id": "string",  # the document's file name
    "lang": "string",  # en | fr | vi
    "body": "string",  # canonical English name of the reporting body
    # What is measured, the same label in every language: a listed concept in English
    # ("coffee exports change"), or "unlisted: " + the text's own words when no concept in
    # lexicon/concepts.toml names it yet ("unlisted: dịch vụ khác change").
    "indicator": "string",
    "tier": "string",  # core (a sector indicator or target) | minor (a real but passing number)
    "value": "float64",  # normalised number; low bound of a range
    "value_max": "float64",  # high bound of a range, else missing
    "unit": "string",  # %, USD, VND, percentage points, times, tonnes, ... or a count noun
    "qualifier": "string",  # exact | approx | more_than | at_least | less_than | at_most
    "kind": "string",  # actual | target | estimate
    "change_basis": "string",  # yoy | mom | "" (empty)
    "period": "string",  # 2024, or 2023-05 for a month
    "year": "Int64",  # the year of period
    "start": "int64",  # mention offsets: text[start:end] is the mention
    "end": "int64",
    "sentence": "string",  # text[sentence_start:sentence_end] == sentence
    "sentence_start": "int64",
    "sentence_end": "int64",
    "published": "string",  # publication date of the document, ISO (YYYY[-MM[-DD]])
    "source_url": "string",  # where the document was published, when known
    "extractor_version": "string",
}

UNKNOWN_YEAR = 0  # the year partition of claims with no year (Hive paths cannot hold a null)

QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most")
KINDS = ("actual", "target", "estimate")
CHANGE_BASES = ("", "yoy", "mom")
TIERS = ("core", "minor")


class SchemaError(ValueError):
    """A table does not have exactly the declared claims columns."""


def empty_claims() -> pd.DataFrame:
    return conform(pd.DataFrame({name: [] for name in CLAIM_COLUMNS}))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Return `frame` with the declared columns, in order and typed; raise on any mismatch."""
    missing = [c for c in CLAIM_COLUMNS if c not in frame.columns]
    extra = [c for c in frame.columns if c not in CLAIM_COLUMNS]
    if missing or extra:
        raise SchemaError(
            "claims table does not match the schema:"
            + (f" missing {', '.join(missing)}" if missing else "")
            + (f" extra {', '.join(map(str, extra))}" if extra else "")
        )
    return frame[list(CLAIM_COLUMNS)].astype(CLAIM_COLUMNS)
