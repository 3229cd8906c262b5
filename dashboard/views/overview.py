"""Overview: claim counts, and one chart per indicator whose points open their source."""

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts import MAX_CHARTS, ChartPoints, family_figure, indicator_families
from dashboard.logic import claim_id_from_selection, count_by


def render_counts(claims: pd.DataFrame) -> None:
    groups = [("body", "Ministry"), ("lang", "Language"), ("year", "Year")]
    for column, (field, title) in zip(st.columns([3, 1, 1]), groups, strict=True):
        with column:
            st.markdown(f"**Claims per {title.lower()}**")
            st.dataframe(count_by(claims, field).rename(columns={field: title}), hide_index=True)


def render_charts(points: ChartPoints) -> None:
    families = indicator_families(points)
    if len(families) > MAX_CHARTS:
        st.caption(
            f"Showing the {MAX_CHARTS} indicators with most claims of {len(families)}; "
            "choose indicators in the sidebar to chart others."
        )
    for number, family in enumerate(families[:MAX_CHARTS]):
        figure = family_figure(points, family)
        event = st.plotly_chart(
            figure, key=f"chart-{number}", on_select="rerun", selection_mode="points"
        )
        claim_id = claim_id_from_selection(event.selection)
        if claim_id:
            state.open_source(claim_id)


corpus = state.corpus()
kept = state.filtered_mask(corpus)
claims = corpus.claims[kept]
st.title("Overview")
st.caption(
    f"{len(claims):,} of {len(corpus.claims):,} claims from "
    f"{claims['doc_id'].nunique():,} documents. Click a point to open its source sentence."
)
if claims.empty:
    st.info("No claims match these filters.")
else:
    render_counts(claims)
    render_charts(corpus.points.select(kept))
