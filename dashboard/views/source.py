"""Source: a document with every claim highlighted, the selected one scrolled to."""

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.highlight import (
    claim_list_html,
    highlight_document,
    metadata_html,
    same_fact_html,
    scroll_script,
)
from dashboard.logic import (
    citation,
    escape_markdown,
    find_claim,
    offsets_match,
    source_link,
    text_fragment_url,
)


def render_document_list(documents: pd.DataFrame) -> None:
    st.write("Choose a document, or open a claim from the Overview or Claims page.")
    for doc_id, title in zip(documents["doc_id"], documents["title"], strict=True):
        label = escape_markdown(f"{title or doc_id} ({doc_id})")
        keep = state.current_filters().as_query_params()
        st.page_link(state.SOURCE_PAGE, label=label, query_params={**keep, "doc": doc_id})


def render_claim_list(claims: pd.DataFrame, selected: str | None) -> None:
    st.subheader(f"{len(claims)} claims in this document")
    filters = state.current_filters()
    st.html(claim_list_html(claims, selected, lambda claim_id: source_link(claim_id, filters)))


def render_claim_facts(document: pd.Series, claim: pd.Series) -> None:
    """The same fact in other documents and languages, and a line to cite the claim."""
    corpus = state.corpus()
    fact = claim["fact_id"] or ""
    others = (
        corpus.claims[
            (corpus.claims["fact_id"] == fact) & (corpus.claims["claim_id"] != claim["claim_id"])
        ]
        if fact
        else corpus.claims.iloc[0:0]
    )
    if len(others):
        filters = state.current_filters()
        st.html(same_fact_html(others, corpus.documents, lambda c: source_link(c, filters)))
    st.caption("Cite this claim")
    st.code(citation(document, claim), language=None, wrap_lines=True)


def render_document(document: pd.Series, claims: pd.DataFrame, claim: pd.Series | None) -> None:
    selected = claim["claim_id"] if claim is not None else None
    same_language = (document["source_lang"] or document["lang"]) == document["lang"]
    sentence = claim["sentence"] if claim is not None else ""
    original = text_fragment_url(document["source_url"], sentence, same_language)
    text_column, list_column = st.columns([3, 1])
    with text_column:
        # a title comes from a manifest or a web page: shown as written, never as Markdown
        st.subheader(escape_markdown(document["title"] or document["doc_id"]), anchor=False)
        st.html(metadata_html(document, original))
        if claim is not None and not offsets_match(document["text"], claim):
            st.warning("This claim's offsets do not match the document text; it has changed.")
        if claim is not None:
            render_claim_facts(document, claim)
        st.html(highlight_document(document["text"], claims, selected))
        if selected:
            st.html(scroll_script(selected), unsafe_allow_javascript=True)
    with list_column:
        render_claim_list(claims, selected)


corpus = state.corpus()
claim = find_claim(corpus.claims, st.query_params.get("claim"))
doc_id = claim["doc_id"] if claim is not None else st.query_params.get("doc")
doc_id = corpus.aliases.get(doc_id, doc_id)  # a URL from before the store's migration
st.title("Source")
if "claim" in st.query_params and claim is None:
    st.warning("That claim is not in the loaded claims table.")
if doc_id in corpus.documents.index:
    document = corpus.documents.loc[doc_id]
    render_document(document, corpus.claims[corpus.claims["doc_id"] == doc_id], claim)
else:
    if doc_id:
        st.warning("That document is not in the loaded corpus.")
    render_document_list(corpus.documents)
