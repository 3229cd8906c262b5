"""What every page shares: the loaded corpus, the sidebar filters and the URL.

The filters are widgets bound to URL parameters (`bind="query-params"`), so a view is a
shareable address; the selected claim is the `claim` parameter, looked up in the loaded
table (never used as a path).
"""

from __future__ import annotations

import os
import sys
from dataclasses import fields

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.data import Corpus, Sources, load_corpus, resolve_sources, source_stamp
from dashboard.logic import (
    FILTER_COLUMNS,
    Filters,
    escape_markdown,
    filter_mask,
    filter_options,
    option_label,
)
from extract.errors import InputError, OutputError
from extract.store.database import StoreError

SOURCE_PAGE = "views/source.py"
FILTER_TITLES = {
    "ministry": "Ministry",
    "year": "Year",
    "lang": "Language",
    "indicator": "Indicator",
    "kind": "Kind",
}


def sources() -> Sources:
    """What this app reads: its command line (after `--`), else its environment."""
    return resolve_sources(sys.argv[1:], os.environ)


def corpus() -> Corpus:
    """The cached corpus; a bad store, claims table or corpus folder stops the page with one
    line."""
    read_from = sources()
    try:
        return load_corpus(read_from, source_stamp(read_from))
    except (InputError, OutputError, StoreError) as error:
        st.error(str(error))
        st.stop()


def report_loading(corpus: Corpus) -> None:
    """Input files that could not be read (one line each) and how the claims were made."""
    for problem in corpus.problems:
        st.warning(escape_markdown(problem))
    if corpus.note:
        st.caption(escape_markdown(corpus.note))


def sidebar_filters(claims: pd.DataFrame) -> None:
    """The filter widgets, each bound to its URL parameter (its key)."""
    options = filter_options(claims)
    with st.sidebar:
        st.header("Filters")
        st.text_input("Search quote and indicator", key="q", bind="query-params")
        for name in FILTER_COLUMNS:
            st.multiselect(
                FILTER_TITLES[name],
                options[name],
                key=name,
                format_func=option_label,
                bind="query-params",
            )


def current_filters() -> Filters:
    state = st.session_state
    return Filters(
        **{
            f.name: tuple(state.get(f.name) or ()) if f.name != "q" else state.get("q") or ""
            for f in fields(Filters)
        }
    )


def filtered_mask(corpus: Corpus) -> np.ndarray:
    """Which claims rows the sidebar (and URL) filters keep."""
    return filter_mask(corpus.claims, current_filters())


def filtered_claims(corpus: Corpus) -> pd.DataFrame:
    return corpus.claims[filtered_mask(corpus)]


def open_source(claim_id: str) -> None:
    """Go to the Source page for one claim, keeping the filters in the URL."""
    st.switch_page(
        SOURCE_PAGE, query_params={**current_filters().as_query_params(), "claim": claim_id}
    )
