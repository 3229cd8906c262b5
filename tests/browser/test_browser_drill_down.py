"""Drill-down in Debian's Chromium from filtered and unfiltered views: a chart point, a Claims
row and every link open the claim's Source page with the filters kept, the address naming
`claim=`, and never an exception (filters used to be widgets bound to the URL, and Streamlit
refused every navigation that carried them)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from dashboard.logic import Filters
from extract.store.database import read_corpus
from tests.browser.conftest import kept_claims
from tests.browser.test_browser_dashboard import WAIT_MS, click_first_point, wait_for_chart

# (address parameters, what they keep): a year, a language, a search, and none at all
FILTERED_VIEWS = [
    pytest.param("", {}, id="unfiltered"),
    pytest.param("year=2024", {"year": ["2024"]}, id="year"),
    pytest.param("lang=vi&year=2024", {"lang": ["vi"], "year": ["2024"]}, id="lang-year"),
    pytest.param("q=export", {"q": ["export"]}, id="search"),
]


@pytest.fixture(scope="module")
def claims(served_corpus) -> pd.DataFrame:
    return read_corpus(served_corpus["db"])[0].set_index("claim_id")


def params_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def assert_on_source_with(page, claims: pd.DataFrame, kept: dict[str, list[str]]) -> str:
    """The page shows a claim's Source with the filters `kept`; returns the claim id."""
    page.wait_for_url("**/source?*claim=*", timeout=WAIT_MS)
    selected = page.locator("mark.claim.selected")
    selected.first.wait_for(timeout=WAIT_MS)
    assert page.locator("[data-testid=stException]").count() == 0
    params = params_of(page)
    claim_id = params["claim"][0]
    assert claim_id in claims.index
    assert {name: values for name, values in params.items() if name != "claim"} == kept
    claim = claims.loc[claim_id]
    offset = claim["sentence_start"]
    mention = claim["sentence"][claim["start"] - offset : claim["end"] - offset]
    page.wait_for_function(
        "m => [...document.querySelectorAll('mark.claim.selected')]"
        ".map(e => e.innerText).join('') === m",
        arg=mention,
        timeout=WAIT_MS,
    )
    return claim_id


def click_first_row(page) -> None:
    """The grid draws on a canvas: click the first data row's checkbox (below the header)."""
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.wait_for(timeout=WAIT_MS)
    page.locator("[data-testid=stDataFrame] [role=gridcell]").first.wait_for(
        state="attached", timeout=WAIT_MS
    )
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 17, box["y"] + 35 + 17)  # its checkbox


@pytest.mark.parametrize(("query", "kept"), FILTERED_VIEWS)
def test_browser_drill_down_chart_point_opens_its_source(page, server, claims, query, kept):
    page.goto(f"{server}/?{query}")
    wait_for_chart(page)
    click_first_point(page)
    assert_on_source_with(page, claims, kept)


@pytest.mark.parametrize(("query", "kept"), FILTERED_VIEWS)
def test_browser_drill_down_claims_row_opens_its_source(page, server, claims, query, kept):
    page.goto(f"{server}/claims?{query}")
    click_first_row(page)
    assert_on_source_with(page, claims, kept)


def test_browser_drill_down_after_a_sidebar_filter(page, server, claims, screenshots):
    page.goto(f"{server}/claims")
    year = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").filter(
        has_text="Year"
    )
    year.locator("input").click()
    page.get_by_role("option", name="2024", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url("**/claims?year=2024", timeout=WAIT_MS)
    shown = kept_claims(claims.reset_index(), Filters(year=(2024,)))  # core claims only
    page.get_by_text(f"{len(shown)} of {len(claims)} claims").wait_for(timeout=WAIT_MS)
    click_first_row(page)
    assert_on_source_with(page, claims, {"year": ["2024"]})
    page.screenshot(path=screenshots / "drill_down_source_filtered.png")


def test_browser_drill_down_source_list_updates_the_claim(page, server, claims):
    per_document = claims["doc_id"].map(claims["doc_id"].value_counts())
    first = claims[(claims["year"] == 2024) & (per_document > 1)].index[0]
    page.goto(f"{server}/source?year=2024&claim={first}")
    page.locator("mark.claim.selected").first.wait_for(timeout=WAIT_MS)
    others = page.locator(".claimboard-claims a:not(.selected)")
    others.first.click()
    page.wait_for_function(
        f"new URLSearchParams(location.search).get('claim') !== '{first}'",
        timeout=WAIT_MS,
    )
    chosen = assert_on_source_with(page, claims, {"year": ["2024"]})
    assert chosen != first
    assert claims.loc[chosen, "doc_id"] == claims.loc[first, "doc_id"]
    page.go_back()  # Back shows the claim before, as the address says
    page.wait_for_function(
        f"new URLSearchParams(location.search).get('claim') === '{first}'", timeout=WAIT_MS
    )
    assert assert_on_source_with(page, claims, {"year": ["2024"]}) == first


def test_browser_drill_down_consistency_link_keeps_the_filters(page, server, claims):
    page.goto(f"{server}/consistency?lang=vi")
    fact = page.locator("[data-testid=stExpander]").first
    fact.wait_for(timeout=WAIT_MS)
    if fact.locator("details[open]").count() == 0:  # agreeing facts start folded
        fact.locator("summary").click()
    quote = fact.locator("blockquote a").first
    quote.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(500)  # let the expander finish unfolding
    quote.click()
    assert_on_source_with(page, claims, {"lang": ["vi"]})
