"""Add documents: upload .txt or saved .html pages into the store, see what each yielded.

Registered in app.py as `st.Page(add_documents.render, title="Add documents", url_path="add")`.
Every file is read and checked on its own: a bad one gets its one-line message and is not
added; the others are added together in one transaction.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from extract.html import HTML_SUFFIXES
from extract.read import DOCUMENT_SUFFIX
from extract.store import resolve_db_path
from extract.store_commands import UPLOAD_LIMIT_BYTES, UploadResult, add_uploads

ACCEPTED = [suffix.lstrip(".") for suffix in (DOCUMENT_SUFFIX, *HTML_SUFFIXES)]


def limit_text(limit_bytes: int = UPLOAD_LIMIT_BYTES) -> str:
    return f"{limit_bytes / 1e6:g} MB"


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


def render() -> None:
    st.title("Add documents")
    db = resolve_db_path()
    st.markdown(
        f"Upload plain-text reports (`.txt`, UTF-8) or saved web pages (`.html`), "
        f"**at most {limit_text()} each**. From a saved page only the article is kept: menus, "
        "comments and footers are dropped. A file already in the store with the same name "
        "and content changes nothing; a changed one replaces its claims."
    )
    st.caption(f"Store: {html.escape(str(db))}")
    files = st.file_uploader(
        "Documents", type=ACCEPTED, accept_multiple_files=True, key="add_documents_files"
    )
    if not st.button("Add to the store", disabled=not files):
        return
    results = add_uploads(db, [(f.name, f.getvalue()) for f in files])
    st.cache_data.clear()  # every page reloads and finds the new documents at once
    added = [r for r in results if r.status != "refused"]
    if added:
        claims = sum(r.claims for r in added)
        st.success(f"{len(added)} of {len(results)} files in the store, {claims} claims.")
    for refused in (r for r in results if r.status == "refused"):
        st.error(refused.error)
    st.dataframe(results_table(results), hide_index=True)
