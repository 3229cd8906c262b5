"""The dashboard in Debian's Chromium over a store: click a chart point, land on its
highlighted sentence; filter through the URL; compare a figure across languages and open a
quote's source; hostile document text stays text. Screenshots of every page go to
test-output/screenshots/ for a person to look at."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pandas as pd
import pytest

from dashboard.views.add_documents import limit_text
from extract.store.database import read_corpus

WAIT_MS = 30_000


TRADE_FIGURE = ("nearly 800 billion USD", "près de 800 milliards USD", "786,3 tỷ USD")


@pytest.fixture(scope="module")
def claims(served_corpus) -> pd.DataFrame:
    """The claims in the store the app serves."""
    return read_corpus(served_corpus["db"])[0]


def text_of(served_corpus, doc_id: str) -> str:
    return (served_corpus["corpus"] / doc_id).read_text(encoding="utf-8")


def wait_for_chart(page) -> None:
    """The Overview's chart is below the key-indicator cards: bring it into view, then wait
    for its points."""
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.wait_for(state="attached", timeout=2 * WAIT_MS)
    chart.scroll_into_view_if_needed()
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=2 * WAIT_MS)


def click_first_point(page) -> None:
    """Plotly listens on a drag layer above the points: move onto a point so it hovers, then
    click there; repeat while the app has not navigated (the first click can land while the
    chart is still settling)."""
    point = page.locator(".js-plotly-plot .scatterlayer .point").first
    point.scroll_into_view_if_needed()
    for _ in range(3):
        box = point.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x - 20, y - 20)
        page.mouse.move(x, y, steps=8)
        page.wait_for_function("document.querySelector('.hoverlayer').textContent.length > 0")
        page.mouse.click(x, y)
        try:
            page.wait_for_url("**/source?*claim=*", timeout=10_000)
            return
        except Exception:  # noqa: BLE001 - retried, and the final wait below reports it
            continue
    page.wait_for_url("**/source?*claim=*", timeout=WAIT_MS)


def test_browser_chart_point_opens_its_sentence_highlighted(
    page, server, claims, served_corpus, screenshots
):
    page.goto(f"{server}/")
    wait_for_chart(page)
    page.screenshot(path=screenshots / "overview.png", full_page=True)
    click_first_point(page)
    claim_id = parse_qs(urlsplit(page.url).query)["claim"][0]
    claim = claims.set_index("claim_id").loc[claim_id]
    text = text_of(served_corpus, claim["doc_id"])
    selected = page.locator("mark.claim.selected")
    selected.first.wait_for(timeout=WAIT_MS)
    assert "".join(selected.all_inner_texts()) == text[claim["start"] : claim["end"]]
    shaded = "".join(page.locator(".claimboard-doc .in-sentence").all_text_contents())
    assert shaded == claim["sentence"]
    assert selected.first.is_visible()  # scrolled into view inside the document box
    page.locator(".claimboard-claims a.selected").wait_for(
        timeout=WAIT_MS
    )  # the claim list, for the screenshot
    page.screenshot(path=screenshots / "source.png")


def test_browser_ministry_in_url_filters_the_claims_table(page, server, claims, screenshots):
    counts = claims["body"].value_counts()
    ministry = counts.index[-1]  # the ministry with fewest claims: the filter must cut rows
    assert counts[ministry] < len(claims)
    page.goto(f"{server}/claims?ministry={quote(ministry)}")
    page.get_by_text(f"{counts[ministry]:,} of {len(claims):,} claims").wait_for(timeout=WAIT_MS)
    grid_cells = page.locator("[data-testid=stDataFrame] [role=gridcell]")
    # the grid draws on a canvas; its cells are also in a hidden accessibility table
    grid_cells.filter(has_text=ministry).first.wait_for(state="attached", timeout=WAIT_MS)
    cells = grid_cells.all_inner_texts()
    bodies = set(claims["body"])
    assert not (bodies - {ministry}) & set(cells)  # no other ministry's row is shown
    assert ministry in page.locator("[data-testid=stSidebar]").inner_text()
    page.screenshot(path=screenshots / "claims.png")


@pytest.mark.parametrize("path", ["/", "/claims?q=alert", "/source?claim={claim_id}"])
def test_browser_hostile_document_shows_as_plain_text(page, server, claims, path):
    hostile = claims[claims["doc_id"] == "zz_hostile.txt"]
    assert len(hostile) > 0, "the extractor should find 'grew by 8.4%'"
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + path.format(claim_id=hostile["claim_id"].iloc[0]))
    page.locator("h1").first.wait_for(timeout=WAIT_MS)
    if path.startswith("/source"):
        document = page.locator(".claimboard-doc")
        document.wait_for(timeout=WAIT_MS)
        assert "<script>alert(1)</script>" in document.inner_text()
        assert "[click](http://evil.example)" in document.inner_text()
    page.wait_for_timeout(1000)  # give any injected handler the chance to fire
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("a[href='http://evil.example']").count() == 0
    assert dialogs == []


def test_browser_consistency_compares_the_trade_figure_and_opens_a_quote(
    page, server, claims, served_corpus, screenshots
):
    page.goto(f"{server}/consistency")

    def quote(within, mention: str):
        """The quote whose marked mention is `mention` (its sentence may state others)."""
        marked = page.locator("mark").get_by_text(mention, exact=True)
        return within.locator("blockquote").filter(has=marked)

    fact = page.locator("[data-testid=stExpander]").filter(has=quote(page, TRADE_FIGURE[2]))
    fact.first.wait_for(state="attached", timeout=WAIT_MS)
    fact.first.locator("summary").click()  # agreeing facts start folded
    for mention in TRADE_FIGURE:
        quote(fact.first, mention).first.wait_for(timeout=WAIT_MS)
    fact.first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # let the expander finish unfolding for the screenshot
    page.screenshot(path=screenshots / "consistency.png")
    quote(fact.first, TRADE_FIGURE[2]).first.locator("a").click()
    page.wait_for_url("**/source?*claim=*", timeout=WAIT_MS)
    claim_id = parse_qs(urlsplit(page.url).query)["claim"][0]
    claim = claims.set_index("claim_id").loc[claim_id]
    selected = page.locator("mark.claim.selected")
    selected.first.wait_for(timeout=WAIT_MS)
    assert "".join(selected.all_inner_texts()) == TRADE_FIGURE[2]
    shaded = "".join(page.locator(".claimboard-doc .in-sentence").all_text_contents())
    assert shaded == claim["sentence"] and TRADE_FIGURE[2] in shaded


def test_browser_add_documents_page_states_the_store_and_the_limit(page, server, screenshots):
    page.goto(f"{server}/add")
    page.get_by_text(f"at most {limit_text()} each").wait_for(timeout=WAIT_MS)
    page.locator("[data-testid=stFileUploader]").wait_for(timeout=WAIT_MS)
    page.screenshot(path=screenshots / "add_documents.png", full_page=True)
