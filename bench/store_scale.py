"""Benchmark: the store at scale. `add` of 100 new documents into a store of 100,000, and
`export` of that store, with the export's peak memory.

    .venv/bin/python bench/store_scale.py [--documents 100000] [--new 100]

The large store is built directly (documents and claims inserted in bulk, then every fact
computed once): building it is not what is measured. Its documents are news-sized passages
of the seeds and the shared corpus, every number shifted by the document's index, each with
a body and a date as real ones have. Then, through the real code paths:
- `add` of `--new` new documents from a folder (reading, extraction, the write, facts):
  target under 10 s, since facts are recomputed only where the new claims reach;
- `python -m extract export DIR` in a fresh process: seconds and peak memory (ru_maxrss),
  beside the size of the claims it wrote: DuckDB streams them, so memory stays far below.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import psutil  # installed with dask.distributed

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from store_add import BODIES, real_passages, varied  # noqa: E402

from extract.document import DocMeta, Document, text_identity  # noqa: E402
from extract.pipeline.claims import extract_document  # noqa: E402
from extract.schema import conform  # noqa: E402
from extract.store.changes import add_documents, content_hash  # noqa: E402
from extract.store.commands import load_incoming  # noqa: E402
from extract.store.database import DOCUMENT_COLUMNS, open_store  # noqa: E402
from extract.store.fact_refresh import refresh_all_facts  # noqa: E402
from extract.store.sql import registered, transaction  # noqa: E402

TARGET_ADD_SECONDS = 10.0
BUILD_CHUNK = 10_000  # bulk documents inserted at a time


def meta(index: int) -> DocMeta:
    published = date(2015, 1, 1) + timedelta(days=index % 3650)
    return DocMeta(lang="", body=BODIES[index % len(BODIES)], published=published.isoformat())


def build_large_store(db: Path, count: int, passages: list[str]) -> int:
    """`count` documents and their claims inserted in bulk, BUILD_CHUNK documents at a time
    (so building never holds the whole store in memory); returns the number of claims."""
    base_rows = [extract_document(Document("p.txt", p)) for p in passages]
    claims = 0
    with open_store(db) as con:
        for start in range(0, count, BUILD_CHUNK):
            indices = range(start, min(count, start + BUILD_CHUNK))
            documents, rows = bulk_rows(indices, passages, base_rows)
            frame_docs = pd.DataFrame(documents).astype(DOCUMENT_COLUMNS)
            frame_claims = conform(pd.DataFrame(rows))
            with registered(con, "d", frame_docs), registered(con, "c", frame_claims):
                con.execute("INSERT INTO documents BY NAME SELECT * FROM d")
                con.execute("INSERT INTO claims BY NAME SELECT * FROM c")
            claims += len(rows)
        with transaction(con):
            refresh_all_facts(con)
    return claims


def bulk_rows(
    indices: range, passages: list[str], base_rows: list[list[dict]]
) -> tuple[list[dict], list[dict]]:
    """(document rows, claim rows) of the bulk documents numbered `indices`."""
    now = datetime.now(UTC).replace(tzinfo=None)
    documents, claims = [], []
    for index in indices:
        which = index % len(passages)
        text = f"Bulletin {index}.\n" + varied(passages[which], index // len(passages) + 1)
        doc = Document(f"big_{index:06d}.txt", text, meta(index))
        documents.append(
            {
                "doc_id": doc.doc_id,
                "content_hash": content_hash(doc),
                "file_name": f"/archive/{doc.doc_id}",
                "lang": "en",
                "body": doc.meta.body,
                "title": "",
                "published": doc.meta.published,
                "source_url": "",
                "source_lang": "",
                "text": text,
                "added_at": now,
                "text_hash": text_identity(text),
            }
        )
        for row in base_rows[which]:
            claim_id = hashlib.sha1(f"{index}:{row['start']}".encode()).hexdigest()[:16]
            sentence = text[row["sentence_start"] : row["sentence_end"]]
            claims.append(
                row
                | {"doc_id": doc.doc_id, "claim_id": claim_id, "sentence": sentence}
                | {"body": doc.meta.body, "published": doc.meta.published}
            )
    return documents, claims


def peak_rss_mb(command: list[str]) -> float:
    """Run `command` from the repository; its peak resident memory in MB, sampled every
    50 ms. (getrusage of the child would count this process's pages, copied when it forks.)"""
    child = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
    peak = 0
    while child.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, psutil.Process(child.pid).memory_info().rss)
        time.sleep(0.05)
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode})")
    return peak / 2**20


def write_new(folder: Path, count: int, passages: list[str], offset: int) -> None:
    folder.mkdir()
    manifest = []
    for index in range(offset, offset + count):
        name = f"new_{index:06d}.txt"
        text = f"Bulletin {index}.\n" + varied(passages[index % len(passages)], index)
        (folder / name).write_text(text, encoding="utf-8")
        given = meta(index)
        manifest.append(f'["{name}"]\nbody = "{given.body}"\npublished = "{given.published}"\n')
    (folder / "manifest.toml").write_text("\n".join(manifest), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=100)
    args = parser.parse_args()
    passages = real_passages()
    with tempfile.TemporaryDirectory(prefix="claimboard-scale-") as tmp:
        db, folder, out = Path(tmp) / "big.duckdb", Path(tmp) / "new", Path(tmp) / "export"
        started = time.perf_counter()
        claims = build_large_store(db, args.documents, passages)
        built = time.perf_counter() - started
        print(f"store: {args.documents} documents, {claims} claims (built in {built:.0f} s)")
        write_new(folder, args.new, passages, args.documents + 7)

        started = time.perf_counter()
        outcomes = add_documents(db, load_incoming([folder]).incoming)
        add_seconds = time.perf_counter() - started
        assert [o.status for o in outcomes] == ["added"] * args.new
        verdict = "met" if add_seconds < TARGET_ADD_SECONDS else "NOT met"
        print(
            f"add {args.new} new documents: {add_seconds:.2f} s "
            f"(target < {TARGET_ADD_SECONDS:g} s: {verdict})"
        )

        started = time.perf_counter()
        peak_mb = peak_rss_mb(
            [sys.executable, "-m", "extract", "export", str(out), "--db", str(db)]
        )
        export_seconds = time.perf_counter() - started
        written_mb = sum(p.stat().st_size for p in out.rglob("*.parquet")) / 1e6
        in_memory_mb = pd.read_parquet(out).memory_usage(deep=True).sum() / 1e6
        print(
            f"export: {export_seconds:.2f} s, peak memory {peak_mb:.0f} MB for claims of "
            f"{in_memory_mb:.0f} MB in pandas ({written_mb:.0f} MB of Parquet)"
        )
    return 0 if add_seconds < TARGET_ADD_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
