"""Consistency: facts stated by several documents, their quotes side by side by language.

Registered in app.py as `st.Page(consistency.render, title="Consistency",
url_path="consistency")`. Disagreements come first. Every piece of document text is
HTML-escaped before it is wrapped in our own tags; each quote links to its claim on the
Source page (`source?claim=<claim_id>`).
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.logic import escape_markdown
from extract.facts import APPROX_TOLERANCE, fact_overview, fact_quotes
from extract.store import StoreError, read_corpus, resolve_db_path

SOURCE_URL_PATH = "source"
RULE = (
    "Values agree when they match within the rounding their wording allows: exact figures "
    "must be equal at the coarser precision of the two (8.4% and 8.5% differ, 8% and 8.4% "
    f"agree); “nearly”, “about” allow ±{APPROX_TOLERANCE:.0%}; “over”, “at least” are bounds."
)


def source_link(claim_id: str) -> str:
    return f"{SOURCE_URL_PATH}?{urlencode({'claim': claim_id})}"


def quote_html(quote: pd.Series) -> str:
    """One quote: the sentence with the mention marked, and a link to it in its source."""
    sentence, offset = quote["sentence"], quote["sentence_start"]
    before = sentence[: quote["start"] - offset]
    after = sentence[quote["end"] - offset :]
    link = html.escape(source_link(quote["claim_id"]), quote=True)
    return (
        f"<blockquote>{html.escape(before)}<mark>{html.escape(quote['mention'])}</mark>"
        f'{html.escape(after)}<br><small><a href="{link}" target="_self">'
        f"{html.escape(quote['doc_id'])}</a></small></blockquote>"
    )


def fact_title(fact: pd.Series) -> str:
    verdict = "agree" if fact["agrees"] else "DISAGREE"
    about = " · ".join(part for part in (fact["indicator"], fact["period"], fact["body"]) if part)
    return f"{verdict}: {about} ({fact['unit']}), {fact['documents']} documents"


def render() -> None:
    st.title("Consistency")
    st.caption(RULE)
    try:
        claims, _ = read_corpus(resolve_db_path())
    except StoreError as error:
        st.error(str(error))
        return
    overview = fact_overview(claims)
    if overview.empty:
        st.info("No figure is stated by two documents yet. Add more documents to compare them.")
        return
    disagreeing = int((~overview["agrees"].astype(bool)).sum())
    st.write(f"{len(overview)} facts stated by several documents, {disagreeing} disagreeing.")
    for fact in overview.to_dict("records"):
        fact = pd.Series(fact)
        # names come from metadata files: shown as written, never as Markdown
        with st.expander(escape_markdown(fact_title(fact)), expanded=not fact["agrees"]):
            quotes = fact_quotes(claims, fact["fact_id"])
            languages = list(dict.fromkeys(quotes["lang"]))
            for column, lang in zip(st.columns(len(languages)), languages, strict=True):
                column.markdown(f"**{html.escape(lang)}**")
                for _, quote in quotes[quotes["lang"] == lang].iterrows():
                    column.html(quote_html(quote))
