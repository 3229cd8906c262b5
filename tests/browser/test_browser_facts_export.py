"""In Debian's Chromium, from filtered and unfiltered views: a fact stated in several
languages is one point whose click opens the quote in the chosen language and whose Source
page offers every other quote; the chart's camera button downloads a PNG (or an SVG) that
carries the source line; an address naming no page says so. The downloaded images and
screenshots go to test-output/screenshots/ to be looked at."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pandas as pd
import pytest
from PIL import Image

from dashboard.figures import EXPORT_FORMATS, EXPORT_SIZE
from dashboard.series import indicator_choice
from extract.store.database import read_corpus
from tests.browser.test_browser_dashboard import WAIT_MS, wait_for_chart
from tests.browser.test_browser_views import colours, contrast

CAMERA = ".js-plotly-plot .modebar-btn[data-title^='Download plot']"


@pytest.fixture(scope="module")
def claims(served_corpus) -> pd.DataFrame:
    return read_corpus(served_corpus["db"])[0]


@pytest.fixture(scope="module")
def fact(claims) -> pd.DataFrame:
    """The quotes of a core fact the seeds state in English, French and Vietnamese."""
    linked = claims[(claims["fact_id"] != "") & (claims["tier"] == "core")]
    languages = linked.groupby("fact_id")["lang"].nunique()
    chosen = languages[languages == 3].index[0]
    return linked[linked["fact_id"] == chosen].sort_values(["doc_id", "start"])


def point_of(page, claim_id: str):
    """The chart marker whose click opens `claim_id` (Plotly keeps it in customdata)."""
    where = page.evaluate(
        """id => { const gd = document.querySelector('.js-plotly-plot');
        for (let t = 0; t < gd.data.length; t++) {
          const i = (gd.data[t].customdata || []).indexOf(id);
          if (i >= 0) { return [t, i]; } }
        return null; }""",
        claim_id,
    )
    assert where is not None, f"{claim_id} is not a point of the chart"
    trace, index = where
    return (
        page.locator(".js-plotly-plot .scatterlayer .trace").nth(trace).locator(".point").nth(index)
    )


def hover_point(page, point) -> tuple[float, float]:
    """Move onto a marker (Plotly listens on a drag layer above it) until its tooltip
    shows; returns where the mouse is."""
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=8)
    page.wait_for_function("document.querySelector('.hoverlayer').textContent.length > 0")
    return x, y


@pytest.mark.parametrize("lang", [None, "en", "fr", "vi"])
def test_browser_fact_point_opens_the_chosen_language_and_offers_every_quote(
    page, server, fact, screenshots, lang
):
    chart = indicator_choice(fact["indicator"].iloc[0], fact["unit"].iloc[0])
    params = {"chart": chart, **({"lang": lang} if lang else {})}
    page.goto(f"{server}/?{urlencode(params)}")
    wait_for_chart(page)
    shown = fact[fact["lang"] == lang] if lang else fact
    opened = shown["claim_id"].iloc[0]  # the first quote in store order, of that language
    x, y = hover_point(page, point_of(page, opened))
    if not lang:  # one point for the fact, its tooltip naming every language
        hover = page.locator(".hoverlayer").text_content()
        assert f"{len(fact)} quote(s)" in hover and all(code in hover for code in ("en", "fr"))
    page.mouse.click(x, y)
    page.wait_for_url("**/source?*claim=*", timeout=WAIT_MS)
    params = parse_qs(urlsplit(page.url).query)
    assert params["claim"] == [opened] and params.get("lang") == ([lang] if lang else None)
    others = page.locator(".claimboard-fact li a")
    others.first.wait_for(timeout=WAIT_MS)
    offered = {others.nth(i).get_attribute("lang") for i in range(others.count())}
    assert offered == set(fact["lang"]) - {shown["lang"].iloc[0]} or (
        offered == set(fact["lang"])  # a second quote in the same language
    )
    assert others.count() == len(fact) - 1
    others.first.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / f"fact-quotes-{lang or 'all'}.png")
    # choosing another language's quote opens it, the filters kept
    other = fact[fact["claim_id"] != opened].iloc[0]
    page.locator(f".claimboard-fact a[href$='claim={other['claim_id']}']").click()
    page.wait_for_function(
        f"new URLSearchParams(location.search).get('claim') === '{other['claim_id']}'",
        timeout=WAIT_MS,
    )
    page.locator(f"mark.claim.selected#claim-{other['claim_id']}").wait_for(timeout=WAIT_MS)


def download(page, image_format: str, screenshots, name: str):
    page.locator(".js-plotly-plot").first.hover()
    with page.expect_download(timeout=WAIT_MS) as event:
        page.locator(CAMERA).first.click()
    path = screenshots / f"{name}.{image_format}"
    event.value.save_as(path)
    return path


@pytest.mark.parametrize("query", ["", "lang=en&year=2024"], ids=["unfiltered", "filtered"])
def test_browser_chart_downloads_a_png_with_its_source_line(page, server, screenshots, query):
    page.goto(f"{server}/?{query}")
    wait_for_chart(page)
    path = download(page, "png", screenshots, f"export-{query.replace('&', '_') or 'all'}")
    with Image.open(path) as image:
        assert image.format == "PNG"
        scale = EXPORT_FORMATS["png"]
        assert image.size == (EXPORT_SIZE[0] * scale, EXPORT_SIZE[1] * scale)
        # the source line sits under the title: text in the band between title and plot
        grey = image.convert("L")
        width, height = grey.size
        band = grey.crop((0, height * 6 // 100, width // 2, height * 10 // 100))
        assert band.getextrema()[0] < 160, "no text under the title: the source line is missing"


def test_browser_chart_downloads_an_svg_with_its_source_line(page, server, screenshots):
    page.goto(f"{server}/?lang=vi")
    wait_for_chart(page)
    page.locator("[data-testid=stButtonGroup] button").filter(has_text="SVG").click()
    page.wait_for_function(
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " return gd && gd._context.toImageButtonOptions.format === 'svg'; }",
        timeout=WAIT_MS,
    )
    wait_for_chart(page)
    path = download(page, "svg", screenshots, "export-vi")
    svg = path.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Source: claimboard (claimboard.duckdb), quotes from" in svg


@pytest.mark.parametrize(
    ("address", "asked", "shown"),
    [
        ("/nope", "nope", "Overview"),
        ("/nope?lang=en", "nope", "Overview"),
        ("/?page=nope", "nope", "Overview"),
        ("/claims?page=nope&year=2024", "nope", "Claims"),
    ],
)
def test_browser_unknown_page_is_named(page, server, screenshots, address, asked, shown):
    page.goto(f"{server}{address}")
    warning = page.locator("[data-testid=stAlert]").filter(has_text="There is no page")
    warning.wait_for(timeout=WAIT_MS)
    assert f"“{asked}”" in warning.inner_text() and shown in warning.inner_text()
    page.locator("h1").filter(has_text=shown).first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(1000)  # the page finishes drawing
    name = quote(address.strip("/"), safe="").replace("%", "")
    page.screenshot(path=screenshots / f"unknown-page-{name}.png")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_browser_fact_quotes_readable_in_both_themes(browser, server, fact, screenshots, scheme):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{server}/source?claim={fact['claim_id'].iloc[0]}")
        quotes = page.locator(".claimboard-fact")
        quotes.wait_for(timeout=WAIT_MS)
        for selector in (".claimboard-fact a", ".claimboard-fact mark"):
            text, background = colours(page, selector)
            assert contrast(text, background) >= 4.5, (selector, text, background)
        quotes.scroll_into_view_if_needed()
        page.screenshot(path=screenshots / f"fact-quotes-{scheme}.png")
    finally:
        context.close()
