"""The app itself, through streamlit.testing.v1.AppTest, over a store built in a temp folder:
pages, filters, claim URLs, XSS, uploads reaching every page; and once over a flat table."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.logic import NO_LABEL, option_label
from dashboard.series import SERIES_KEY, indicator_choice
from dashboard.timeline import period_bounds
from extract.pipeline.claims import extract_document
from extract.store.changes import add_documents, extract_each
from extract.store.commands import load_incoming
from extract.store.database import read_corpus

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
PAGES = {
    "overview": ("views/overview.py", "Overview"),
    "claims": ("views/claims.py", "Claims"),
    "source": ("views/source.py", "Source"),
    "consistency": ("views/consistency.py", "Consistency"),
    "add": ("views/add_documents.py", "Add documents"),
}
SOURCES_ENV = ("CLAIMBOARD_DB", "CLAIMBOARD_CLAIMS", "CLAIMBOARD_CORPUS")
HOSTILE = (
    "Hostile report of the Ministry of Testing.\n"
    "Export turnover grew by 8.4% <script>alert(1)</script> <img src=x onerror=alert(1)> "
    "[click](http://evil.example) in 2024.\n"
)
SECRET = "TOP-SECRET-OUTSIDE-THE-CORPUS"


pytestmark = pytest.mark.usefixtures("dashboard_cache")


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


def varied(doc) -> list[dict]:
    """The extractor's rows, with indicator, kind, year and tier set by hand in turn so that every
    filter has at least two values to choose between, whatever the extractor finds today."""
    rows = extract_document(doc)
    for number, row in enumerate(rows):
        turn = number % 3
        row["indicator"] = ["exports", "retail sales", ""][turn]
        row["kind"] = ["actual", "target", "estimate"][turn]
        row["year"] = [2023, 2024, 2025][turn]
        row["period"] = str(row["year"])
        row["tier"] = "minor" if number % 4 == 3 else "core"
    return rows


def build_store(db: Path, folder: Path, extract=extract_document) -> Path:
    """A store holding the documents of `folder`, added through the store's own add."""
    loaded = load_incoming([folder])
    assert not loaded.errors
    add_documents(db, loaded.incoming, extract_many=extract_each(extract))
    return db


@pytest.fixture(scope="module")
def store_db(corpus_dir) -> Path:
    return build_store(corpus_dir.parent / "claimboard.duckdb", corpus_dir, extract=varied)


@pytest.fixture(scope="module")
def stored_claims(store_db) -> pd.DataFrame:
    return read_corpus(store_db)[0]


def run_app(page: str = "overview", /, **params: str | list[str]) -> AppTest:
    test = AppTest.from_file(str(APP), default_timeout=60)
    test.query_params.update(params)
    test.run()
    if page != "overview":
        test.switch_page(PAGES[page][0]).run()
    assert not test.exception, [e.value for e in test.exception]
    return test


@pytest.fixture
def app(monkeypatch, store_db):
    """A fresh AppTest over the module's store; `app(page, **query_params)` runs a page."""
    for name in SOURCES_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLAIMBOARD_DB", str(store_db))
    return run_app


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
def test_dashboard_app_every_page_renders_over_a_new_default_store(
    monkeypatch, tmp_path, seeds_dir, page
):
    for name in SOURCES_ENV:
        monkeypatch.delenv(name, raising=False)
    default = tmp_path / "data" / "claimboard.duckdb"
    monkeypatch.setattr(data, "DEFAULT_DB", default)
    test = run_app(page)
    assert test.title[0].value == PAGES[page][1]
    assert default.is_file()  # the fresh-machine path created the store from seeds/
    documents = read_corpus(default)[1]
    assert sorted(documents["doc_id"]) == sorted(p.name for p in seeds_dir.glob("*.txt"))


@pytest.mark.parametrize("page", list(PAGES))
def test_dashboard_app_every_page_renders_over_a_flat_table(monkeypatch, seeds_dir, tmp_path, page):
    for name in SOURCES_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLAIMBOARD_CLAIMS", str(tmp_path / "claims.parquet"))
    monkeypatch.setenv("CLAIMBOARD_CORPUS", str(seeds_dir))
    test = run_app(page)
    assert test.title[0].value == PAGES[page][1]
    assert (tmp_path / "claims.parquet").is_file()  # the fresh-machine path wrote the table
    if page in ("add", "consistency"):  # both need the store, and say how to start with it
        assert "streamlit run dashboard/app.py" in test.info[0].value
        assert not test.get("file_uploader")


def test_dashboard_app_overview_charts_each_fact_of_the_chosen_indicator_once(app, stored_claims):
    test = app("overview", kind="target")
    charts = test.get("plotly_chart")
    assert len(charts) == 1  # one chosen indicator, not a wall of charts
    spec = json.loads(charts[0].proto.spec)
    charted = [c for trace in spec["data"] for c in trace.get("customdata") or []]
    assert spec["layout"]["xaxis"]["type"] == "date"
    chosen = test.selectbox(key="chart").value
    expected = stored_claims[
        (stored_claims["kind"] == "target")
        & (stored_claims["tier"] != "minor")
        & stored_claims["period"].map(period_bounds).notna()
        & (chart_of(stored_claims) == chosen)
    ].sort_values(["doc_id", "start"])
    fact = expected["fact_id"].where(expected["fact_id"] != "", expected["claim_id"])
    first_quotes = expected.groupby([*SERIES_KEY, fact], sort=False)["claim_id"].first()
    assert sorted(charted) == sorted(first_quotes) and charted  # one point per fact
    assert test.get("metric"), "key indicators as cards"


def chart_of(claims: pd.DataFrame) -> pd.Series:
    """The chart (indicator_choice) each claim belongs to."""
    pairs = zip(claims["indicator"].fillna(""), claims["unit"].fillna(""), strict=True)
    return pd.Series([indicator_choice(*pair) for pair in pairs], index=claims.index)


@pytest.mark.parametrize(("chosen", "image_format"), [(None, "png"), ("svg", "svg")])
def test_dashboard_app_overview_chart_exports_png_or_svg(app, chosen, image_format):
    test = app("overview")
    if chosen:
        test.get("button_group")[0].set_value(chosen).run()
    config = json.loads(test.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["format"] == image_format
    spec = json.loads(test.get("plotly_chart")[0].proto.spec)
    subtitle = spec["layout"]["title"]["subtitle"]["text"]
    assert subtitle.startswith("Source: claimboard (claimboard.duckdb)")


@pytest.mark.parametrize("filters", [{}, {"lang": "fr"}, {"tier": "all", "kind": "actual"}])
def test_dashboard_app_unknown_page_is_named(app, filters):
    test = app("overview", **{"page": "nope", **filters})
    assert "There is no page “nope”" in test.warning[0].value
    assert test.title[0].value == "Overview"


def test_dashboard_app_page_parameter_opens_a_known_page(app):
    test = app("overview", **{"page": "claims", "lang": "en"})
    assert test.title[0].value == "Claims" and not test.warning
    assert set(table_of(test)["language"]) == {"English (en)"}


def test_dashboard_app_source_offers_every_quote_of_the_fact(app, stored_claims):
    linked = stored_claims[stored_claims["fact_id"] != ""]
    fact = linked.groupby("fact_id")["lang"].nunique().idxmax()
    quotes = linked[linked["fact_id"] == fact]
    assert quotes["lang"].nunique() > 1, "the seeds state one fact in several languages"
    claim = quotes.iloc[0]
    page = html_text(app("source", claim=claim["claim_id"], lang=claim["lang"]))
    assert f"The same fact in {len(quotes) - 1} other quote(s)" in page
    for other in quotes.iloc[1:].itertuples():
        assert f"lang={claim['lang']}&amp;claim={other.claim_id}" in page  # filters kept
        assert f'lang="{other.lang}"' in page


def test_dashboard_app_overview_chart_choice_lives_in_the_url(app, stored_claims):
    first = app("overview")
    names = first.selectbox(key="chart").options
    assert len(names) > 1
    test = app("overview", chart=names[-1])
    assert test.selectbox(key="chart").value == names[-1]
    unknown = app("overview", chart="no such chart")
    assert "chart=no such chart" in unknown.warning[0].value.replace("\\", "")


@pytest.mark.parametrize(("params", "shown"), [({}, "core"), ({"tier": "all"}, "all")])
def test_dashboard_app_core_claims_by_default_all_on_request(app, stored_claims, params, shown):
    table = table_of(app("claims", **params))
    core = stored_claims[stored_claims["tier"] != "minor"]
    assert 0 < len(core) < len(stored_claims), "the store holds both tiers"
    assert len(table) == (len(core) if shown == "core" else len(stored_claims))


@pytest.mark.parametrize("params", [{"year": "abc"}, {"ministry": "Ministry of Nowhere"}])
def test_dashboard_app_bad_url_values_are_named(app, params):
    test = app("claims", **params)
    ((name, value),) = params.items()
    assert f"{name}={value}" in test.warning[0].value.replace("\\", "")
    assert test.query_params[name] in (value, [value])  # the address is left as it was


@pytest.mark.parametrize("name", ["ministry", "year", "lang", "indicator", "kind"])
def test_dashboard_app_each_url_filter_narrows_the_claims_table(app, stored_claims, name):
    claims = stored_claims
    column = {"ministry": "body", "lang": "lang", "year": "year"}.get(name, name)
    chosen = claims[column].dropna().iloc[-1]  # a value present in the table
    test = app("claims", **{name: option_label(chosen)})
    shown = table_of(test)
    expected = claims[(claims[column] == chosen) & (claims["tier"] != "minor")]
    assert 0 < len(shown) == len(expected) < len(claims)
    assert set(shown.index) == set(expected["claim_id"])
    assert test.session_state[name] == [chosen]  # the sidebar widget took the URL's value


def test_dashboard_app_search_and_filters_combine(app):
    test = app("claims", q="8.4", lang="en")
    shown = table_of(test)
    assert len(shown) > 0
    assert len(shown) > 0 and set(shown["value"]) == {8.4}  # the claims of value 8.4
    assert set(shown["language"]) == {"English (en)"}


def test_dashboard_app_empty_indicator_is_a_filter_option(app, stored_claims):
    shown = table_of(app("claims", indicator=NO_LABEL, tier="all"))
    claims = stored_claims
    assert len(shown) == (claims["indicator"] == "").sum() > 0


def test_dashboard_app_claim_url_opens_its_sentence_highlighted(app, stored_claims, corpus_dir):
    claim = stored_claims.iloc[-2]
    test = app("source", claim=claim["claim_id"])
    page = all_text(test)
    selected = re.findall(r'<mark class="claim selected[^"]*" id="claim-([0-9a-f]+)">', page)
    assert selected == [claim["claim_id"]]
    text = (corpus_dir / claim["doc_id"]).read_text(encoding="utf-8")
    mention = text[claim["start"] : claim["end"]]
    assert re.search(rf'class="claim selected[^"]*"[^>]*>{re.escape(mention)}</mark>', page)
    assert claim["doc_id"] in page  # its metadata


@pytest.mark.parametrize("page", list(PAGES))
def test_dashboard_app_document_markup_shows_as_plain_text(app, stored_claims, page):
    claims = stored_claims
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


def test_dashboard_app_upload_reaches_every_page(monkeypatch, tmp_path, seeds_dir):
    for name in SOURCES_ENV:
        monkeypatch.delenv(name, raising=False)
    db = build_store(tmp_path / "claimboard.duckdb", seeds_dir)
    monkeypatch.setenv("CLAIMBOARD_DB", str(db))
    test = run_app("claims")
    assert not any("zz_upload" in s for s in table_of(test)["source"])  # before the upload
    test.switch_page(PAGES["add"][0]).run()
    upload = "Report of the Ministry of Uploads.\nRetail sales rose 9.3% in 2023.\n"
    test.file_uploader[0].upload("zz_upload.txt", upload.encode(), "text/plain")
    test.run()
    test.button[0].click().run()
    assert not test.exception and not test.error
    assert "1 of 1 files in the store" in test.success[0].value
    assert not test.file_uploader[0].value  # a fresh uploader: a second click adds nothing
    new = read_corpus(db)[0].query("doc_id == 'zz_upload.txt'")
    assert len(new) > 0
    test.switch_page(PAGES["claims"][0]).run()
    test.query_params["tier"] = "all"
    test.run()
    assert set(new["claim_id"]) <= set(table_of(test).index)  # the same session sees it
    source = run_app("source", claim=new["claim_id"].iloc[0])  # and a new one does too
    assert f'id="claim-{new["claim_id"].iloc[0]}"' in html_text(source)
    assert "9.3%" in html_text(source)


def test_dashboard_app_consistency_shows_the_trade_figure_in_three_languages(app):
    test = app("consistency")
    quotes = html_text(test)
    for mention in ("nearly 800 billion USD", "près de 800 milliards USD", "786,3 tỷ USD"):
        assert mention in quotes
    assert re.search(r'href="source\?claim=[0-9a-f]+"', quotes)


COPIES = 40  # each extracted claim stored this many times: several table pages


def copied(doc) -> list[dict]:
    """Every claim of the document COPIES times, each copy its own claim and year."""
    return [
        {**row, "claim_id": f"{row['claim_id']}-{n}", "year": 1990 + n, "period": str(1990 + n)}
        for row in extract_document(doc)
        for n in range(COPIES)
    ]


def test_dashboard_app_claims_table_fetches_one_page_at_a_time(monkeypatch, tmp_path, seeds_dir):
    for name in SOURCES_ENV:
        monkeypatch.delenv(name, raising=False)
    db = build_store(tmp_path / "claimboard.duckdb", seeds_dir, extract=copied)
    monkeypatch.setenv("CLAIMBOARD_DB", str(db))
    stored = read_corpus(db)[0]
    core = stored[stored["tier"] != "minor"].sort_values(["doc_id", "start", "claim_id"])
    assert len(core) > 500, "more core claims than one page"
    first = run_app("claims")
    assert len(table_of(first)) == 500
    assert list(table_of(first).index) == list(core["claim_id"][:500])  # store order
    pages = first.number_input(key="claims-page")
    assert pages.max == -(-len(core) // 500)
    pages.set_value(2).run()
    assert list(table_of(first).index) == list(core["claim_id"][500:1000])
    assert f"Rows 501–{min(1000, len(core)):,}" in markdown_text(first)
    first.number_input(key="claims-page").set_value(pages.max).run()
    first.query_params["lang"] = "en"  # fewer pages than the one shown: back to the first
    first.run()
    assert not first.exception
    english = core[core["lang"] == "en"]
    shown = first.number_input(key="claims-page")
    assert shown.value == 1 and shown.max == -(-len(english) // 500) < pages.max
    assert list(table_of(first).index) == list(english["claim_id"][:500])
    narrowed = run_app("claims", lang="vi", year="1991")  # a filtered view fits one page
    assert not narrowed.get("number_input")
    expected = core[(core["lang"] == "vi") & (core["year"] == 1991)]
    assert 0 < len(table_of(narrowed)) == len(expected)
