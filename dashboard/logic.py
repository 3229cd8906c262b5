"""Pure functions behind the pages: filtering, counting, formatting, links and exports.

Nothing here imports Streamlit, so every function is unit-tested on hand-built frames.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import numpy as np
import pandas as pd

from extract.lexicon import LEXICON_DIR, available_languages
from extract.write import csv_text

# filter name (also its URL parameter) -> claims column it selects on
FILTER_COLUMNS: dict[str, str] = {
    "ministry": "body",
    "year": "year",
    "lang": "lang",
    "indicator": "indicator",
    "kind": "kind",
}
SOURCE_URL_PATH = "source"  # the Source page's url_path in app.py
ALL_TIERS = "all"  # URL `tier=all`: minor claims too
MINOR_TIER = "minor"  # schema tier of a real but passing number
QUALIFIER_WORDS = {
    "exact": "",
    "approx": "about",
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "less than",
    "at_most": "at most",
}
LANGUAGE_NAMES = {
    code: f"{tomllib.loads((LEXICON_DIR / f'{code}.toml').read_text('utf-8'))['language']['name']}"
    f" ({code})"
    for code in available_languages()
}
NO_LABEL = "(none)"  # how an empty body / indicator / period shows, in widgets and charts

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_SCALED_UNITS = {"USD", "VND", "EUR"}  # money reads best with scale words: 786.3 billion USD
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# A text fragment longer than this many words is sent as "first words,last words" so the
# link stays short and still matches the whole sentence.
_FRAGMENT_EDGE_WORDS = 5
_WORD = re.compile(r"\S+")
CONTEXT_WORDS = 4  # words either side of a mention in a claim's label


@dataclass(frozen=True)
class Filters:
    """What the sidebar (and the URL) selects. Empty means no restriction."""

    ministry: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    lang: tuple[str, ...] = ()
    indicator: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    q: str = ""
    period_from: str = ""  # first month of the time range (YYYY-MM), URL `from`
    period_to: str = ""  # last month of the time range (YYYY-MM), URL `to`
    all_tiers: bool = False  # minor claims too (URL `tier=all`); core claims only by default

    def as_query_params(self) -> dict[str, list[str] | str]:
        """The URL parameters that reproduce these filters (empty ones left out)."""
        params: dict[str, list[str] | str] = {
            f.name: [option_label(v) for v in getattr(self, f.name)]
            for f in fields(self)
            if f.name in FILTER_COLUMNS and getattr(self, f.name)
        }
        if self.q:
            params["q"] = self.q
        if self.period_from:
            params["from"] = self.period_from
        if self.period_to:
            params["to"] = self.period_to
        if self.all_tiers:
            params["tier"] = ALL_TIERS
        return params


def option_label(value: object) -> str:
    """How a filter option shows in a widget and in the URL."""
    return NO_LABEL if value is None or pd.isna(value) or value == "" else str(value)


def filters_from_url(
    params: Mapping[str, Sequence[str]], options: Mapping[str, Sequence]
) -> tuple[Filters, list[str]]:
    """The filters an address names, and one "name=value (why)" per value it ignores.

    `params` maps each URL parameter to all its values; `options` is what each filter
    offers and `months` (query.ClaimsDB.options).
    A value is kept only when it is the label of an option (URL values are looked up, never
    parsed into anything else).
    """
    chosen: dict[str, tuple] = {}
    ignored: list[str] = []
    for name in FILTER_COLUMNS:
        by_label = {option_label(option): option for option in options[name]}
        kept = []
        for raw in params.get(name, ()):
            if raw in by_label:
                kept.append(by_label[raw])
            else:
                ignored.append(f"{name}={raw} (not in the loaded claims)")
        chosen[name] = tuple(dict.fromkeys(kept))
    months = options.get("months") or []
    bounds = {}
    for param, name in (("from", "period_from"), ("to", "period_to")):
        value = (params.get(param) or [""])[-1]
        if value and value not in months:
            ignored.append(f"{param}={value} (not a month of the loaded claims, YYYY-MM)")
            value = ""
        bounds[name] = value
    tier = (params.get("tier") or [""])[-1]
    if tier and tier != ALL_TIERS:
        ignored.append(f"tier={tier} (only tier={ALL_TIERS} is known)")
    query = params.get("q") or [""]
    return (
        Filters(**chosen, **bounds, q=query[-1].strip(), all_tiers=tier == ALL_TIERS),
        ignored,
    )


def unknown_page(url: str | None, base_path: str, known: Collection[str]) -> str | None:
    """The page an address asks for when no page has that path (`url`: the address as the
    browser has it, without its query; `base_path`: server.baseUrlPath), else None."""
    if not url:
        return None
    path = urlsplit(url).path.strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path if path and path not in known else None


def plural(count: int, noun: str) -> str:
    """ "1 document", "2 documents", "1,200 claims"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def qualifier_words(qualifier: str) -> str:
    return QUALIFIER_WORDS.get(qualifier, qualifier)


def language_name(code: str) -> str:
    """A language code as a reader knows it: "Tiếng Việt (vi)", from its lexicon."""
    return LANGUAGE_NAMES.get(code, code) if code else ""


def marked_quote(sentence: str, start: int, end: int) -> str:
    """The sentence with the claim's own mention between ⟦ ⟧ (offsets within it)."""
    return f"{sentence[:start]}⟦{sentence[start:end]}⟧{sentence[end:]}"


def _number(value: float) -> str:
    """At most three decimals, no trailing zeros, thousands separated: 5,566.4 / 8.4 / 25."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _scale(magnitude: float, unit: str) -> tuple[float, str]:
    """The divisor and unit label for a magnitude: (1e9, "billion USD") for 786.3e9 USD."""
    if unit in _SCALED_UNITS:
        for size, word in _SCALES:
            if magnitude >= size:
                return size, f"{word} {unit}"
    return 1.0, unit


def format_value(value: float, value_max: float | None, unit: str) -> str:
    """A value for people: `786.3 billion USD`, `8.4 %`, `27–28 %`, `1,200 people`."""
    if value is None or pd.isna(value):
        return ""
    has_max = value_max is not None and not pd.isna(value_max)
    # a range is shown in the scale of its larger bound: 20–25 billion USD
    size, label = _scale(max(abs(value), abs(value_max) if has_max else 0.0), unit)
    text = _number(value / size) + (f"–{_number(value_max / size)}" if has_max else "")
    return f"{text} {label}" if label else text


def escape_markdown(text: str) -> str:
    """Text that Streamlit's Markdown shows literally (labels of links and buttons)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def safe_http_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address, else None (no javascript: or file: links)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _fragment_part(text: str) -> str:
    # quote() leaves '-' alone, but in a text fragment '-' marks a prefix/suffix and ','
    # separates start from end, so both must be percent-encoded too.
    return quote(text, safe="").replace("-", "%2D")


def text_fragment_url(source_url: str | None, sentence: str, same_language: bool) -> str | None:
    """The original page, scrolled to `sentence` when that page is in the document's language.

    None when there is no usable http(s) address. A sentence in another language would never
    match the page, so then the plain address is returned.
    """
    url = safe_http_url(source_url)
    if url is None:
        return None
    base = urlunsplit(urlsplit(url)._replace(fragment=""))
    words = sentence.split()
    if not same_language or not words:
        return base
    if len(words) > 2 * _FRAGMENT_EDGE_WORDS:
        start = " ".join(words[:_FRAGMENT_EDGE_WORDS])
        end = " ".join(words[-_FRAGMENT_EDGE_WORDS:])
        return f"{base}#:~:text={_fragment_part(start)},{_fragment_part(end)}"
    return f"{base}#:~:text={_fragment_part(' '.join(words))}"


def claim_id_from_selection(selection: Any) -> str | None:
    """The claim id of the first clicked chart point (its `customdata`), if any."""
    points = (selection or {}).get("points") or []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if isinstance(data, str) and data:
            return data
    return None


def formatted_values(claims: pd.DataFrame) -> list[str]:
    columns = (claims["value"], claims["value_max"], claims["unit"])
    return [format_value(v, m, u) for v, m, u in zip(*columns, strict=True)]


def source_link(claim_id: str, filters: Filters | None = None) -> str:
    """The Source page's relative address for one claim, keeping the filters."""
    params = {**(filters or Filters()).as_query_params(), "claim": claim_id}
    return f"{SOURCE_URL_PATH}?{urlencode(params, doseq=True)}"


def claims_for_people(claims: pd.DataFrame, filters: Filters | None = None) -> pd.DataFrame:
    """The Claims page table, indexed by claim id: the link to the source first, the value as
    a number (it sorts as one) with its unit, qualifier and language in words, and the quote
    with the mention marked (links keep `filters`)."""
    keep = urlencode((filters or Filters()).as_query_params(), doseq=True)
    prefix = f"{SOURCE_URL_PATH}?{keep}&claim=" if keep else f"{SOURCE_URL_PATH}?claim="
    offsets = claims["sentence_start"].to_numpy()
    quotes = [
        marked_quote(sentence, start - offset, end - offset)
        for sentence, start, end, offset in zip(
            claims["sentence"], claims["start"], claims["end"], offsets, strict=True
        )
    ]
    table = pd.DataFrame(
        {
            "source": (prefix + claims["claim_id"]).to_numpy(),
            "value": claims["value"].to_numpy(dtype=float, na_value=np.nan),
            "unit": claims["unit"].to_numpy(),
            "as stated": formatted_values(claims),
            "qualifier": claims["qualifier"].map(qualifier_words).to_numpy(),
            "indicator": claims["indicator"].to_numpy(),
            "period": claims["period"].to_numpy(),
            "kind": claims["kind"].to_numpy(),
            "ministry": claims["body"].to_numpy(),
            "language": claims["lang"].map(language_name).to_numpy(),
            "quote": quotes,
        },
        index=pd.Index(claims["claim_id"].to_numpy(), name="claim_id"),
    )
    return table


def mention_context(sentence: str, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    """The sentence from a few whole words before a mention (offsets within `sentence`) to a
    few after, spacing kept, with "…" where the sentence goes on."""
    before = [m.start() for m in _WORD.finditer(sentence, 0, start)]
    after = [m.end() for m in _WORD.finditer(sentence, end)]
    left = before[-words] if len(before) >= words else 0
    right = after[words - 1] if len(after) >= words else len(sentence)
    head = "… " if left > 0 else ""
    tail = " …" if right < len(sentence) else ""
    return head + sentence[left:right].strip() + tail


def claim_label(claim: Mapping[str, Any]) -> str:
    """A claim in a list, whole: value, indicator, period and the words around it."""
    value = format_value(claim["value"], claim["value_max"], claim["unit"])
    offset = claim["sentence_start"]
    context = mention_context(claim["sentence"], claim["start"] - offset, claim["end"] - offset)
    about = " · ".join(str(p) for p in (claim["indicator"], claim["period"]) if p)
    return f"{value} — {about or NO_LABEL}: “{context}”"


def citation(document: Mapping[str, Any], claim: Mapping[str, Any]) -> str:
    """One line to cite a claim: body, title, date, address, and the quote."""
    parts = [
        document["body"],
        f"“{document['title']}”" if document["title"] else document["doc_id"],
        document["published"],
        safe_http_url(document["source_url"]) or "",
    ]
    return ". ".join(str(p) for p in parts if p) + f". Quote: “{claim['sentence']}”"


def export_csv(claims: pd.DataFrame) -> bytes:
    """Every schema column (source URL, document, offsets, quote included), UTF-8 with BOM so
    spreadsheet programs read Vietnamese correctly."""
    return csv_text(claims).encode("utf-8-sig")


def export_json(claims: pd.DataFrame) -> bytes:
    """One JSON object per claim, every schema column, missing values as null."""
    records = json.loads(claims.to_json(orient="records", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def offsets_match(text: str, claim: pd.Series) -> bool:
    """Whether the claim's offsets still point at its sentence in this text."""
    start, end = int(claim["sentence_start"]), int(claim["sentence_end"])
    return text[start:end] == claim["sentence"]
