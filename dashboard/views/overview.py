"""Overview: key-indicator cards, then one chosen indicator's series on a time axis."""

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.figures import export_config, fact_figure
from dashboard.logic import claim_id_from_selection, count_by, plural
from dashboard.series import (
    change_text,
    fact_points,
    indicator_choice,
    latest_change,
    point_text,
    series_label,
    series_of,
    sparkline,
    unit_groups,
)

CARDS = 6  # key indicators shown as cards
CARD_COLUMNS = 3
CARD_HEIGHT = 190  # pixels: cards with and without a sparkline line up
CHART_PARAM = "chart"  # the chosen indicator's chart, in the address


def render_cards(points: pd.DataFrame, groups: list[tuple[str, str]]) -> None:
    """One card per key indicator: its longest series' latest value, period, change and
    sparkline."""
    columns = st.columns(CARD_COLUMNS)
    for number, (indicator, unit) in enumerate(groups[:CARDS]):
        chart = points[(points["indicator"] == indicator) & (points["unit"] == unit)]
        key, series = series_of(chart)[0]
        last, previous = latest_change(series)
        with columns[number % CARD_COLUMNS]:
            st.metric(
                f"{indicator_choice(indicator, unit)}, {last['period']}",
                point_text(last),
                change_text(last, previous),
                delta_color="off",
                help=f"{series_label(key)}; {plural(len(series), 'fact')} in this series",
                chart_data=sparkline(series) if len(series) > 1 else None,
                chart_type="line",
                border=True,
                height=CARD_HEIGHT,
            )


def _remember_chart() -> None:
    st.query_params[CHART_PARAM] = st.session_state[CHART_PARAM]


def chosen_group(groups: list[tuple[str, str]]) -> tuple[str, str]:
    names = [indicator_choice(*group) for group in groups]
    asked = st.query_params.get(CHART_PARAM)
    if asked and asked not in names:
        st.warning(f"Ignored in the address: chart={asked} (no such indicator in this view).")
    st.session_state[CHART_PARAM] = asked if asked in names else names[0]
    name = st.selectbox("Indicator", names, key=CHART_PARAM, on_change=_remember_chart)
    return groups[names.index(name)]


def source_line(claims: pd.DataFrame) -> str:
    documents = claims["doc_id"].nunique()
    quoted = plural(documents, "document")
    return f"Source: claimboard, quotes from {quoted} in {state.sources().described}"


def render_chart(points: pd.DataFrame, claims: pd.DataFrame, groups) -> None:
    indicator, unit = chosen_group(groups)
    figure = fact_figure(points, indicator, unit, source_line(claims))
    name = indicator_choice(indicator, unit)
    event = st.plotly_chart(
        figure,
        key="fact-chart",
        on_select="rerun",
        selection_mode="points",
        config=export_config(name),
        width="stretch",
    )
    claim_id = claim_id_from_selection(event.selection)
    if claim_id:
        state.open_source(claim_id)
    if st.toggle("Show as a table", key="chart-table"):
        chart = points[(points["indicator"] == indicator) & (points["unit"] == unit)]
        st.dataframe(state.fact_table(chart), hide_index=True, width="stretch")


def render_counts(claims: pd.DataFrame) -> None:
    with st.expander("Claims per ministry, language and year"):
        groups = [("body", "Ministry"), ("lang", "Language"), ("year", "Year")]
        for column, (field, title) in zip(st.columns([3, 1, 1]), groups, strict=True):
            table = count_by(claims, field).rename(columns={field: title})
            column.dataframe(table, hide_index=True, width="stretch")


corpus = state.corpus()
kept = state.filtered_mask(corpus)
claims = corpus.claims[kept]
st.title("Overview")
st.caption(
    f"{len(claims):,} of {plural(len(corpus.claims), 'claim')} from "
    f"{plural(claims['doc_id'].nunique(), 'document')}. Click a point to open its source."
)
points = fact_points(claims, corpus.spans[kept])
groups = unit_groups(points)
if claims.empty:
    st.info("No claims match these filters.")
elif not groups:
    st.info("None of these claims names a period, so none can be placed in time.")
else:
    render_cards(points, groups)
    render_chart(points, claims, groups)
    unplaced = len(claims) - int(corpus.spans[kept]["start"].notna().sum())
    if unplaced:
        st.caption(f"{plural(unplaced, 'claim')} without a period are in the Claims table only.")
render_counts(claims)
