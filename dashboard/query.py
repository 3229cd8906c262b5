"""The dashboard's data access: DuckDB queries, filters and aggregates pushed down.

The pages never hold the claims table. `materialise` copies the claims and documents once
per load into a DuckDB database of the dashboard's own (a file under the temporary folder
for a store, in memory for a flat claims table), adding as columns what every filter change
needs: each claim's period as a span of days (timeline.period_bounds, parsed once per
distinct period), its place in the store's order, its fact (`fact_id`, else the claim
itself) and, as integers cheap to group on, its fact, series and chart numbers (a `series`
table names them). Search text is folded (search.fold, written in SQL: `fold_macro`) once
per distinct sentence (a `sentences` table) and per distinct series (the claims' `labels`).
`ClaimsDB` then answers each page with one query that returns only what is on screen: the
counts, the charts, their points (one per fact, aggregated in DuckDB), a page of table rows,
one document and its claims. `filter_sql` turns the sidebar's Filters into a WHERE clause
with parameters (values are always parameters, never spliced into SQL). The store itself is
only read while a load copies it (extract/store/database.py's read-only connection), so a
long `add` in another process is never blocked by a reader holding it open.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.logic import FILTER_COLUMNS, MINOR_TIER, NO_LABEL, Filters
from dashboard.search import LETTER_FOLDS, parse_query
from dashboard.series import SERIES_KEY
from dashboard.timeline import month_range, period_bounds
from extract.schema import CLAIM_COLUMNS
from extract.store import database
from extract.store.facts import OVERVIEW_INPUTS, fact_overview, in_overview_order

DOCUMENT_COLUMNS = ("doc_id", "lang", "body", "title", "published", "source_url", "source_lang")
CACHE_ENV = "CLAIMBOARD_DASHBOARD_CACHE"  # where the copies of stores go (default: temp)
COPY_FORMAT = 3  # raised whenever materialise changes the tables: older copies are rebuilt
# DuckDB's own limit inside the server process: queries spill to disk beyond it, so the
# server's memory does not grow with the store.
MEMORY_LIMIT = "384MB"
FACT_CHUNK_ROWS = 100_000  # linked claims read at once when computing agreement
SEARCH_TOLERANCE = 1e-9  # relative: numbers read from text compared as floats (search.py)
_SPACES = r"[\s\pZ\x{0b}\x{1c}-\x{1f}\x{85}]+"  # what str.split() splits on


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def fold_macro() -> str:
    """search.fold in SQL: the same letter folds, NFC, lower case, accents stripped, single
    spaces (tests/test_dashboard_query.py holds both to the same results)."""
    folded = "nfc_normalize(coalesce(x, ''))"
    for letter, plain in LETTER_FOLDS.items():
        folded = f"replace({folded}, {_sql_text(letter)}, {_sql_text(plain)})"
    collapsed = f"regexp_replace(strip_accents(lower({folded})), '{_SPACES}', ' ', 'g')"
    return f"CREATE OR REPLACE TEMP MACRO fold(x) AS trim({collapsed})"


def _period_spans(con: duckdb.DuckDBPyConnection, source: str) -> pd.DataFrame:
    """Each distinct period of `source` with its span (None when it has no place in time)."""
    periods = [
        row[0]
        for row in con.execute(f"SELECT DISTINCT coalesce(period, '') FROM {source}").fetchall()
    ]
    rows = [(p, *(period_bounds(p) or (None, None))) for p in periods]
    frame = pd.DataFrame(rows, columns=["period", "span_start", "span_end"])
    return frame.astype(
        {"period": "string", "span_start": "datetime64[us]", "span_end": "datetime64[us]"}
    )


def _claim_columns(con: duckdb.DuckDBPyConnection, source: str) -> str:
    """The schema's claim columns of `source`; a column an older store lacks is NULL."""
    present = {row[0] for row in con.execute(f"SELECT * FROM {source} LIMIT 0").description}
    return ", ".join(
        f'"{name}"' if name in present else f'CAST(NULL AS VARCHAR) AS "{name}"'
        for name in CLAIM_COLUMNS
    )


def materialise(con: duckdb.DuckDBPyConnection, claims: str, documents: str, target: str) -> None:
    """Copy `claims` and `documents` (relations `con` reads) into the schema `target` as the
    dashboard's tables, with the columns every filter change needs. Search text is folded
    once per distinct sentence (a `sentences` table) and per distinct indicator, body and
    unit (the claims' `labels`), not once per claim: a sentence states several claims."""
    con.execute(fold_macro())
    con.register("period_spans", _period_spans(con, claims))
    con.execute(
        f"""CREATE TABLE {target}.incoming AS
        SELECT {_claim_columns(con, claims)} FROM {claims}"""
    )
    # each claim's place in store order, sorted on the few columns that order it (sorting
    # whole claims, sentences and all, costs several times more)
    con.execute(
        f"""CREATE TABLE {target}.places AS
        SELECT rowid AS incoming_row, row_number() OVER (ORDER BY doc_id, start, claim_id) AS row_no
        FROM {target}.incoming"""
    )
    con.execute(
        f"""CREATE TABLE {target}.sentence_keys AS
        SELECT doc_id, sentence_start, sentence, row_number() OVER () AS sentence_no
        FROM {target}.incoming GROUP BY doc_id, sentence_start, sentence"""
    )
    con.execute(
        f"""CREATE TABLE {target}.sentences AS
        SELECT sentence_no, fold(sentence) AS folded FROM {target}.sentence_keys"""
    )
    key = ", ".join(f"coalesce({c}, '') AS {c}" for c in SERIES_KEY)
    con.execute(
        f"""CREATE TABLE {target}.series AS
        SELECT {", ".join(SERIES_KEY)},
            fold(indicator) || chr(10) || fold(body) || chr(10) || fold(unit) AS labels,
            row_number() OVER (ORDER BY {", ".join(SERIES_KEY)}) AS series_no,
            dense_rank() OVER (ORDER BY indicator, unit) AS chart_no
        FROM (SELECT DISTINCT {key} FROM {target}.incoming)"""
    )
    con.execute(
        f"""CREATE TABLE {target}.fact_keys AS
        SELECT fact_id, row_number() OVER (ORDER BY fact_id) AS fact_number
        FROM (SELECT DISTINCT fact_id FROM {target}.incoming WHERE coalesce(fact_id, '') <> '')"""
    )
    same_series = " AND ".join(f"l.{c} = coalesce(c.{c}, '')" for c in SERIES_KEY)
    con.execute(
        f"""CREATE TABLE {target}.claims AS
        SELECT c.*,
            p.row_no,
            CASE WHEN coalesce(c.fact_id, '') = '' THEN 'claim:' || c.claim_id
                 ELSE c.fact_id END AS fact,
            -- the fact as a number, cheap to group on: a linked fact's negative number,
            -- else the claim's own row
            coalesce(-f.fact_number, p.row_no) AS fact_no,
            s.span_start, s.span_end, k.sentence_no, l.labels, l.series_no, l.chart_no
        FROM {target}.incoming c
        JOIN {target}.places p ON p.incoming_row = c.rowid
        LEFT JOIN {target}.fact_keys f ON f.fact_id = c.fact_id
        LEFT JOIN period_spans s ON s.period = coalesce(c.period, '')
        JOIN {target}.sentence_keys k ON k.doc_id IS NOT DISTINCT FROM c.doc_id
            AND k.sentence_start IS NOT DISTINCT FROM c.sentence_start
            AND k.sentence IS NOT DISTINCT FROM c.sentence
        JOIN {target}.series l ON {same_series}"""
    )
    for scratch in ("incoming", "places", "sentence_keys", "fact_keys"):
        con.execute(f"DROP TABLE {target}.{scratch}")
    con.unregister("period_spans")
    columns = ", ".join(f"coalesce(CAST({c} AS VARCHAR), '') AS {c}" for c in DOCUMENT_COLUMNS)
    con.execute(
        f"CREATE TABLE {target}.documents AS SELECT {columns}, "
        f"coalesce(text, '') AS text FROM {documents} ORDER BY doc_id"
    )


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "claimboard-dashboard")


def cache_file(db: Path, stamp: float) -> Path:
    """Where the dashboard keeps its copy of store `db` as of `stamp` (its last change)."""
    key = hashlib.sha1(str(db.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"{key}-v{COPY_FORMAT}-{int(stamp * 1e6)}.duckdb"


MAX_COPIES = 4  # copies kept in the cache, the most recently used; older ones removed
STALE_PARTIAL_SECONDS = 3600  # a half-written copy this old was left by a crashed writer


def prune_cache(folder: Path, keep: Path) -> None:
    """Bound the cache: keep `keep` and the MAX_COPIES most recently used copies (a copy's
    modification time is its last use), remove the others (stores that changed, were
    deleted or were only opened once) and half-written copies of crashed writers. A server
    still reading a removed copy keeps its open file."""
    copies = sorted(folder.glob("*.duckdb"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [c for c in copies if c != keep][MAX_COPIES - 1 :]:
        old.unlink(missing_ok=True)
    for partial in folder.glob("*.partial"):
        if time.time() - partial.stat().st_mtime > STALE_PARTIAL_SECONDS:
            partial.unlink(missing_ok=True)


_BUILD_LOCK = threading.Lock()


def store_db(db: Path, stamp: float) -> ClaimsDB:
    """The dashboard's database for store `db` as of `stamp`: built from the store when not
    there yet (written beside and renamed, so another server never reads half a file),
    older copies of the same store removed and the cache bounded (prune_cache). A copy
    that cannot be read is built again."""
    target = cache_file(db, stamp)
    with _BUILD_LOCK:
        if target.exists():
            try:
                os.utime(target)  # its last use, for prune_cache
                return open_copy(target)
            except duckdb.Error:
                target.unlink()  # damaged, or written by other code: built again below
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            writer = f"{os.getpid()}-{threading.get_ident()}"
            partial = target.with_name(f"{target.stem}.{writer}.partial")
            partial.unlink(missing_ok=True)
            try:
                copy_store(db, partial)
            except BaseException:
                partial.unlink(missing_ok=True)  # a failed copy leaves nothing behind
                raise
            partial.rename(target)
            for older in target.parent.glob(f"{target.name.split('-')[0]}-*.duckdb"):
                if older != target:
                    older.unlink(missing_ok=True)  # the same store's replaced copy
            prune_cache(target.parent, target)
        return open_copy(target)


def open_copy(path: Path) -> ClaimsDB:
    con = duckdb.connect(str(path), read_only=True, config=_config())
    try:
        return ClaimsDB(con)
    except duckdb.Error:
        con.close()
        raise


def copy_store(db: Path, target: Path) -> None:
    """The dashboard's tables for store `db`, written to the new file `target`."""
    if not db.exists():
        empty_db(target)
        return
    with database.open_store(db, read_only=True) as con:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        # spill beside the copy: the store's own folder may be read-only
        con.execute(f"SET temp_directory = {_sql_text(str(target.parent))}")
        con.execute(f"ATTACH {_sql_text(str(target))} AS dash (READ_WRITE)")
        try:
            materialise(con, "main.claims", "main.documents", "dash")
        finally:
            con.execute("DETACH dash")


def empty_db(path: Path) -> None:
    """A dashboard database with no claims (a store that does not exist yet)."""
    con = duckdb.connect(str(path), config=_config())
    try:
        claims = pd.DataFrame({name: [] for name in CLAIM_COLUMNS}).astype(CLAIM_COLUMNS)
        documents = pd.DataFrame({name: [] for name in (*DOCUMENT_COLUMNS, "text")}, dtype="string")
        con.register("incoming_claims", claims)
        con.register("incoming_documents", documents)
        materialise(con, "incoming_claims", "incoming_documents", "main")
    finally:
        con.close()


def frames_db(claims: pd.DataFrame, documents: pd.DataFrame) -> ClaimsDB:
    """A flat claims table and its documents, loaded into an in-memory DuckDB."""
    con = duckdb.connect(":memory:", config=_config())
    con.register("incoming_claims", claims)
    con.register("incoming_documents", documents.reset_index(drop=True))
    materialise(con, "incoming_claims", "incoming_documents", "main")
    con.unregister("incoming_claims")
    con.unregister("incoming_documents")
    return ClaimsDB(con)


def _config() -> dict[str, str | bool]:
    return {
        "memory_limit": MEMORY_LIMIT,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }


def filter_sql(filters: Filters) -> tuple[str, list]:
    """The WHERE condition (with its parameters) of the claims `filters` keep: the chosen
    values, core claims unless `all_tiers`, periods meeting the time range, and the search
    (every word in the folded text, every number the claim's value or its range's bound,
    search.parse_query)."""
    clauses, params = [], []
    for name, column in FILTER_COLUMNS.items():
        chosen = getattr(filters, name)
        if chosen:
            clauses.append(f'"{column}" IN ({", ".join("?" * len(chosen))})')
            params += list(chosen)
    if not filters.all_tiers:
        clauses.append("coalesce(tier, '') <> ?")
        params.append(MINOR_TIER)
    if filters.period_from:
        clauses.append("span_end > ?")
        params.append(period_bounds(filters.period_from)[0].to_pydatetime())
    if filters.period_to:
        clauses.append("span_start < ?")
        params.append(period_bounds(filters.period_to)[1].to_pydatetime())
    if filters.q.strip():
        query = parse_query(filters.q)
        for word in query.words:  # in the claim's labels or in its sentence
            clauses.append(
                "(contains(labels, ?) OR sentence_no IN "
                "(SELECT sentence_no FROM sentences WHERE contains(folded, ?)))"
            )
            params += [word, word]
        for readings in query.numbers:
            near = []
            for reading in sorted(readings):
                for column in ("value", "value_max"):
                    near.append(f"abs({column} - ?) <= ?")
                    params += [reading, SEARCH_TOLERANCE * abs(reading)]
            clauses.append("(" + " OR ".join(near) + ")")
    return (" AND ".join(clauses) or "TRUE"), params


SCHEMA_SELECT = ", ".join(f'"{name}"' for name in CLAIM_COLUMNS)


class ClaimsDB:
    """Read-only queries over the dashboard's database; each returns only what a page
    shows. Safe to share between sessions: every query runs on its own cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con
        self.total = self._scalar("SELECT count(*) FROM claims")
        # (indicator, unit) -> the chart number the claims carry (an integer is cheap to
        # filter and group on)
        self._charts = {
            (indicator, unit): chart_no
            for indicator, unit, chart_no in self._query(
                "SELECT DISTINCT indicator, unit, chart_no FROM series"
            ).fetchall()
        }
        self._facts: pd.DataFrame | None = None
        self._facts_lock = threading.Lock()

    def _query(self, sql: str, params: Sequence = ()) -> duckdb.DuckDBPyConnection:
        return self._con.cursor().execute(sql, list(params))

    def _scalar(self, sql: str, params: Sequence = ()):
        return self._query(sql, params).fetchone()[0]

    def _frame(self, sql: str, params: Sequence = ()) -> pd.DataFrame:
        return self._query(sql, params).df()

    def options(self) -> dict[str, list]:
        """What each filter offers (sorted; years as ints, missing ones left out), and
        `months`: every month the claims' periods cover."""
        options = {}
        for name, column in FILTER_COLUMNS.items():
            rows = self._query(
                f'SELECT DISTINCT "{column}" FROM claims WHERE "{column}" IS NOT NULL '
                f'ORDER BY "{column}"'
            ).fetchall()
            options[name] = [int(v) if name == "year" else v for (v,) in rows]
        bounds = self._frame("SELECT min(span_start) AS start, max(span_end) AS end FROM claims")
        options["months"] = month_range(bounds)
        return options

    def counts(self, filters: Filters) -> tuple[int, int, int]:
        """(claims, documents, claims placed in time) that `filters` keep."""
        where, params = filter_sql(filters)
        row = self._query(
            f"SELECT count(*), count(DISTINCT doc_id), count(span_start) FROM claims WHERE {where}",
            params,
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def groups(self, filters: Filters) -> list[tuple[str, str]]:
        """(indicator, unit) pairs of the placed claims, most points (series x fact) first,
        unlabelled last: what one chart shows."""
        where, params = filter_sql(filters)
        rows = self._query(
            f"""SELECT s.indicator, s.unit, g.points
            FROM (SELECT chart_no, count(DISTINCT (series_no, fact_no)) AS points
                  FROM claims WHERE {where} AND span_start IS NOT NULL
                  GROUP BY chart_no) g
            JOIN (SELECT DISTINCT chart_no, indicator, unit FROM series) s USING (chart_no)
            ORDER BY s.indicator = '', g.points DESC, s.indicator, s.unit""",
            params,
        ).fetchall()
        return [(indicator, unit) for indicator, unit, _ in rows]

    def points(
        self, filters: Filters, groups: Sequence[tuple[str, str]], limit: int
    ) -> pd.DataFrame:
        """One row per (series, fact) of the placed claims of `groups` ((indicator, unit)
        pairs), at most `limit` per group, the latest kept: the series key, the fact, and
        of its first claim in store order among those the filters keep (the claim a click
        opens: in the chosen language when one is chosen) the period and span (start, end,
        middle), value and range; how many quotes state it and in which languages (`langs`:
        language -> quotes)."""
        charts = [self._charts[group] for group in groups if group in self._charts]
        if not charts:
            return pd.DataFrame()
        where, params = filter_sql(filters)
        # the latest facts of each chart first (cheap: numbers only), then the languages
        # of only those facts' quotes
        frame = self._frame(
            f"""WITH facts AS (
                SELECT series_no, chart_no, fact_no, min(row_no) AS first_no,
                    max(span_start) AS latest, max(span_end) AS latest_end
                FROM claims
                WHERE {where} AND span_start IS NOT NULL
                    AND chart_no IN ({", ".join("?" * len(charts))})
                GROUP BY series_no, chart_no, fact_no
                QUALIFY row_number() OVER (PARTITION BY chart_no
                                           ORDER BY latest DESC, latest_end DESC, fact_no)
                    <= ?),
            quotes AS (
                SELECT q.series_no, q.fact_no, count(*) AS quotes,
                    histogram(coalesce(q.lang, '')) AS langs
                FROM claims q
                SEMI JOIN facts f ON q.series_no = f.series_no AND q.fact_no = f.fact_no
                WHERE {where}
                GROUP BY q.series_no, q.fact_no)
            SELECT {", ".join(f"s.{c}" for c in SERIES_KEY)}, c.fact, c.period,
                c.span_start AS start, c.span_end AS "end", c.value, c.value_max, c.claim_id,
                n.quotes, n.langs
            FROM facts f JOIN claims c ON c.row_no = f.first_no
            JOIN series s ON s.series_no = f.series_no
            JOIN quotes n ON n.series_no = f.series_no AND n.fact_no = f.fact_no""",
            [*params, *charts, limit, *params],
        )
        frame["middle"] = frame["start"] + (frame["end"] - frame["start"]) / 2
        return frame.sort_values([*SERIES_KEY, "start", "end", "fact"], ignore_index=True)

    def rows(self, filters: Filters, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """The schema columns of the claims `filters` keep, in store order; `limit` rows from
        `offset` (all when None)."""
        where, params = filter_sql(filters)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        frame = self._frame(
            f"SELECT {SCHEMA_SELECT} FROM claims WHERE {where} ORDER BY row_no{page}", params
        )
        return frame.astype(CLAIM_COLUMNS)

    def count_by(self, filters: Filters, column: str) -> pd.DataFrame:
        """Claims per value of `column` (logic.NO_LABEL for empty), most first."""
        where, params = filter_sql(filters)
        return self._frame(
            f"""SELECT coalesce(nullif(CAST("{column}" AS VARCHAR), ''), ?) AS "{column}",
                count(*) AS claims
            FROM claims WHERE {where} GROUP BY ALL ORDER BY claims DESC, "{column}" """,
            [NO_LABEL, *params],
        )

    def claim(self, claim_id: str | None) -> pd.Series | None:
        """One claim's row (schema columns), or None: URL values are only looked up."""
        if not claim_id:
            return None
        frame = self._frame(
            f"SELECT {SCHEMA_SELECT} FROM claims WHERE claim_id = ? LIMIT 1", [claim_id]
        ).astype(CLAIM_COLUMNS)
        return frame.iloc[0] if len(frame) else None

    def document(self, doc_id: str | None) -> pd.Series | None:
        if not doc_id:
            return None
        frame = self._frame("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        return frame.iloc[0] if len(frame) else None

    def documents(self, limit: int | None = None) -> tuple[pd.DataFrame, int]:
        """The first `limit` (else all) documents' ids and titles, and how many there are."""
        page = f" LIMIT {int(limit)}" if limit is not None else ""
        listed = self._frame(f"SELECT doc_id, title FROM documents ORDER BY doc_id{page}")
        return listed, int(self._scalar("SELECT count(*) FROM documents"))

    def document_claims(self, doc_id: str, limit: int, selected: str | None) -> pd.DataFrame:
        """A document's claims in text order: the first `limit`, and the selected one."""
        return self._frame(
            f"""SELECT {SCHEMA_SELECT} FROM claims WHERE doc_id = ?
            QUALIFY row_number() OVER (ORDER BY start, claim_id) <= ? OR claim_id = ?
            ORDER BY start, claim_id""",
            [doc_id, limit, selected or ""],
        ).astype(CLAIM_COLUMNS)

    def document_claim_count(self, doc_id: str) -> int:
        return int(self._scalar("SELECT count(*) FROM claims WHERE doc_id = ?", [doc_id]))

    def fact_quotes(self, fact_ids: Sequence[str], limit: int) -> pd.DataFrame:
        """The claims of each fact (at most `limit` each), by language, document and
        place, with each document's title."""
        if not fact_ids:
            return pd.DataFrame(columns=[*CLAIM_COLUMNS, "title"])
        return self._frame(
            f"""SELECT c.{SCHEMA_SELECT.replace(", ", ", c.")}, d.title
            FROM claims c LEFT JOIN documents d USING (doc_id)
            WHERE c.fact_id IN ({", ".join("?" * len(fact_ids))})
            QUALIFY row_number() OVER (PARTITION BY c.fact_id
                                       ORDER BY c.lang, c.doc_id, c.start) <= ?
            ORDER BY c.fact_id, c.lang, c.doc_id, c.start""",
            [*fact_ids, limit],
        )

    def linked_facts(self, filters: Filters) -> set[str]:
        """The fact ids (linked across documents) of the claims `filters` keep."""
        where, params = filter_sql(filters)
        rows = self._query(
            f"SELECT DISTINCT fact_id FROM claims WHERE {where} AND coalesce(fact_id, '') <> ''",
            params,
        ).fetchall()
        return {fact_id for (fact_id,) in rows}

    def fact_overview(self) -> pd.DataFrame:
        """facts.fact_overview of every linked claim (disagreements first), computed once,
        a few whole facts at a time so memory stays bounded."""
        with self._facts_lock:
            if self._facts is None:
                chunks = max(
                    1,
                    self._scalar("SELECT count(*) FROM claims WHERE coalesce(fact_id, '') <> ''")
                    // FACT_CHUNK_ROWS
                    + 1,
                )
                parts = [fact_overview(part) for part in self._linked_claims(chunks)]
                self._facts = in_overview_order(pd.concat(parts, ignore_index=True))
            return self._facts

    def _linked_claims(self, chunks: int):
        """The linked claims (the columns agreement reads), in `chunks` frames that each
        hold whole facts."""
        columns = {name: CLAIM_COLUMNS[name] for name in OVERVIEW_INPUTS}
        for chunk in range(chunks):
            yield self._frame(
                f"SELECT {', '.join(columns)} FROM claims WHERE coalesce(fact_id, '') <> '' "
                "AND hash(fact_id) % ? = ? ORDER BY row_no",
                [chunks, chunk],
            ).astype(columns)
