"""Claims: the filtered table, each row one click from its source, and its downloads."""

from functools import partial

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.logic import claims_for_people, export_csv, export_json, plural

COLUMN_CONFIG = {
    "source": st.column_config.LinkColumn("source", display_text="open", width="small"),
    "value": st.column_config.NumberColumn("value", format="compact", help="as a number"),
    "quote": st.column_config.TextColumn(
        "quote", width="large", help="the sentence, the claim's own mention between ⟦ ⟧"
    ),
}


def render_table(claims: pd.DataFrame) -> None:
    table = claims_for_people(claims, state.current_filters())
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


def render_downloads(claims: pd.DataFrame) -> None:
    # callables: the files are only built when someone downloads them
    csv_column, json_column = st.columns(2)
    csv_column.download_button(
        "Download CSV", partial(export_csv, claims), "claims.csv", "text/csv", on_click="ignore"
    )
    json_column.download_button(
        "Download JSON",
        partial(export_json, claims),
        "claims.json",
        "application/json",
        on_click="ignore",
    )


corpus = state.corpus()
claims = state.filtered_claims(corpus)
st.title("Claims")
st.caption(
    f"{len(claims):,} of {plural(len(corpus.claims), 'claim')}. "
    "Select a row (its box on the left) or follow its link to open its source."
)
render_table(claims)
render_downloads(claims)
