"""dashboard/query.py: the pages' DuckDB queries over hand-built claims (a flat table loaded
into an in-memory DuckDB, and a store's copy on disk)."""

from __future__ import annotations

import os
import time
import unicodedata

import duckdb
import pandas as pd
import pytest

from dashboard import query
from dashboard.logic import NO_LABEL, Filters
from dashboard.query import ClaimsDB, filter_sql, frames_db
from dashboard.search import fold
from dashboard.series import change_text, latest_change, series_of
from extract.schema import conform
from extract.store.commands import add_main
from extract.store.facts import fact_overview

DOCUMENT_FIELDS = [*query.DOCUMENT_COLUMNS, "text"]


def db_of(claims: pd.DataFrame, documents: pd.DataFrame | None = None) -> ClaimsDB:
    if documents is None:
        documents = pd.DataFrame({name: [] for name in DOCUMENT_FIELDS}, dtype="string")
    return frames_db(claims, documents)


def kept(db: ClaimsDB, filters: Filters) -> set[str]:
    return set(db.rows(filters)["claim_id"])


@pytest.mark.parametrize(
    ("filters", "expected_ids"),
    [
        (Filters(), {"a", "b", "c", "d"}),
        (Filters(ministry=("Ministry of Home Affairs",)), {"b"}),
        (Filters(year=(2024, 2025)), {"a", "c"}),
        (Filters(lang=("fr", "vi")), {"b", "c"}),
        (Filters(indicator=("staff reduction",)), {"b"}),
        (Filters(indicator=("",)), {"d"}),  # an empty indicator is a choice too
        (Filters(kind=("target",)), {"c"}),
        (Filters(q="GIẢM"), {"b"}),  # search ignores case, over the quote
        (Filters(q="staff"), {"b"}),  # and over the indicator
        (Filters(q="3%"), {"d"}),  # a number finds the claim of that value
        (Filters(q="giam 519"), {"b"}),  # accents and case do not matter
        (Filters(q="home affairs"), {"b"}),  # the body is searched
        (Filters(q="people"), {"b"}),  # and the unit
        (Filters(q="8,4"), {"a"}),  # 8,4 is 8.4 (c states 8)
        (Filters(q="8.41"), set()),  # a near number is not the number
        (Filters(q="giam 520"), set()),  # every part of the query must match
        (Filters(period_from="2024-01", period_to="2025-06"), {"a", "c"}),  # time range
        (Filters(period_from="2025-01"), {"c"}),
        (Filters(period_to="2023-12"), {"b"}),  # unplaced claims only without a range
        (Filters(period_from="2024-06", period_to="2024-06"), {"a"}),  # a year meets its June
        (Filters(kind=("target",), lang=("en",)), set()),  # filters combine with AND
    ],
)
def test_query_filters_keep_matching_rows(claims, filters, expected_ids):
    assert kept(db_of(claims), filters) == expected_ids


@pytest.mark.parametrize("hostile", ["x' OR '1'='1", 'a"; DROP TABLE claims; --', "%_"])
def test_query_values_are_parameters_never_sql(claims, hostile):
    db = db_of(claims)
    filters = Filters(ministry=(hostile,), q=hostile)
    sql, params = filter_sql(filters)
    assert hostile not in sql and hostile in params
    assert kept(db, filters) == set() and db.total == 4


@pytest.mark.parametrize(
    ("filters", "kept_ids"), [(Filters(), {"a"}), (Filters(all_tiers=True), {"a", "b"})]
)
def test_query_core_claims_only_unless_all_tiers(claim_row, filters, kept_ids):
    claims = conform(pd.DataFrame([claim_row(claim_id="a"), claim_row(claim_id="b", tier="minor")]))
    assert kept(db_of(claims), filters) == kept_ids


def test_query_options_list_distinct_values_without_missing_years(claims):
    options = db_of(claims).options()
    assert options["year"] == [2023, 2024, 2025]
    assert options["ministry"] == ["Ministry of Home Affairs", "Ministry of Industry and Trade"]
    assert "" in options["indicator"]  # an empty indicator can still be chosen
    assert options["months"][0] == "2023-01" and options["months"][-1] == "2025-12"


@pytest.mark.parametrize("column", ["body", "lang", "year"])
def test_query_count_by_adds_up_to_the_kept_claims(claims, column):
    counts = db_of(claims).count_by(Filters(), column)
    assert counts["claims"].sum() == len(claims)
    assert counts["claims"].is_monotonic_decreasing
    assert db_of(claims).count_by(Filters(lang=("vi",)), column)["claims"].sum() == 1


def test_query_count_by_names_missing_values(claims):
    counts = db_of(claims).count_by(Filters(), "year").set_index("year")["claims"]
    assert counts[NO_LABEL] == 1


def test_query_counts_claims_documents_and_placed(claims):
    assert db_of(claims).counts(Filters()) == (4, 1, 3)


def test_query_claim_is_only_looked_up(claims):
    db = db_of(claims)
    assert db.claim("b")["body"] == "Ministry of Home Affairs"
    assert db.claim("b")["sentence"] == "Giảm 519 người."
    assert db.claim("../../etc/passwd") is None and db.claim(None) is None


@pytest.mark.parametrize(("limit", "offset", "ids"), [(2, 0, ["a", "b"]), (2, 3, ["d"])])
def test_query_rows_fetch_one_page_in_store_order(claim_row, limit, offset, ids):
    rows = [claim_row(claim_id=c, start=10 * n, end=10 * n + 4) for n, c in enumerate("dcab")]
    claims = conform(pd.DataFrame(rows)).iloc[[2, 0, 3, 1]]  # given out of text order
    claims = claims.assign(claim_id=["a", "b", "c", "d"], start=[0, 10, 20, 30])
    assert list(db_of(claims).rows(Filters(), limit, offset)["claim_id"]) == ids


def test_query_document_claims_are_capped_but_keep_the_selected_one(claim_row):
    rows = [claim_row(claim_id=f"c{n}", start=n, end=n + 1) for n in range(5)]
    db = db_of(conform(pd.DataFrame(rows)))
    assert list(db.document_claims("a.txt", 2, "c4")["claim_id"]) == ["c0", "c1", "c4"]
    assert db.document_claim_count("a.txt") == 5


@pytest.fixture
def fact_claims(claim_row) -> pd.DataFrame:
    rows = [  # one fact in three languages, another period, a target, a month-on-month
        claim_row(claim_id="en", fact_id="f1", lang="en", value=786.3e9, unit="USD"),
        claim_row(claim_id="fr", fact_id="f1", lang="fr", value=786.3e9, unit="USD", start=20),
        claim_row(claim_id="vi", fact_id="f1", lang="vi", value=786.3e9, unit="USD", start=30),
        claim_row(claim_id="old", fact_id="", period="2023", year=2023, value=700e9, unit="USD"),
        claim_row(claim_id="tgt", fact_id="", kind="target", period="2025", value=900e9),
        claim_row(claim_id="mom", fact_id="", change_basis="mom", value=2.0, unit="%"),
        claim_row(claim_id="yoy", fact_id="", change_basis="yoy", value=8.0, unit="%"),
        claim_row(claim_id="none", fact_id="", period="", year=None, value=1.0),
    ]
    frame = conform(pd.DataFrame(rows))
    frame.loc[frame["claim_id"] == "tgt", "unit"] = "USD"
    frame.loc[frame["unit"] == "USD", "change_basis"] = ""
    return frame


def all_points(db: ClaimsDB, filters: Filters | None = None) -> pd.DataFrame:
    filters = filters or Filters()
    return db.points(filters, db.groups(filters), 100)


def test_query_points_one_per_fact_with_every_language(fact_claims):
    points = all_points(db_of(fact_claims))
    assert "none" not in set(points["claim_id"])  # no period: not on the time axis
    trade = points[points["fact"] == "f1"]
    assert len(trade) == 1 and trade.iloc[0]["langs"] == {"en": 1, "fr": 1, "vi": 1}
    assert trade.iloc[0]["quotes"] == 3 and trade.iloc[0]["claim_id"] == "en"
    assert len(points) == 5


@pytest.mark.parametrize(("lang", "opened"), [("fr", "fr"), ("vi", "vi"), ("en", "en")])
def test_query_point_click_opens_the_quote_in_the_chosen_language(fact_claims, lang, opened):
    points = all_points(db_of(fact_claims), Filters(lang=(lang,)))
    trade = points[points["fact"] == "f1"].iloc[0]
    assert trade["claim_id"] == opened and trade["langs"] == {lang: 1}


def test_query_points_are_in_time_order_not_text_order(claim_row):
    periods = ["2023-06", "2023", "2022-07", "2025", "2024"]
    rows = [claim_row(claim_id=p, period=p, change_basis="") for p in periods]
    points = all_points(db_of(conform(pd.DataFrame(rows))))
    assert list(points["period"]) == ["2022-07", "2023", "2023-06", "2024", "2025"]


def test_query_points_keep_the_latest_facts_when_capped(claim_row):
    rows = [claim_row(claim_id=str(y), period=str(y), year=y) for y in range(2010, 2020)]
    db = db_of(conform(pd.DataFrame(rows)))
    points = db.points(Filters(), db.groups(Filters()), 3)
    assert list(points["period"]) == ["2017", "2018", "2019"]


def test_query_series_keys_keep_kind_and_change_basis_apart(fact_claims):
    points = all_points(db_of(fact_claims))
    keys = {(k["unit"], k["kind"], k["change_basis"]) for k, _ in series_of(points)}
    assert ("USD", "target", "") in keys and ("USD", "actual", "") in keys
    assert ("%", "actual", "mom") in keys and ("%", "actual", "yoy") in keys


def test_query_latest_change_compares_with_the_previous_period(fact_claims):
    points = all_points(db_of(fact_claims))
    actual = [f for k, f in series_of(points) if k["unit"] == "USD" and k["kind"] == "actual"]
    last, previous = latest_change(actual[0])
    assert (last["period"], previous["period"]) == ("2024", "2023")
    assert change_text(last, previous) == "+86.3 billion USD since 2023"


def test_query_groups_put_unlabelled_figures_last(fact_claims):
    fact_claims.loc[fact_claims["claim_id"] == "old", "indicator"] = ""
    groups = db_of(fact_claims).groups(Filters())
    assert groups[-1] == ("", "USD") and len(groups) == 3


@pytest.mark.parametrize(
    "search", ["786.3", "786,3", "786.3 billion", "786,3 tỷ", "786,3 milliards usd"]
)
def test_query_search_numbers_find_the_claim_they_belong_to(claim_row, search):
    sentence = "Kim ngạch xuất nhập khẩu đạt 786,3 tỷ USD, tăng 15,4%."
    rows = [
        claim_row(claim_id="trade", sentence=sentence, value=786.3e9, unit="USD"),
        claim_row(claim_id="growth", sentence=sentence, value=15.4, unit="%"),
    ]
    # the 15.4% claim of the same sentence does not match
    assert kept(db_of(conform(pd.DataFrame(rows))), Filters(q=search)) == {"trade"}


@pytest.mark.parametrize(
    ("search", "hits"),
    [("xuat nhap khau", 1), ("XUẤT", 1), ("tăng", 1), ("export", 0), ("khau tang", 1)],
)
def test_query_search_words_ignore_accents_and_case(claim_row, search, hits):
    nfd = unicodedata.normalize("NFD", "Kim ngạch xuất nhập khẩu tăng")
    claims = conform(pd.DataFrame([claim_row(sentence=nfd, indicator="")]))
    assert len(kept(db_of(claims), Filters(q=search))) == hits


@pytest.mark.parametrize(
    "text",
    [
        "Xuất nhập khẩu",
        unicodedata.normalize("NFD", "Xuất nhập khẩu"),
        "ĐỒNG đồng",
        "Économie  française\u00a0\u202f2024",
        "ŒUVRE Æ ø Ł",
        "Straße ẞ",
        "  tab\tand\nnew line\u3000",
        "İstanbul",
        "",
    ],
)
def test_query_fold_in_sql_is_search_fold(text):
    con = duckdb.connect()
    con.execute(query.fold_macro())
    assert con.execute("SELECT fold(?)", [text]).fetchone()[0] == fold(text)


def test_query_fold_in_sql_is_search_fold_over_real_reports(seeds_dir):
    texts = [p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    con = duckdb.connect()
    con.execute(query.fold_macro())
    folded = con.execute("SELECT fold(x) FROM unnest(?) AS t(x)", [lines]).fetchall()
    assert len(lines) > 20 and [f for (f,) in folded] == [fold(line) for line in lines]


def test_query_fact_overview_in_chunks_equals_the_whole(claim_row, monkeypatch):
    rows = [
        claim_row(claim_id=f"{fact}{doc}", fact_id=f"f{fact}", doc_id=f"{doc}.txt", value=v)
        for fact, values in enumerate([(8.4, 8.4), (8.4, 8.5), (3.0, 3.04), (1.0, 2.0)])
        for doc, v in enumerate(values)
    ]
    claims = conform(pd.DataFrame(rows))
    monkeypatch.setattr(query, "FACT_CHUNK_ROWS", 3)  # several chunks
    chunked = db_of(claims).fact_overview()
    whole = fact_overview(claims)
    columns = ["fact_id", "agrees", "documents"]
    assert chunked[columns].to_dict("records") == whole[columns].to_dict("records")
    assert list(chunked["agrees"]) == [False, False, True, True]  # disagreements first


def test_query_store_copy_is_reused_replaced_and_never_holds_the_store(tmp_path, dashboard_cache):
    store = tmp_path / "store.duckdb"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Exports grew by 8.4% in 2024.\n", "utf-8")
    add_main([str(tmp_path / "docs"), "--db", str(store)])
    first = query.store_db(store, 1.0)
    assert first.total > 0 and query.store_db(store, 1.0).total == first.total
    # a writer is not blocked by the dashboard reading its copy
    (tmp_path / "docs" / "b.txt").write_text("Imports fell by 3.1% in 2023.\n", "utf-8")
    add_main([str(tmp_path / "docs"), "--db", str(store)])
    second = query.store_db(store, 2.0)
    assert second.total > first.total
    assert [p.name for p in dashboard_cache.iterdir()] == [query.cache_file(store, 2.0).name]


@pytest.mark.parametrize("damage", [b"not a database", None])
def test_query_unreadable_store_copy_is_built_again(tmp_path, dashboard_cache, damage):
    store = tmp_path / "store.duckdb"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Exports grew by 8.4% in 2024.\n", "utf-8")
    add_main([str(tmp_path / "docs"), "--db", str(store)])
    copy = query.cache_file(store, 1.0)
    copy.parent.mkdir(parents=True)
    if damage is None:  # a copy written by older code: its tables differ
        duckdb.connect(str(copy)).execute("CREATE TABLE claims AS SELECT 1 AS x").close()
    else:
        copy.write_bytes(damage)
    assert query.store_db(store, 1.0).total > 0


@pytest.mark.parametrize("stores", [query.MAX_COPIES + 1, query.MAX_COPIES + 3])
def test_query_store_copies_are_bounded_keeping_the_most_recently_used(
    tmp_path, dashboard_cache, stores
):
    # stores that do not exist (deleted, or never written) get an empty copy: cheap to build
    paths = [tmp_path / f"store{number}.duckdb" for number in range(stores)]
    query.store_db(paths[0], 1.0)
    for path in paths[1:]:
        query.store_db(path, 1.0)
        query.store_db(paths[0], 1.0)  # the first store is read again: it stays
    kept = {p.name for p in dashboard_cache.iterdir()}
    newest = [query.cache_file(p, 1.0).name for p in paths[-(query.MAX_COPIES - 1) :]]
    assert kept == {query.cache_file(paths[0], 1.0).name, *newest}


@pytest.mark.parametrize(("age", "removed"), [(2 * query.STALE_PARTIAL_SECONDS, True), (0, False)])
def test_query_half_written_copies_are_removed_only_when_stale(
    tmp_path, dashboard_cache, age, removed
):
    dashboard_cache.mkdir(parents=True, exist_ok=True)
    partial = dashboard_cache / "0123-v3-1.1-2.partial"
    partial.write_bytes(b"")
    then = time.time() - age
    os.utime(partial, (then, then))
    query.store_db(tmp_path / "store.duckdb", 1.0)
    assert partial.exists() is not removed
