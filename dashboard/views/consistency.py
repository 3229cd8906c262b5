"""Consistency: facts stated by several documents, their quotes side by side by language.

Registered in app.py (url_path "consistency"); reads the app's one cached corpus: the facts
(query.ClaimsDB.fact_overview), and the quotes of those shown. Disagreements come first.
Every piece of document text is HTML-escaped before it is wrapped in our own tags; each quote
links to its claim on the Source page (`source?claim=<claim_id>`).
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data import Sources
from dashboard.logic import (
    Filters,
    escape_markdown,
    formatted_values,
    language_name,
    plural,
    source_link,
)
from extract.store.facts import APPROX_TOLERANCE

SHOWN_FACTS = 100  # facts listed at once, disagreements first
FACT_QUOTES = 30  # quotes shown per fact

RULE = (
    "Values agree when they match within the rounding their wording allows: exact figures "
    "must be equal at the coarser precision of the two (8.4% and 8.5% differ, 8% and 8.4% "
    f"agree); “nearly”, “about” allow ±{APPROX_TOLERANCE:.0%}; “over”, “at least” are bounds."
)


def quote_html(quote: pd.Series, filters: Filters | None = None) -> str:
    """One quote: the sentence with the mention marked, and a link to it in its source."""
    sentence, offset = quote["sentence"], quote["sentence_start"]
    before = sentence[: quote["start"] - offset]
    after = sentence[quote["end"] - offset :]
    mention = sentence[quote["start"] - offset : quote["end"] - offset]
    link = html.escape(source_link(quote["claim_id"], filters), quote=True)
    return (
        f"<blockquote>{html.escape(before)}<mark>{html.escape(mention)}</mark>"
        f'{html.escape(after)}<br><small><a href="{link}" target="_self">'
        f"{html.escape(quote['doc_id'])}</a></small></blockquote>"
    )


def empty_text(sources: Sources) -> str:
    if sources.db is None:  # fact ids are given when documents are added to a store
        return (
            f"Claims are linked across documents when they are added to the store; this "
            f"dashboard reads {sources.described}. Start it over the store "
            "(`streamlit run dashboard/app.py`) to compare documents."
        )
    return "No figure is stated by two documents yet. Add more documents to compare them."


def fact_title(fact: pd.Series, values: str = "") -> str:
    """The fact in one line, its values side by side when given (fact_values)."""
    verdict = "agree" if fact["agrees"] else "DISAGREE"
    # kind and change basis tell apart facts that share indicator and period (8% vs 8% yoy)
    parts = ("indicator", "period", "kind", "change_basis", "body")
    about = " · ".join(fact[part] for part in parts if fact[part])
    title = f"{verdict}: {about} ({fact['unit']}), {plural(int(fact['documents']), 'document')}"
    return f"{title}: {values}" if values else title


def fact_values(quotes: pd.DataFrame) -> str:
    """Each value the fact's quotes state, with its languages: "786.3 billion USD (vi) |
    800 billion USD (en, fr)"."""
    shown = pd.Series(formatted_values(quotes), index=quotes.index)
    by_value = quotes.groupby(shown, sort=False)["lang"].agg(
        lambda langs: ", ".join(dict.fromkeys(langs))
    )
    return " | ".join(f"{value} ({langs})" for value, langs in by_value.items())


def render() -> None:
    st.title("Consistency")
    st.caption(RULE)
    corpus = state.corpus()
    overview = corpus.db.fact_overview()
    if overview.empty:
        st.info(empty_text(state.sources()))
        return
    # a fact is shown when one of its claims passes the sidebar filters; all its quotes are
    filters = state.current_filters()
    overview = overview[overview["fact_id"].isin(corpus.db.linked_facts(filters))]
    if overview.empty:
        st.info("No fact stated by several documents matches these filters.")
        return
    disagreeing = int((~overview["agrees"].astype(bool)).sum())
    st.write(
        f"{plural(len(overview), 'fact')} stated by several documents, {disagreeing} disagreeing."
    )
    if len(overview) > SHOWN_FACTS:
        st.caption(f"The first {SHOWN_FACTS} are shown; narrow the filters to see others.")
    shown = overview.head(SHOWN_FACTS)
    quotes = corpus.db.fact_quotes(list(shown["fact_id"]), FACT_QUOTES)
    by_fact = dict(tuple(quotes.groupby("fact_id", sort=False)))
    for fact in shown.to_dict("records"):
        fact = pd.Series(fact)
        # names come from metadata files: shown as written, never as Markdown
        fact_claims = by_fact[fact["fact_id"]]
        title = fact_title(fact, fact_values(fact_claims))
        with st.expander(escape_markdown(title), expanded=not fact["agrees"]):
            languages = list(dict.fromkeys(fact_claims["lang"]))
            for column, lang in zip(st.columns(len(languages)), languages, strict=True):
                column.markdown(f"**{escape_markdown(language_name(lang))}**")
                for _, quote in fact_claims[fact_claims["lang"] == lang].iterrows():
                    column.html(quote_html(quote, filters))


if __name__ == "__main__":  # run as a page by st.navigation; imported by tests for its parts
    render()
