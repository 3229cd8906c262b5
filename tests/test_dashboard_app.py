"""The app itself, through streamlit.testing.v1.AppTest: pages, filters, claim URLs, XSS."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.logic import NO_LABEL, Filters, filter_claims, option_label
from extract import job
from extract.write import read_claims, write_claims

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
PAGES = {"overview": "views/overview.py", "claims": "views/claims.py", "source": "views/source.py"}
HOSTILE = (
    "Hostile report of the Ministry of Testing.\n"
    "Export turnover grew by 8.4% <script>alert(1)</script> <img src=x onerror=alert(1)> "
    "[click](http://evil.example) in 2024.\n"
)
SECRET = "TOP-SECRET-OUTSIDE-THE-CORPUS"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory, seeds_dir) -> Path:
    """The seeds plus a document full of markup, with its manifest entry."""
    folder = tmp_path_factory.mktemp("corpus") / "docs"
    shutil.copytree(seeds_dir, folder)
    (folder / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with (folder / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write('\n["zz_hostile.txt"]\nlang = "en"\nbody = "Ministry of <b>Testing</b>"\n')
    (folder.parent / "secret.txt").write_text(SECRET, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def claims_file(corpus_dir) -> Path:
    """The extractor's rows, with indicator, kind and year set by hand in turn so that every
    filter has at least two values to choose between, whatever the extractor finds today."""
    loaded = job.load([corpus_dir])
    claims = job.process(loaded.documents).reset_index(drop=True)
    turn = claims.index % 3
    claims["indicator"] = pd.Series(["exports", "retail sales", ""]).iloc[turn].to_numpy()
    claims["kind"] = pd.Series(["actual", "target", "estimate"]).iloc[turn].to_numpy()
    claims["year"] = pd.array([2023, 2024, 2025], dtype="Int64")[turn]
    claims["period"] = claims["year"].astype("string")
    path = corpus_dir.parent / "claims.parquet"
    write_claims(claims, path)
    return path


@pytest.fixture
def app(monkeypatch, claims_file, corpus_dir):
    """A fresh AppTest over the hand-made table; `app(page, **query_params)` runs a page."""
    monkeypatch.setenv("CLAIMBOARD_CLAIMS", str(claims_file))
    monkeypatch.setenv("CLAIMBOARD_CORPUS", str(corpus_dir))

    def run(page: str = "overview", **params: str | list[str]) -> AppTest:
        test = AppTest.from_file(str(APP), default_timeout=60)
        test.query_params.update(params)
        test.run()
        if page != "overview":
            test.switch_page(PAGES[page]).run()
        assert not test.exception, [e.value for e in test.exception]
        return test

    return run


def table_of(test: AppTest) -> pd.DataFrame:
    return test.dataframe[0].value


def markdown_text(test: AppTest) -> str:
    """Everything the page rendered as Markdown: text, captions, warnings, link labels."""
    kinds = ("markdown", "caption", "warning", "title", "page_link")
    return "\n".join(str(e.value) for kind in kinds for e in test.get(kind))


def html_text(test: AppTest) -> str:
    return "\n".join(h.proto.body for h in test.get("html"))


def all_text(test: AppTest) -> str:
    return markdown_text(test) + "\n" + html_text(test)


@pytest.mark.parametrize("page", list(PAGES))
def test_dashboard_app_every_page_renders_on_the_seeds(monkeypatch, seeds_dir, tmp_path, page):
    monkeypatch.setenv("CLAIMBOARD_CLAIMS", str(tmp_path / "claims.parquet"))
    monkeypatch.setenv("CLAIMBOARD_CORPUS", str(seeds_dir))
    test = AppTest.from_file(str(APP), default_timeout=60).run()
    test.switch_page(PAGES[page]).run()
    assert not test.exception
    assert test.title[0].value == page.capitalize()
    assert (tmp_path / "claims.parquet").is_file()  # the fresh-machine path wrote the table


def test_dashboard_app_overview_charts_every_filtered_claim(app, claims_file):
    test = app("overview", kind="target")
    expected = filter_claims(read_claims(claims_file), Filters(kind=("target",)))
    charted = {
        claim_id
        for chart in test.get("plotly_chart")
        for trace in json.loads(chart.proto.spec)["data"]
        for claim_id in trace["customdata"]
    }
    assert charted == set(expected["claim_id"]) and charted


@pytest.mark.parametrize("name", ["ministry", "year", "lang", "indicator", "kind"])
def test_dashboard_app_each_url_filter_narrows_the_claims_table(app, claims_file, name):
    claims = read_claims(claims_file)
    column = {"ministry": "body", "lang": "lang", "year": "year"}.get(name, name)
    chosen = claims[column].dropna().iloc[-1]  # a value present in the table
    test = app("claims", **{name: option_label(chosen)})
    shown = table_of(test)
    expected = claims[claims[column] == chosen]
    assert 0 < len(shown) == len(expected) < len(claims)
    assert set(shown.index) == set(expected["claim_id"])
    assert test.session_state[name] == [chosen]  # the sidebar widget took the URL's value


def test_dashboard_app_search_and_filters_combine(app, claims_file):
    test = app("claims", q="8.4", lang="en")
    shown = table_of(test)
    assert len(shown) > 0
    assert all("8.4" in quote for quote in shown["quote"])
    assert set(shown["language"]) == {"en"}


def test_dashboard_app_empty_indicator_is_a_filter_option(app, claims_file):
    shown = table_of(app("claims", indicator=NO_LABEL))
    claims = read_claims(claims_file)
    assert len(shown) == (claims["indicator"] == "").sum() > 0


def test_dashboard_app_claim_url_opens_its_sentence_highlighted(app, claims_file, corpus_dir):
    claim = read_claims(claims_file).iloc[-2]
    test = app("source", claim=claim["claim_id"])
    page = all_text(test)
    selected = re.findall(r'<mark class="claim selected[^"]*" id="claim-([0-9a-f]+)">', page)
    assert selected == [claim["claim_id"]]
    text = (corpus_dir / claim["doc_id"]).read_text(encoding="utf-8")
    mention = text[claim["start"] : claim["end"]]
    assert re.search(rf'class="claim selected[^"]*"[^>]*>{re.escape(mention)}</mark>', page)
    assert claim["doc_id"] in page  # its metadata


@pytest.mark.parametrize("page", list(PAGES))
def test_dashboard_app_document_markup_shows_as_plain_text(app, claims_file, page):
    claims = read_claims(claims_file)
    hostile = claims[claims["doc_id"] == "zz_hostile.txt"]
    assert len(hostile) > 0, "the extractor should find 'grew by 8.4%'"
    test = app(page, claim=hostile["claim_id"].iloc[0])
    rendered = all_text(test)
    for raw in ("<script>alert", "<img src=x", "<b>Testing"):
        assert raw not in rendered
    # the only script on any page is the Source page's own scroll to the claim
    scripts = re.findall(r"<script>.*?</script>", rendered, flags=re.S)
    assert all("scrollTop" in s and "alert" not in s for s in scripts)
    assert "[click](http" not in markdown_text(test)  # Markdown shows the brackets escaped
    if page == "source":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text(test)
        assert "[click](http://evil.example)" in html_text(test)  # literal text, not a link
        assert "Ministry of &lt;b&gt;Testing&lt;/b&gt;" in html_text(test)
    if page == "claims":
        assert any("<script>alert(1)</script>" in quote for quote in table_of(test)["quote"])


@pytest.mark.parametrize(
    "params",
    [
        {"doc": "../secret.txt"},
        {"doc": "/etc/passwd"},
        {"claim": "../secret.txt"},
        {"doc": "zz_hostile.txt/../../secret.txt"},
    ],
)
def test_dashboard_app_url_cannot_open_files_outside_the_corpus(app, params):
    rendered = all_text(app("source", **params))
    assert SECRET not in rendered and "root:" not in rendered
    assert "not in the loaded" in rendered
