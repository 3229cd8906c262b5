"""Source: a document with every claim highlighted, the selected one scrolled to, and the
selected claim's fact as stated by every other quote (each language one click away)."""

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
    offsets_match,
    plural,
    source_link,
    text_fragment_url,
)

LISTED_DOCUMENTS = 200  # documents offered when no claim or document is named
DOCUMENT_CLAIMS = 2000  # claims marked in one document (and the selected one)
FACT_QUOTES = 60  # quotes of the selected claim's fact


def render_document_list() -> None:
    st.write("Choose a document, or open a claim from the Overview or Claims page.")
    documents, count = corpus.db.documents(LISTED_DOCUMENTS)
    if count > len(documents):
        st.caption(f"The first {len(documents)} of {count:,} documents.")
    keep = state.current_filters().as_query_params()
    for doc_id, title in zip(documents["doc_id"], documents["title"], strict=True):
        label = escape_markdown(f"{title or doc_id} ({doc_id})")
        st.page_link(state.SOURCE_PAGE, label=label, query_params={**keep, "doc": doc_id})


def render_claim_list(claims: pd.DataFrame, selected: str | None, total: int) -> None:
    st.subheader(f"{plural(total, 'claim')} in this document")
    if total > len(claims):
        st.caption(f"The first {DOCUMENT_CLAIMS:,} are marked and listed.")
    filters = state.current_filters()
    st.html(claim_list_html(claims, selected, lambda claim_id: source_link(claim_id, filters)))


def render_claim_facts(document: pd.Series, claim: pd.Series) -> None:
    """The same fact in other documents and languages, and a line to cite the claim."""
    fact = claim["fact_id"] or ""
    quotes = corpus.db.fact_quotes([fact], FACT_QUOTES) if fact else pd.DataFrame()
    others = quotes[quotes["claim_id"] != claim["claim_id"]] if len(quotes) else quotes
    if len(others):
        filters = state.current_filters()
        st.html(same_fact_html(others, lambda c: source_link(c, filters)))
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
        render_claim_list(claims, selected, corpus.db.document_claim_count(document["doc_id"]))


corpus = state.corpus()
claim = corpus.db.claim(st.query_params.get("claim"))
doc_id = claim["doc_id"] if claim is not None else st.query_params.get("doc")
doc_id = corpus.aliases.get(doc_id, doc_id)  # a URL from before the store's migration
document = corpus.db.document(doc_id)
st.title("Source")
if "claim" in st.query_params and claim is None:
    st.warning("That claim is not in the loaded claims table.")
if document is not None:
    selected = claim["claim_id"] if claim is not None else None
    render_document(document, corpus.db.document_claims(doc_id, DOCUMENT_CLAIMS, selected), claim)
else:
    if doc_id:
        st.warning("That document is not in the loaded corpus.")
    render_document_list()
