"""The pages in Debian's Chromium, in light and dark themes and at phone width (390x844):
Overview cards and a time axis, the Source page's sentence in the page's own viewport with
readable highlights, the time range and search in the address, bad address values named, no
Deploy button. Screenshots go to test-output/screenshots/ to be looked at."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pandas as pd
import pytest

from dashboard.logic import Filters
from extract.store.database import read_corpus
from tests.browser.conftest import kept_claims
from tests.browser.test_browser_dashboard import WAIT_MS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}
LAYOUTS = [
    pytest.param(DESKTOP, "light", id="desktop-light"),
    pytest.param(DESKTOP, "dark", id="desktop-dark"),
    pytest.param(PHONE, "light", id="phone-light"),
    pytest.param(PHONE, "dark", id="phone-dark"),
]


@pytest.fixture(scope="module")
def claims(served_corpus) -> pd.DataFrame:
    return read_corpus(served_corpus["db"])[0]


@pytest.fixture
def open_page(browser):
    contexts = []

    def make(viewport: dict, scheme: str):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def luminance(rgb: tuple[float, ...]) -> float:
    channels = [c / 255 for c in rgb[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours(page, selector: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The text colour and background colour (first non-transparent ancestor) of an element."""
    found = page.evaluate(
        """s => { const e = document.querySelector(s); const fg = getComputedStyle(e).color;
        let n = e, bg = 'rgba(0, 0, 0, 0)';
        while (n && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
          bg = getComputedStyle(n).backgroundColor; n = n.parentElement; }
        return [fg, bg]; }""",
        selector,
    )
    parse = lambda text: tuple(float(v) for v in text[text.index("(") + 1 : -1].split(","))  # noqa: E731
    return parse(found[0]), parse(found[1])


@pytest.mark.parametrize(("viewport", "scheme"), LAYOUTS)
def test_browser_views_overview_cards_and_a_time_axis(
    open_page, server, screenshots, viewport, scheme
):
    page = open_page(viewport, scheme)
    page.goto(f"{server}/")
    page.locator("[data-testid=stMetric]").first.wait_for(timeout=WAIT_MS)
    page.wait_for_selector(".js-plotly-plot .xtick", timeout=WAIT_MS)
    assert page.locator(".js-plotly-plot").count() == 1  # one chosen chart, no wall of charts
    ticks = [t for t in page.locator(".js-plotly-plot .xtick").all_text_contents() if t.strip()]
    assert ticks, "the time axis has tick labels"
    assert page.locator(".js-plotly-plot .g-xtitle").text_content().startswith("Period")
    # The first card's series has three years: its sparkline is drawn in the cards' column.
    cards = page.locator("[data-testid=stColumn]").filter(
        has=page.locator("[data-testid=stMetric]")
    )
    sparkline = cards.first.locator('svg[aria-label^="trend of the latest"]')
    sparkline.wait_for(timeout=WAIT_MS)
    drawn = sparkline.bounding_box()
    assert drawn["width"] > 50 and drawn["height"] > 20
    assert sparkline.locator("polyline").get_attribute("points").count(",") >= 2
    page.wait_for_timeout(500)
    page.screenshot(path=screenshots / f"overview-{viewport['width']}-{scheme}.png", full_page=True)


@pytest.mark.parametrize(("viewport", "scheme"), LAYOUTS)
def test_browser_views_source_sentence_in_the_page_viewport_and_readable(
    open_page, server, claims, screenshots, viewport, scheme
):
    # the last claim of the longest document: far down the page unless scrolled to
    longest = claims["doc_id"].value_counts().index[0]
    claim = claims[claims["doc_id"] == longest].sort_values("start").iloc[-1]
    page = open_page(viewport, scheme)
    page.goto(f"{server}/source?claim={claim['claim_id']}")
    mark = page.locator("mark.claim.selected").first
    mark.wait_for(timeout=WAIT_MS)
    page.wait_for_function(
        """() => { const r = document.querySelector('mark.claim.selected').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""",
        timeout=WAIT_MS,
    )
    for selector in ("mark.claim.selected", ".claimboard-doc .in-sentence", "mark.claim"):
        text, background = colours(page, selector)
        assert contrast(text, background) >= 4.5, (selector, text, background)
    page.screenshot(path=screenshots / f"source-{viewport['width']}-{scheme}.png")


def test_browser_views_bad_address_values_are_named_not_rewritten(page, server):
    address = f"{server}/claims?year=abc&ministry={quote('Ministry of Nowhere')}"
    page.goto(address)
    warning = page.locator("[data-testid=stAlert]").filter(has_text="Ignored in the address")
    warning.wait_for(timeout=WAIT_MS)
    assert "year=abc" in warning.inner_text() and "Ministry of Nowhere" in warning.inner_text()
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"year": ["abc"], "ministry": ["Ministry of Nowhere"]}


def test_browser_views_time_range_and_search_live_in_the_address(page, server, claims):
    page.goto(f"{server}/claims?from=2024-01&to=2024-12")
    expected = kept_claims(claims, Filters(period_from="2024-01", period_to="2024-12"))
    assert 0 < len(expected) < len(claims)
    page.get_by_text(f"{len(expected):,} of {len(claims):,} claims").wait_for(timeout=WAIT_MS)
    page.locator("[data-testid=stSlider]").wait_for(timeout=WAIT_MS)
    search = page.locator("[data-testid=stSidebar] input[type=text]").first
    search.fill("786,3")
    search.press("Enter")
    page.wait_for_function(
        "new URLSearchParams(location.search).get('q') === '786,3'", timeout=WAIT_MS
    )
    found = kept_claims(claims, Filters(q="786,3", period_from="2024-01", period_to="2024-12"))
    assert len(found) >= 1
    page.get_by_text(f"{len(found):,} of {len(claims):,} claims").wait_for(timeout=WAIT_MS)
    assert parse_qs(urlsplit(page.url).query)["from"] == ["2024-01"]


def test_browser_views_viewers_get_no_deploy_button(page, server):
    page.goto(f"{server}/")
    page.locator("h1").first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(500)
    assert page.get_by_role("button", name="Deploy").count() == 0
    page.locator("[data-testid=stMainMenu]").click()
    page.wait_for_timeout(1000)  # the menu opens
    assert page.get_by_text("Clear cache").count() == 0  # no developer options
