"""Overview: key-indicator cards, then one chosen indicator's series on a time axis."""

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.figures import EXPORT_FORMATS, export_config, fact_figure
from dashboard.logic import Filters, claim_id_from_selection, plural
from dashboard.series import (
    change_text,
    fact_table,
    indicator_choice,
    latest_change,
    point_text,
    series_label,
    series_of,
    sparkline,
    sparkline_svg,
)

CARDS = 6  # key indicators shown as cards
CARD_COLUMNS = 3
CARD_HEIGHT = 190  # pixels: cards with and without a sparkline line up
SPARKLINE_HEIGHT = 48  # pixels
CHART_PARAM = "chart"  # the chosen indicator's chart, in the address
MAX_POINTS = 300  # facts fetched per chart (the latest); a chart of more is unreadable
EXPORT_KEY = "chart-export-format"


def group_points(points: pd.DataFrame, group: tuple[str, str]) -> pd.DataFrame:
    indicator, unit = group
    return points[(points["indicator"] == indicator) & (points["unit"] == unit)]


def render_cards(points: pd.DataFrame, groups: list[tuple[str, str]]) -> None:
    """One card per key indicator: its longest series' latest value, period, change and
    sparkline. The sparkline is an inline SVG (series.sparkline_svg), not st.metric's own
    chart: that one loads Vega's scripts, which held the first paint back by seconds."""
    columns = st.columns(CARD_COLUMNS)
    for number, group in enumerate(groups[:CARDS]):
        key, series = series_of(group_points(points, group))[0]
        last, previous = latest_change(series)
        values = sparkline(series)
        with columns[number % CARD_COLUMNS].container(border=True, height=CARD_HEIGHT):
            st.metric(
                f"{indicator_choice(*group)}, {last['period']}",
                point_text(last),
                change_text(last, previous),
                delta_color="off",
                help=f"{series_label(key)}; {plural(len(series), 'fact')} in this series",
            )
            if len(values) > 1:  # numbers only: no document text reaches this HTML
                st.markdown(sparkline_svg(values, SPARKLINE_HEIGHT), unsafe_allow_html=True)


def _remember_chart() -> None:
    st.query_params[CHART_PARAM] = st.session_state[CHART_PARAM]


def chosen_group(groups: list[tuple[str, str]]) -> tuple[str, str]:
    """The indicator the address names (`chart=`), else the first; an unknown one is
    named in a warning."""
    names = [indicator_choice(*group) for group in groups]
    asked = st.query_params.get(CHART_PARAM)
    if asked and asked not in names:
        st.warning(f"Ignored in the address: chart={asked} (no such indicator in this view).")
    return groups[names.index(asked)] if asked in names else groups[0]


def source_line(documents: int) -> str:
    """The chart's source, in its exports too: no server path, only the file's name."""
    sources = state.sources()
    named = (sources.db or sources.claims).name
    return f"Source: claimboard ({named}), quotes from {plural(documents, 'document')}"


def render_chart(
    points: pd.DataFrame, groups: list[tuple[str, str]], chosen: tuple[str, str], documents: int
) -> None:
    names = [indicator_choice(*group) for group in groups]
    st.session_state[CHART_PARAM] = indicator_choice(*chosen)
    st.selectbox("Indicator", names, key=CHART_PARAM, on_change=_remember_chart)
    chart = group_points(points, chosen)
    figure = fact_figure(chart, *chosen, source_line(documents))
    export = st.segmented_control(
        "Download format (the chart's camera button)",
        list(EXPORT_FORMATS),
        default="png",
        key=EXPORT_KEY,
        format_func=str.upper,
    )
    event = st.plotly_chart(
        figure,
        key="fact-chart",
        on_select="rerun",
        selection_mode="points",
        config=export_config(indicator_choice(*chosen), export or "png"),
        width="stretch",
    )
    if len(chart) >= MAX_POINTS:
        st.caption(f"The latest {MAX_POINTS:,} facts are drawn; narrow the filters to see others.")
    claim_id = claim_id_from_selection(event.selection)
    if claim_id:
        state.open_source(claim_id)
    if st.toggle("Show as a table", key="chart-table"):
        table = fact_table(chart, state.current_filters())
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                "source": st.column_config.LinkColumn("source", display_text="open"),
            },
        )


def render_counts(filters: Filters) -> None:
    """Claims per ministry, language and year, counted only when asked for."""
    if not st.toggle("Claims per ministry, language and year", key="claim-counts"):
        return
    groups = [("body", "Ministry"), ("lang", "Language"), ("year", "Year")]
    for column, (field, title) in zip(st.columns([3, 1, 1]), groups, strict=True):
        table = corpus.db.count_by(filters, field).rename(columns={field: title})
        column.dataframe(table, hide_index=True, width="stretch")


corpus = state.corpus()
filters = state.current_filters()
claims, documents, placed = corpus.db.counts(filters)
st.title("Overview")
st.caption(
    f"{claims:,} of {plural(corpus.db.total, 'claim')} from "
    f"{plural(documents, 'document')}. Click a point to open its source."
)
groups = corpus.db.groups(filters) if claims else []
if not claims:
    st.info("No claims match these filters.")
elif not groups:
    st.info("None of these claims names a period, so none can be placed in time.")
else:
    chosen = chosen_group(groups)
    points = corpus.db.points(filters, list(dict.fromkeys([*groups[:CARDS], chosen])), MAX_POINTS)
    render_cards(points, groups)
    render_chart(points, groups, chosen, documents)
    if claims > placed:
        st.caption(
            f"{plural(claims - placed, 'claim')} without a period are in the Claims table only."
        )
render_counts(filters)
