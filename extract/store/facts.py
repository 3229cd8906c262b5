"""The same claim in several documents: linking article versions, grouping facts, agreement.

Pure functions on DataFrames (claims with the schema columns, documents with doc_id, body,
published, source_url, lang).

Versions of one article (the English, French and Vietnamese pages of one ministry report)
are linked when they share a source URL, or when they share a publication date and a body
and many of their numbers.

A fact is what several documents state about one indicator: claims with the same body,
indicator, period, unit, kind and change basis, from at least two documents, share a
`fact_id` (a hash of that key, so it is stable from one run to the next). A claim no other
document repeats keeps an empty `fact_id`: the column says "linked", and nothing else.
A claim without a period takes the period its linked versions state for the same indicator
(a translation may drop "in 2024"); if they state none, it only joins claims of its own
article. A claim without an indicator joins no fact: nothing says what it measures.

Agreement: each claim stands for an interval of values its wording allows, and the sources
of a fact agree when all their intervals overlap.
- exact: the value give or take half its last written digit, read at its scale word
  ("786,3 tỷ" is 786.3 billion, so ± 0.05 billion; "8.4%" is ± 0.05). Two exact values
  thus agree when they are equal once rounded to the coarser precision of the two: "8.4%"
  and "8.5%" do not, "8%" and "8.4%" do.
- approx ("nearly", "près de", "khoảng"): also ± APPROX_TOLERANCE of the value, so
  "nearly 800 billion USD" (760 to 840 billion) agrees with "786,3 tỷ USD".
- more_than / at_least are lower bounds, less_than / at_most upper bounds (on the
  magnitude: "down more than 5%" (-5) allows -7).
- a range covers its low to its high bound.
"""

from __future__ import annotations

import hashlib
import math
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

CLAIM_INPUTS = (
    "claim_id",
    "doc_id",
    "body",
    "indicator",
    "period",
    "unit",
    "kind",
    "change_basis",
    "value",
)
DOCUMENT_INPUTS = ("doc_id", "body", "published", "source_url")

APPROX_TOLERANCE = 0.05  # "nearly", "about": within 5% of the stated value
MIN_SHARED_NUMBERS = 3  # versions of one article repeat most of its figures...
MIN_SHARED_SHARE = 0.5  # ...at least half of the shorter version's distinct numbers
# A number that many documents of one date and body state (10%, 2024's GDP target) tells
# nothing about which article a document is a version of; it is not counted as shared.
COMMON_NUMBER_DOCUMENTS = 50

_FACT_KEY = ("body", "indicator", "period", "unit", "kind", "change_basis")
# what fact_overview reads of a claim: its fact and key, document, language and value
OVERVIEW_INPUTS = ("fact_id", *_FACT_KEY, "doc_id", "lang", "value", "value_max", "qualifier")
_HALF_DIGIT = 0.5 * (1 - 1e-9)
_LOWER_BOUNDS = ("more_than", "at_least")
_UPPER_BOUNDS = ("less_than", "at_most")


def normalized_url(url: str) -> str:
    """The same page whatever its scheme, www. prefix, fragment or trailing slash."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def link_documents(documents: pd.DataFrame, claims: pd.DataFrame) -> pd.Series:
    """article id per doc_id: the smallest doc_id among the versions of its article."""
    doc_ids = documents["doc_id"].astype(str).tolist()
    parent = {doc_id: doc_id for doc_id in doc_ids}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for left, right in _same_url_pairs(documents) + _shared_number_pairs(documents, claims):
        a, b = root(left), root(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return pd.Series({doc_id: root(doc_id) for doc_id in doc_ids}, name="article_id", dtype=object)


def _same_url_pairs(documents: pd.DataFrame) -> list[tuple[str, str]]:
    urls = documents["source_url"].fillna("").astype(str).map(normalized_url)
    firsts = documents.assign(url=urls)[urls != ""].groupby("url")["doc_id"].transform("first")
    return [
        (str(first), str(doc_id))
        for first, doc_id in zip(firsts, documents.loc[firsts.index, "doc_id"], strict=True)
        if first != doc_id
    ]


def _shared_number_pairs(documents: pd.DataFrame, claims: pd.DataFrame) -> list[tuple[str, str]]:
    """Documents of one date and body that state many of the same numbers."""
    known = documents[
        (documents["published"].fillna("") != "") & (documents["body"].fillna("") != "")
    ]
    numbers = (
        claims[["doc_id", "value"]]
        .dropna()
        .assign(number=lambda f: f["value"].map(_significant))
        .merge(known[["doc_id", "published", "body"]], on="doc_id")
        .drop_duplicates(["doc_id", "number"])
    )
    if numbers.empty:
        return []
    block = ["published", "body", "number"]
    spread = numbers.groupby(block)["doc_id"].transform("size")
    numbers = numbers[spread <= COMMON_NUMBER_DOCUMENTS]
    pairs = numbers.merge(numbers, on=block, suffixes=("", "_other"))
    pairs = pairs[pairs["doc_id"] < pairs["doc_id_other"]]
    shared = pairs.groupby(["doc_id", "doc_id_other"]).size().rename("shared").reset_index()
    distinct = numbers.groupby("doc_id").size()
    shorter = np.minimum(
        distinct.reindex(shared["doc_id"]).to_numpy(),
        distinct.reindex(shared["doc_id_other"]).to_numpy(),
    )
    linked = shared[
        (shared["shared"] >= MIN_SHARED_NUMBERS) & (shared["shared"] >= MIN_SHARED_SHARE * shorter)
    ]
    return list(zip(linked["doc_id"], linked["doc_id_other"], strict=True))


def _significant(value: float) -> float:
    """Three significant digits: the same figure survives float noise and unit scaling."""
    return float(f"{value:.3g}")


def assign_fact_ids(claims: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """fact_id per claim (aligned with `claims`), empty for claims no other document states."""
    keys = fact_keys(claims, documents)
    documents_per_key = claims["doc_id"].groupby(keys).transform("nunique")
    return keys.where((keys != "") & (documents_per_key >= 2), "").astype("string")


def fact_keys(claims: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """Each claim's fact key (the fact_id it has once another document states it), empty
    for a claim without an indicator. A claim's key depends only on its own article's
    documents (see `related_documents`), which lets the store recompute keys locally."""
    if claims.empty:
        return pd.Series([], index=claims.index, dtype="string", name="fact_id")
    articles = link_documents(documents, claims)
    doc_body = documents.set_index("doc_id")["body"].fillna("").astype(str)
    frame = claims[list(CLAIM_INPUTS)].copy()
    for column in ("body", "indicator", "period", "unit", "kind", "change_basis"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["article"] = frame["doc_id"].map(articles).fillna(frame["doc_id"])
    frame["body"] = frame["body"].where(frame["body"] != "", frame["doc_id"].map(doc_body))
    frame["body"] = frame["body"].fillna("")
    frame["body"] = _filled_within(frame, "body", ["article"])
    frame["period"] = _filled_within(
        frame, "period", ["article", "body", "indicator", "unit", "kind", "change_basis"]
    )
    # A period makes a fact comparable across articles; without one, only within its own.
    frame["scope"] = frame["article"].where(frame["period"] == "", "")
    key_columns = ["scope", *_FACT_KEY]
    stated = frame[frame["indicator"] != ""]
    keys = pd.Series("", index=claims.index, dtype="string", name="fact_id")
    keys[stated.index] = [
        _fact_id(key) for key in stated[key_columns].itertuples(index=False, name=None)
    ]
    return keys


def related_documents(documents: pd.DataFrame, seeds: pd.DataFrame) -> set[str]:
    """The doc_ids whose article can change when the `seeds` documents (rows like
    `documents`, as they are or as they were) come or go: every document that shares a
    source URL or a (published, body) block with them, transitively. Versions are only
    ever linked within these (link_documents), so keys outside them stay as they are."""
    urls, blocks = _link_places(documents)
    seed_urls, seed_blocks = (set(places) - {""} for places in _link_places(seeds))
    related = documents["doc_id"].isin(seeds["doc_id"])
    while True:
        grown = related | urls.isin(seed_urls) | blocks.isin(seed_blocks)
        if grown.sum() == related.sum():
            return set(documents.loc[related, "doc_id"].astype(str))
        related = grown
        seed_urls |= set(urls[related]) - {""}
        seed_blocks |= set(blocks[related]) - {""}


def _link_places(documents: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per document: its normalised URL and its (published, body) block, "" when unknown."""
    urls = documents["source_url"].fillna("").astype(str).map(normalized_url)
    published = documents["published"].fillna("").astype(str)
    body = documents["body"].fillna("").astype(str)
    blocks = (published + "\x1f" + body).where((published != "") & (body != ""), "")
    return urls, blocks


def _filled_within(frame: pd.DataFrame, column: str, group: list[str]) -> pd.Series:
    """Empty values take the one non-empty value their group states, when there is one."""
    stated = frame[frame[column] != ""]
    seen = stated.groupby(group)[column].agg(["first", "nunique"])
    only = seen["first"].where(seen["nunique"] == 1, "")
    filled = frame[group].merge(only.rename("_only").reset_index(), on=group, how="left")["_only"]
    filled.index = frame.index
    return frame[column].where(frame[column] != "", filled.fillna(""))


def _fact_id(key: tuple) -> str:
    return hashlib.sha1("\x1f".join(map(str, key)).encode()).hexdigest()[:16]


def precision(value: float) -> float:
    """The last written digit's place, read at the value's scale word (thousand, billion...)."""
    if value == 0 or not math.isfinite(value):
        return 1.0
    scale = 1000.0 ** max(0, math.floor(math.log10(abs(value)) / 3))
    mantissa = f"{abs(value) / scale:.6f}".rstrip("0").rstrip(".")
    decimals = len(mantissa.partition(".")[2])
    return scale * 10.0**-decimals


def value_bounds(claims: pd.DataFrame) -> pd.DataFrame:
    """lo and hi per claim: the interval of values its wording allows (see module doc)."""
    low = claims["value"].astype(float)
    high = claims["value_max"].astype(float).fillna(low)
    qualifier = claims["qualifier"].fillna("exact").astype(str)
    # Half a digit, exclusive: 8.4 and 8.5 must not meet at 8.45 through float noise.
    low_margin = low.map(precision) * _HALF_DIGIT
    high_margin = high.map(precision) * _HALF_DIGIT
    approx = qualifier == "approx"
    low_margin = low_margin.where(~approx, np.maximum(low_margin, APPROX_TOLERANCE * low.abs()))
    high_margin = high_margin.where(~approx, np.maximum(high_margin, APPROX_TOLERANCE * high.abs()))
    lo, hi = low - low_margin, high + high_margin
    # Bounds are on the magnitude: "more than 5%" reaches up, "down more than 5%" down.
    negative = low < 0
    open_up = (qualifier.isin(_LOWER_BOUNDS) & ~negative) | (
        qualifier.isin(_UPPER_BOUNDS) & negative
    )
    open_down = (qualifier.isin(_UPPER_BOUNDS) & ~negative) | (
        qualifier.isin(_LOWER_BOUNDS) & negative
    )
    return pd.DataFrame(
        {"lo": lo.where(~open_down, -np.inf), "hi": hi.where(~open_up, np.inf)}, index=claims.index
    )


def fact_overview(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per fact: what it is about, its documents and languages, whether they agree.

    Disagreements first, then facts stated by the most documents.
    """
    linked = claims[claims["fact_id"].fillna("") != ""]
    columns = ["fact_id", *_FACT_KEY, "documents", "languages", "agrees"]
    if linked.empty:
        return pd.DataFrame({name: [] for name in columns})
    bounds = value_bounds(linked)
    grouped = linked.assign(lo=bounds["lo"], hi=bounds["hi"]).groupby("fact_id", sort=False)
    overview = grouped.agg(
        **{column: (column, _first_stated) for column in _FACT_KEY},
        documents=("doc_id", "nunique"),
        languages=("lang", lambda langs: " ".join(sorted(set(langs.dropna())))),
        top=("lo", "max"),
        bottom=("hi", "min"),
    ).reset_index()
    # Pairwise overlapping intervals on a line share a point: one comparison per fact.
    overview["agrees"] = overview["top"] < overview["bottom"]
    return in_overview_order(overview[columns])


def in_overview_order(overview: pd.DataFrame) -> pd.DataFrame:
    """Disagreements first, then facts stated by the most documents (also for overviews
    computed a few facts at a time and put together)."""
    return overview.sort_values(
        ["agrees", "documents", "indicator"],
        ascending=[True, False, True],
        kind="stable",
        ignore_index=True,
    )


def _first_stated(values: pd.Series) -> str:
    return next((value for value in values.dropna() if value), "")


def fact_quotes(claims: pd.DataFrame, fact_id: str) -> pd.DataFrame:
    """The claims of one fact, language by language, with the mention as written."""
    quotes = claims[claims["fact_id"] == fact_id].copy()
    quotes["mention"] = [
        sentence[start - sentence_start : end - sentence_start]
        for sentence, start, end, sentence_start in quotes[
            ["sentence", "start", "end", "sentence_start"]
        ].itertuples(index=False, name=None)
    ]
    return quotes.sort_values(["lang", "doc_id", "start"], kind="stable").reset_index(drop=True)
