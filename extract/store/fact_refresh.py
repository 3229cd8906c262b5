"""fact_id in the store, recomputed only where a change reaches (facts.py says what a fact is).

Every claim's fact key is kept in `claim_fact_keys`; a claim's fact_id is its key when at
least two documents hold that key. After documents come or go, only the keys of their
related documents (facts.related_documents) are recomputed, and only the claims holding a
key that was or now is among them get a new fact_id: a batch of 100 documents costs the
same in a store of 100 or of 100,000 documents.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

from extract.store import facts
from extract.store.sql import registered

_KEY_UPDATE = """
WITH counts AS (
    SELECT fact_key, count(DISTINCT doc_id) AS documents FROM claim_fact_keys
    WHERE fact_key IN (SELECT fact_key FROM affected_keys) GROUP BY fact_key
), target AS (
    SELECT k.doc_id, k.claim_id,
        CASE WHEN c.documents >= 2 THEN k.fact_key ELSE '' END AS fact_id
    FROM claim_fact_keys k LEFT JOIN counts c USING (fact_key)
    WHERE k.fact_key IN (SELECT fact_key FROM affected_keys)
        OR k.doc_id IN (SELECT doc_id FROM related_ids)
)
UPDATE claims SET fact_id = t.fact_id FROM target t
WHERE claims.doc_id = t.doc_id AND claims.claim_id = t.claim_id
    AND claims.fact_id IS DISTINCT FROM t.fact_id
"""


def document_inputs(
    con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str] | None = None
) -> pd.DataFrame:
    """The documents' columns facts read (all documents, or those of `doc_ids`)."""
    columns = ", ".join(facts.DOCUMENT_INPUTS)
    if doc_ids is None:
        return con.execute(f"SELECT {columns} FROM documents").df()
    with registered(con, "asked_ids", _ids(doc_ids)):
        return con.execute(
            f"SELECT {columns} FROM documents WHERE doc_id IN (SELECT doc_id FROM asked_ids)"
        ).df()


def refresh_facts(
    con: duckdb.DuckDBPyConnection, changed: Iterable[str], before: pd.DataFrame
) -> None:
    """Recompute fact_ids after the documents `changed` were added, replaced or removed;
    `before` holds those documents' facts inputs as they were (document_inputs)."""
    changed = set(changed)
    documents = document_inputs(con)
    now = documents[documents["doc_id"].isin(changed)]
    related = facts.related_documents(documents, pd.concat([before, now])) | changed
    with registered(con, "related_ids", _ids(related)):
        claims = con.execute(
            f"SELECT {', '.join(facts.CLAIM_INPUTS)} FROM claims "
            "WHERE doc_id IN (SELECT doc_id FROM related_ids)"
        ).df()
        keys = facts.fact_keys(claims, documents[documents["doc_id"].isin(related)])
        new_keys = pd.DataFrame(
            {"doc_id": claims["doc_id"], "claim_id": claims["claim_id"], "fact_key": keys}
        ).astype("string")
        old_keys = con.execute(
            "SELECT DISTINCT fact_key FROM claim_fact_keys "
            "WHERE doc_id IN (SELECT doc_id FROM related_ids)"
        ).df()["fact_key"]
        con.execute("DELETE FROM claim_fact_keys WHERE doc_id IN (SELECT doc_id FROM related_ids)")
        with registered(con, "new_keys", new_keys):
            con.execute("INSERT INTO claim_fact_keys BY NAME SELECT * FROM new_keys")
        affected = pd.DataFrame(
            {"fact_key": sorted((set(old_keys) | set(keys)) - {""})}, dtype="string"
        )
        with registered(con, "affected_keys", affected):
            con.execute(_KEY_UPDATE)


def refresh_all_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Every claim's key and fact_id from scratch (a migrated store)."""
    con.execute("DELETE FROM claim_fact_keys")
    doc_ids = [row[0] for row in con.execute("SELECT doc_id FROM documents").fetchall()]
    refresh_facts(con, doc_ids, document_inputs(con, []))


def _ids(doc_ids: Iterable[str]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": pd.Series(sorted(doc_ids), dtype="string")})
