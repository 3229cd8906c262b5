"""Add documents: upload .txt or saved .html pages into the store, see what each yielded.

Registered in app.py (url_path "add"). Uploads go to the store the app reads (state.sources);
every file is read and checked on its own: a bad one gets its one-line message and is not
added; the others are added together in one transaction. The loader's cache is then cleared
and the app reruns, so the sidebar and every page show the new documents at once.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data import Sources, load_corpus
from dashboard.logic import escape_markdown
from extract.readers.content import READABLE_SUFFIXES
from extract.store.commands import UPLOAD_LIMIT_BYTES, UploadResult, add_uploads, add_urls

ACCEPTED = [suffix.lstrip(".") for suffix in READABLE_SUFFIXES]
RESULTS_KEY = "add_documents_results"  # the last upload's results, shown after the rerun
ROUND_KEY = "add_documents_round"  # a new uploader (empty) after each upload
URLS_WIDGET_KEY = "add_documents_urls"
FETCH_BUTTON_KEY = "add_documents_fetch"


def limit_text(limit_bytes: int = UPLOAD_LIMIT_BYTES) -> str:
    return f"{limit_bytes / 1e6:g} MB"


def needs_store_text(sources: Sources) -> str:
    return (
        f"Adding documents needs the store, and this dashboard reads {sources.described}. "
        "Start it over the store instead: `streamlit run dashboard/app.py` reads the default "
        "store (data/claimboard.duckdb, created from seeds/), `streamlit run dashboard/app.py "
        "-- --db FILE` another one; `python -m extract add PATH` adds documents to it from "
        "the command line."
    )


def results_table(results: list[UploadResult]) -> pd.DataFrame:
    """One row per uploaded file: its name, what happened, its claims or its problem."""
    return pd.DataFrame(
        {
            "file": [r.name for r in results],
            "result": [r.status for r in results],
            "claims": [r.claims if r.status != "refused" else None for r in results],
            "problem": [r.error for r in results],
        }
    ).astype({"claims": "Int64"})


def render_results(results: list[UploadResult]) -> None:
    added = [r for r in results if r.status != "refused"]
    if added:
        claims = sum(r.claims for r in added)
        st.success(f"{len(added)} of {len(results)} files in the store, {claims} claims.")
    for refused in (r for r in results if r.status == "refused"):
        st.error(escape_markdown(refused.error))
    st.dataframe(results_table(results), hide_index=True)
    for result in added:
        st.page_link(
            state.SOURCE_PAGE,
            label=escape_markdown(f"Open {result.name}"),
            query_params={"doc": result.doc_id or result.name},
        )


def render() -> None:
    st.title("Add documents")
    sources = state.sources()
    if sources.db is None:
        st.info(needs_store_text(sources))
        return
    st.markdown(
        f"Upload plain-text reports (`.txt`, UTF-8), saved web pages (`.html`) or PDF reports "
        f"with a text layer (`.pdf`), "
        f"**at most {limit_text()} each**. From a saved page only the article is kept: menus, "
        "comments and footers are dropped. A file already in the store with the same name "
        "and content changes nothing; a changed one replaces its claims."
    )
    st.caption(escape_markdown(f"Store: {sources.db}"))
    if RESULTS_KEY in st.session_state:
        render_results(st.session_state.pop(RESULTS_KEY))
    upload_round = st.session_state.setdefault(ROUND_KEY, 0)
    files = st.file_uploader(
        "Documents", type=ACCEPTED, accept_multiple_files=True, key=f"files-{upload_round}"
    )
    if st.button("Add to the store", disabled=not files):
        st.session_state[RESULTS_KEY] = add_uploads(
            sources.db, [(f.name, f.getvalue()) for f in files]
        )
        st.session_state[ROUND_KEY] = upload_round + 1
        load_corpus.clear()  # the rerun reloads the store: every page shows the new documents
        st.rerun()
    render_url_field(sources)


def render_url_field(sources: Sources) -> None:
    """Pages and PDFs fetched from the web (readers/web.py), added like uploads."""
    addresses = st.text_area(
        "Web pages or PDF reports (http:// or https:// addresses, one a line)",
        key=URLS_WIDGET_KEY,
        placeholder="https://moit.gov.vn/...",
    )
    urls = [line.strip() for line in addresses.splitlines() if line.strip()]
    if st.button("Fetch and add", disabled=not urls, key=FETCH_BUTTON_KEY):
        with st.spinner(f"Fetching {len(urls)} addresses"):
            st.session_state[RESULTS_KEY] = add_urls(sources.db, urls)
        load_corpus.clear()
        st.rerun()


if __name__ == "__main__":  # run as a page by st.navigation; imported by tests for its parts
    render()
