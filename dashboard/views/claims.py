"""Claims: the filtered table a page of rows at a time, each row one click from its source,
and its downloads."""

import streamlit as st

from dashboard import state
from dashboard.logic import Filters, claims_for_people, export_csv, export_json, plural

PAGE_ROWS = 500  # rows fetched and shown at once
PAGE_KEY = "claims-page"
COLUMN_CONFIG = {
    "source": st.column_config.LinkColumn("source", display_text="open", width="small"),
    "value": st.column_config.NumberColumn("value", format="compact", help="as a number"),
    "quote": st.column_config.TextColumn(
        "quote", width="large", help="the sentence, the claim's own mention between ⟦ ⟧"
    ),
}


def render_table(filters: Filters, count: int) -> None:
    pages = max(1, -(-count // PAGE_ROWS))
    page = 1
    if pages > 1:
        page = int(
            st.number_input(f"Page (of {pages:,}, {PAGE_ROWS} rows each)", 1, pages, key=PAGE_KEY)
        )
    offset = (page - 1) * PAGE_ROWS
    table = claims_for_people(corpus.db.rows(filters, PAGE_ROWS, offset), filters)
    if pages > 1:
        st.caption(
            f"Rows {offset + 1:,}–{offset + len(table):,}; sorting a column sorts this page."
        )
    event = st.dataframe(
        table,
        hide_index=True,
        column_config=COLUMN_CONFIG,
        key="claims-table",
        on_select="rerun",
        selection_mode="single-row",
        width="stretch",
        row_height=60,
    )
    if event.selection.rows:
        state.open_source(table.index[event.selection.rows[0]])


def render_downloads(filters: Filters) -> None:
    # callables: the files are only built (and the rows only fetched) when downloaded
    csv_column, json_column = st.columns(2)
    csv_column.download_button(
        "Download CSV",
        lambda: export_csv(corpus.db.rows(filters)),
        "claims.csv",
        "text/csv",
        on_click="ignore",
    )
    json_column.download_button(
        "Download JSON",
        lambda: export_json(corpus.db.rows(filters)),
        "claims.json",
        "application/json",
        on_click="ignore",
    )


corpus = state.corpus()
filters = state.current_filters()
count = corpus.db.counts(filters)[0]
st.title("Claims")
st.caption(
    f"{count:,} of {plural(corpus.db.total, 'claim')}. "
    "Select a row (its box on the left) or follow its link to open its source."
)
render_table(filters, count)
render_downloads(filters)
