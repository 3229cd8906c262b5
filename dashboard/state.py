"""What every page shares: the loaded corpus, the sidebar filters and the URL.

The URL is the state: every run reads the filters from the address (`filters_from_url`,
unknown values reported, never silently dropped) and sets the sidebar widgets from it; a
widget change writes its value back into the address. The widgets are deliberately *not*
bound with `bind="query-params"`: Streamlit then refuses any navigation that sets those
parameters (`st.switch_page(..., query_params=...)` raises "bound to a widget"), which is
exactly what opening a claim with the filters kept needs. The selected claim is the `claim`
parameter, looked up in the loaded table (never used as a path).
"""

from __future__ import annotations

import os
import sys

import streamlit as st

from dashboard.data import Corpus, Sources, load_corpus, resolve_sources, source_stamp
from dashboard.logic import (
    ALL_TIERS,
    FILTER_COLUMNS,
    Filters,
    escape_markdown,
    filters_from_url,
    option_label,
)
from extract.errors import InputError, OutputError
from extract.store.database import StoreError

SOURCE_PAGE = "views/source.py"
FILTERS_KEY = "claimboard-filters"  # this run's Filters, parsed once from the address
RANGE_KEY, RANGE_MONTHS_KEY = "period-range", "period-range-months"
TIER_KEY = "all-tiers"
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


def _write_to_url(name: str) -> None:
    """A sidebar widget changed: its value goes into the address (empty: the key goes)."""
    value = st.session_state[name]
    if name == "q":
        value = value.strip()
    else:
        value = [option_label(v) for v in value]
    if value:
        st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


def _range_to_url() -> None:
    """The time-range slider moved: the address names its months, or none at full range."""
    chosen, months = st.session_state.get(RANGE_KEY), st.session_state.get(RANGE_MONTHS_KEY)
    if not months or not isinstance(chosen, list | tuple) or len(chosen) != 2:
        return  # no range shown on this page run
    first, last = chosen
    for param, value, edge in (("from", first, months[0]), ("to", last, months[-1])):
        if value != edge:
            st.query_params[param] = value
        elif param in st.query_params:
            del st.query_params[param]


def _tier_to_url() -> None:
    if st.session_state[TIER_KEY]:
        st.query_params["tier"] = ALL_TIERS
    elif "tier" in st.query_params:
        del st.query_params["tier"]


def sidebar_filters(corpus: Corpus) -> Filters:
    """The filters the address names, shown (and changeable) in the sidebar; values the data
    does not hold are named in one warning and otherwise ignored."""
    options = corpus.options
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    filters, ignored = filters_from_url(params, options)
    st.session_state[FILTERS_KEY] = filters
    # The address wins over what the widgets last held (Back, a pasted link).
    st.session_state["q"] = filters.q
    for name in FILTER_COLUMNS:
        st.session_state[name] = list(getattr(filters, name))
    st.session_state[TIER_KEY] = filters.all_tiers
    months = options["months"]
    with st.sidebar:
        st.header("Filters")
        st.text_input(
            "Search quote, indicator, body, unit", key="q", on_change=_write_to_url, args=("q",)
        )
        if len(months) > 1:
            st.session_state[RANGE_MONTHS_KEY] = months
            st.session_state[RANGE_KEY] = (
                filters.period_from or months[0],
                filters.period_to or months[-1],
            )
            st.select_slider("Time range", months, key=RANGE_KEY, on_change=_range_to_url)
        for name in FILTER_COLUMNS:
            st.multiselect(
                FILTER_TITLES[name],
                options[name],
                key=name,
                format_func=option_label,
                on_change=_write_to_url,
                args=(name,),
            )
        st.toggle(
            "Minor claims too",
            key=TIER_KEY,
            on_change=_tier_to_url,
            help="By default only core claims: sector indicators and targets.",
        )
    if ignored:
        st.warning(escape_markdown("Ignored in the address: " + "; ".join(ignored) + "."))
    return filters


def current_filters() -> Filters:
    """The filters of this run, as sidebar_filters read them from the address."""
    return st.session_state.get(FILTERS_KEY) or Filters()


def open_source(claim_id: str) -> None:
    """Go to the Source page for one claim, keeping the filters in the URL."""
    st.switch_page(
        SOURCE_PAGE, query_params={**current_filters().as_query_params(), "claim": claim_id}
    )
