"""Add documents: upload .txt or saved .html pages into the store, see what each yielded,
and remove a document (after a confirmation).

Registered in app.py (url_path "add"). Uploads go to the store the app reads (state.sources);
every file is read and checked on its own: a bad one gets its one-line message and is not
added; the others are added together. The size limit is Streamlit's own
`server.maxUploadSize` (.streamlit/config.toml): the server refuses a larger file while
receiving it, and the same number is on the widget and in the page's text. The loader's
cache is then cleared and the app reruns, so every page shows the change at once. Nothing
on the page shows a server path: the store is named by its file name only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data import Sources, load_corpus
from dashboard.logic import escape_markdown
from dashboard.query import ClaimsDB
from extract.readers.content import READABLE_SUFFIXES
from extract.store.changes import remove_documents
from extract.store.commands import UploadResult, add_uploads, add_urls
from extract.store.database import StoreError

ACCEPTED = [suffix.lstrip(".") for suffix in READABLE_SUFFIXES]
RESULTS_KEY = "add_documents_results"  # the last upload's results, shown after the rerun
ROUND_KEY = "add_documents_round"  # a new uploader (empty) after each upload
URLS_WIDGET_KEY = "add_documents_urls"
FETCH_BUTTON_KEY = "add_documents_fetch"
REMOVING_KEY = "add_documents_removing"  # the doc_id waiting for its confirmation
REMOVED_KEY = "add_documents_removed"  # what the last removal did, shown after the rerun
STATUS_WORDS = {
    "added": "added",
    "replaced": "replaced its earlier version",
    "renamed": "already in the store (new name recorded)",
    "unchanged": "already in the store, unchanged",
    "copy": "already in the store under another name",
    "refused": "not added",
}


def upload_limit_mb() -> int:
    """Streamlit's own limit (MB), enforced by the server while it receives a file."""
    return int(st.get_option("server.maxUploadSize"))


def limit_text() -> str:
    return f"{upload_limit_mb()} MB"


def needs_store_text(sources: Sources) -> str:
    return (
        f"Adding documents needs the store, and this dashboard reads {sources.described}. "
        "Start it over the store instead: `streamlit run dashboard/app.py` reads the default "
        "store (data/claimboard.duckdb, created from seeds/), `streamlit run dashboard/app.py "
        "-- --db FILE` another one; `python -m extract add PATH` adds documents to it from "
        "the command line."
    )


def without_paths(line: str, db: Path) -> str:
    """A message as the page shows it: the store by its name, never its server path."""
    return line.replace(str(db), db.name)


def results_table(results: list[UploadResult]) -> pd.DataFrame:
    """One row per uploaded file: its name, what happened in words, its claims or problem."""
    return pd.DataFrame(
        {
            "file": [r.name for r in results],
            "result": [STATUS_WORDS[r.status] for r in results],
            "claims": [str(r.claims) if r.status != "refused" else "" for r in results],
            "problem": [r.error for r in results],
        },
        dtype="string",
    )


def render_results(results: list[UploadResult]) -> None:
    stored = [r for r in results if r.status != "refused"]
    if stored:
        claims = sum(r.claims for r in stored if r.status != "copy")
        st.success(f"{len(stored)} of {len(results)} files in the store, {claims} claims.")
    for refused in (r for r in results if r.status == "refused"):
        st.error(escape_markdown(refused.error))
    st.dataframe(results_table(results), hide_index=True)
    for result in stored:
        st.page_link(
            state.SOURCE_PAGE,
            label=escape_markdown(f"Open {result.name}"),
            query_params={"doc": result.doc_id},
        )


def render_upload(db: Path) -> None:
    upload_round = st.session_state.setdefault(ROUND_KEY, 0)
    files = st.file_uploader(
        "Documents", type=ACCEPTED, accept_multiple_files=True, key=f"files-{upload_round}"
    )
    if st.button("Add to the store", disabled=not files):
        results = add_uploads(
            db, [(f.name, f.getvalue()) for f in files], upload_limit_mb() * 1_000_000
        )
        st.session_state[RESULTS_KEY] = [
            UploadResult(r.name, r.status, r.claims, without_paths(r.error, db), r.doc_id)
            for r in results
        ]
        st.session_state[ROUND_KEY] = upload_round + 1
        load_corpus.clear()  # the rerun reloads the store: every page shows the new documents
        st.rerun()


def render_removal(db: Path, claims_db: ClaimsDB) -> None:
    st.subheader("Remove a document", anchor=False)
    if REMOVED_KEY in st.session_state:
        st.info(escape_markdown(st.session_state.pop(REMOVED_KEY)))
    documents, _ = claims_db.documents()
    if documents.empty:
        st.caption("The store holds no documents.")
        return
    doc_id = st.selectbox("Document", documents["doc_id"].tolist(), key="remove-choice")
    pending = st.session_state.get(REMOVING_KEY)
    if pending != doc_id:
        if st.button("Remove…", key="remove-ask"):
            st.session_state[REMOVING_KEY] = doc_id
            st.rerun()
        return
    count = claims_db.document_claim_count(doc_id)
    st.warning(escape_markdown(f"Remove {doc_id} and its {count} claims from the store?"))
    confirm, cancel = st.columns(2)
    if confirm.button("Yes, remove it", key="remove-confirm", type="primary"):
        try:
            remove_documents(db, [doc_id])
            done = f"Removed {doc_id} and its {count} claims."
        except StoreError as error:
            done = without_paths(str(error), db)
        st.session_state[REMOVED_KEY] = done
        st.session_state.pop(REMOVING_KEY)
        load_corpus.clear()
        st.rerun()
    if cancel.button("Cancel", key="remove-cancel"):
        st.session_state.pop(REMOVING_KEY)
        st.rerun()


def render() -> None:
    st.title("Add documents")
    sources = state.sources()
    if sources.db is None:
        st.info(needs_store_text(sources))
        return
    st.markdown(
        f"Upload plain-text reports (`.txt`, UTF-8), saved web pages (`.html`) or PDF reports "
        f"with a text layer (`.pdf`), **at most {limit_text()} each**, or give web addresses to "
        "fetch. From a saved page only the article is kept: menus, comments and footers are "
        "dropped. A document is its text: the same text under another name is already in the "
        "store, and a file of the same name with a new text replaces its earlier version."
    )
    st.caption(escape_markdown(f"Store: {sources.db.name}"))
    if RESULTS_KEY in st.session_state:
        render_results(st.session_state.pop(RESULTS_KEY))
    render_upload(sources.db)
    render_url_field(sources)
    render_removal(sources.db, state.corpus().db)


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
            # whoever views the page names these: never internal addresses (SSRF)
            st.session_state[RESULTS_KEY] = add_urls(sources.db, urls, public_only=True)
        load_corpus.clear()
        st.rerun()


if __name__ == "__main__":  # run as a page by st.navigation; imported by tests for its parts
    render()
