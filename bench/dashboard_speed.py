"""Benchmark: the dashboard over a synthetic claims table of 100,000 rows, server-side.

    .venv/bin/python bench/dashboard_speed.py [--rows 100000]

The table is generated from the real seed claims (each copy keeps its seed document and
sentence, gets another period, a jittered value and its own claim id) and added to a DuckDB
store with the seed documents, through the store's own add (extract/store/database.py); the
app reads that store, its default source. Timed in one run, side by side: the loader cold (the
store, and the same claims as a flat parquet table) and from its cache, a filter change (the
count and one table page through the query layer, and the whole Claims page rerun through
AppTest), and the
Overview's first render and rerun through AppTest. Prints each figure against its
target (0.5 s for a filter change, 2 s for the first render) as a ratio; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard.data import Sources, load_corpus, source_stamp  # noqa: E402
from dashboard.logic import Filters, claims_for_people  # noqa: E402
from extract import job  # noqa: E402
from extract.store.changes import add_documents, extract_each  # noqa: E402
from extract.store.commands import load_incoming  # noqa: E402
from extract.write import write_claims  # noqa: E402

SEEDS = REPO_ROOT / "seeds"
APP = REPO_ROOT / "dashboard" / "app.py"
PAGE_ROWS = 500  # the Claims page's rows at once (views/claims.py)
FILTER_TARGET = 0.5
FIRST_RENDER_TARGET = 2.0


def synthetic_claims(rows: int, seed: int = 0) -> pd.DataFrame:
    """`rows` claims made from the real seed claims: every copy keeps a real sentence and its
    offsets, moves to a seed document of the same language (so the Source page still finds
    the text), gets another period and a jittered value, and its own id."""
    loaded = job.load([SEEDS])
    real = job.process(loaded.documents).reset_index(drop=True)
    rng = np.random.default_rng(seed)
    picks = real.iloc[rng.integers(0, len(real), rows)].reset_index(drop=True)
    years = rng.integers(2015, 2026, rows)
    months = rng.integers(0, 13, rows)  # 0: a whole year
    picks["period"] = [
        f"{y}" if m == 0 else f"{y}-{m:02d}" for y, m in zip(years, months, strict=True)
    ]
    picks["year"] = pd.array(years, dtype="Int64")
    picks["value"] = picks["value"] * rng.uniform(0.8, 1.2, rows)
    picks["value_max"] = picks["value_max"].where(picks["value_max"].isna(), picks["value"] * 1.1)
    picks["claim_id"] = [
        hashlib.sha1(f"synthetic {i}".encode()).hexdigest()[:16] for i in range(rows)
    ]
    return picks


def synthetic_store(claims: pd.DataFrame, db: Path) -> None:
    """A store holding the seed documents with `claims` as their claims."""
    incoming = load_incoming([SEEDS]).incoming
    rows = {doc_id: group.to_dict("records") for doc_id, group in claims.groupby("doc_id")}
    add_documents(db, incoming, extract_many=extract_each(lambda doc: rows.get(doc.doc_id, [])))


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def app_run(page: str | None, **params) -> AppTest:
    test = AppTest.from_file(str(APP), default_timeout=300)
    test.query_params.update(params)
    test.run()
    if page:
        test.switch_page(page).run()
    if test.exception:
        raise RuntimeError(test.exception[0].value)
    return test


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        table, db = Path(folder) / "claims.parquet", Path(folder) / "claimboard.duckdb"
        claims = synthetic_claims(rows)
        write_claims(claims, table)
        synthetic_store(claims, db)
        os.environ["CLAIMBOARD_DB"] = str(db)
        ministry = claims["body"].value_counts().index[0]
        year = int(claims["year"].iloc[0])
        store, flat = Sources(db=db), Sources(claims=table, corpus=SEEDS)
        load = lambda sources: load_corpus(sources, source_stamp(sources))  # noqa: E731
        figures = [
            ("load, cold (copy the store for queries)", *timed(lambda: load(store))[:1], None),
            ("load, cold (flat parquet table + documents)", *timed(lambda: load(flat))[:1], None),
            ("load, from the cache", *timed(lambda: load(store))[:1], FILTER_TARGET),
        ]
        corpus = load(store)
        change = Filters(ministry=(ministry,), year=(year,))
        seconds, kept = timed(lambda: corpus.db.counts(change)[0])
        figures.append((f"filter change, count ({kept:,} rows kept)", seconds, FILTER_TARGET))
        seconds, _ = timed(lambda: claims_for_people(corpus.db.rows(change, PAGE_ROWS)))
        figures.append(("filter change, one table page", seconds, FILTER_TARGET))
        load_corpus.clear()  # the first render reopens the store's copy (kept on disk)
        first, overview = timed(lambda: app_run(None))
        figures.append(("Overview first render (AppTest, copy reused)", first, FIRST_RENDER_TARGET))
        overview.multiselect(key="ministry").set_value([ministry])
        seconds, _ = timed(lambda: overview.run())
        figures.append(("Overview rerun after a ministry filter change", seconds, FILTER_TARGET))
        claims_page = app_run("views/claims.py")
        claims_page.session_state["year"] = [year]
        seconds, _ = timed(lambda: claims_page.run())
        figures.append(("Claims page rerun after a year filter change", seconds, FILTER_TARGET))
    documents = corpus.db.documents()[1]
    print(f"dashboard over {rows:,} synthetic claims (from {documents} seed documents)")
    print(f"{'step':<52} {'seconds':>8} {'target':>7} {'ratio':>6}")
    for name, seconds, target in figures:
        ratio = f"{seconds / target:6.2f}" if target else ""
        target_text = f"{target:7.1f}" if target else ""
        print(f"{name:<52} {seconds:8.3f} {target_text:>7} {ratio:>6}")
    print("ratio = seconds / target; under 1 meets the target")


if __name__ == "__main__":
    main()
