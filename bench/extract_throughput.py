"""Extraction throughput on one core, side by side with quantulum3, and both F1s on the seeds.

    .venv/bin/python bench/extract_throughput.py [--mb 20]

The corpus is the five seeds repeated until it holds at least --mb MB of UTF-8 text, each copy
a document of its own: the last digit of every number is permuted differently in each copy
(years stay years, "2023" may read "2027"), so no sentence with a number repeats between
copies and nothing cached on a sentence or a document makes a copy cheaper than new text. claimboard's `extract_document` runs over all of it. quantulum3 is about
a thousand times slower, so it is timed on the seeds themselves (one pass) and its MB/s taken
from that; the output says so. quality: the shared scorer (../shared/eval/score.py) against the
seeds' gold, with quantulum3's quantities turned into rows (span, value, unit).
The user's path is timed too: the same corpus written as .txt files with no manifest (body,
date and language inferred, as for a user's own files) and `python -m extract DIR --out
F.parquet --jobs 1` run on it end to end (start-up, reading, writing included), pinned to
the same core.
Targets (issue 11): at least 3 MB/s on the user's path, and at least 150 times quantulum3.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from extract.document import Document
from extract.job import load
from extract.pipeline.claims import extract_document

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TARGET_MB_PER_S = 3.0
TARGET_RATIO = 150.0


def one_core() -> str:
    """Pin this process to one CPU so the figure is per core whatever the machine."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def megabytes(docs: Sequence[Document]) -> float:
    return sum(len(doc.text.encode("utf-8")) for doc in docs) / 1e6


_LAST_DIGIT = re.compile(r"\d(?!\d)")


def repeated(seeds: Sequence[Document], at_least_mb: float) -> list[Document]:
    copies = int(at_least_mb // megabytes(seeds)) + 1
    return [
        replace(doc, doc_id=f"{copy:05}_{doc.doc_id}", text=distinct(doc.text, copy))
        for copy in range(copies)
        for doc in seeds
    ]


def distinct(text: str, copy: int) -> str:
    """Copy `copy` of a text: the last digit of each number permuted (a permutation drawn for
    this copy), and a last line naming the copy (no claim in it)."""
    digits = random.Random(copy).sample("0123456789", 10)
    return _LAST_DIGIT.sub(lambda m: digits[int(m.group())], text) + f"\ncopy {copy}"


def user_path_seconds(docs: Sequence[Document]) -> float:
    """`python -m extract DIR --out F.parquet --jobs 1` over the documents, as files without
    metadata; the child inherits this process's CPU pinning."""
    with tempfile.TemporaryDirectory(prefix="claimboard-throughput-") as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for doc in docs:
            (folder / doc.doc_id).write_text(doc.text, encoding="utf-8")
        command = [sys.executable, "-m", "extract", str(folder), "--out", f"{tmp}/c.parquet"]
        started = time.perf_counter()
        subprocess.run([*command, "--jobs", "1"], cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - started


def timed(extract: Callable[[Document], list], docs: Sequence[Document]) -> tuple[float, list]:
    started = time.perf_counter()
    rows = [row for doc in docs for row in extract(doc)]
    return time.perf_counter() - started, rows


def quantulum_rows(doc: Document) -> list[dict]:
    """quantulum3's quantities as claims rows the scorer reads."""
    from quantulum3 import parser

    return [
        {
            "doc_id": doc.doc_id,
            "start": q.span[0],
            "end": q.span[1],
            "value": q.value,
            "unit": quantulum_unit(q.unit),
        }
        for q in parser.parse(doc.text)
    ]


def quantulum_unit(unit) -> str:
    name = unit.name.lower()
    if name in ("percentage", "percent"):
        return "%"
    if "dollar" in name:
        return "USD"
    if "dong" in name:
        return "VND"
    return "" if name == "dimensionless" else name  # a bare number: a count


def scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seeds_score(rows: list[dict]) -> dict:
    gold_lines = (EVAL / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines()
    return scorer().score([json.loads(line) for line in gold_lines if line.strip()], rows)


def attributes(quality: dict) -> str:
    # quantulum3 gives no qualifier, kind, period or body: there is nothing to score
    return f"{quality['attr_accuracy']:.3f}" if quality["attrs"] else "n/a (none given)"


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    mb_wanted = args.parse_args().mb
    pinned = one_core()
    warnings.filterwarnings("ignore", module="quantulum3")  # "classifier not installed"

    seeds = load([ROOT / "seeds"]).documents
    corpus = repeated(seeds, mb_wanted)
    ours_seconds, _ = timed(extract_document, corpus)
    ours_mb_s = megabytes(corpus) / ours_seconds
    user_seconds = user_path_seconds(corpus)
    user_mb_s = megabytes(corpus) / user_seconds
    ours_quality = seeds_score(timed(extract_document, seeds)[1])

    theirs_seconds, theirs_rows = timed(quantulum_rows, seeds)
    theirs_mb_s = megabytes(seeds) / theirs_seconds
    theirs_quality = seeds_score(theirs_rows)
    ratio = ours_mb_s / theirs_mb_s
    user_ratio = user_mb_s / theirs_mb_s

    print(f"extraction throughput, one core ({pinned})")
    print(
        f"  corpus      {megabytes(corpus):.1f} MB: the {len(seeds)} seeds "
        f"({megabytes(seeds) * 1000:.0f} kB) x {len(corpus) // len(seeds)} = {len(corpus)} docs"
    )
    for name, mb, seconds, mb_s, quality in (
        ("claimboard", megabytes(corpus), ours_seconds, ours_mb_s, ours_quality),
        ("user path", megabytes(corpus), user_seconds, user_mb_s, ours_quality),
        ("quantulum3", megabytes(seeds), theirs_seconds, theirs_mb_s, theirs_quality),
    ):
        print(
            f"  {name:<11} {mb:7.2f} MB in {seconds:6.2f} s = {mb_s:8.4f} MB/s   "
            f"seeds: F1 {quality['f1']:.3f} (P {quality['precision']:.3f}, "
            f"R {quality['recall']:.3f}), attributes {attributes(quality)}"
        )
    corpus_minutes = megabytes(corpus) / theirs_mb_s / 60
    print("  (quantulum3 timed on one pass over the seeds, not the whole corpus: at its speed")
    print(f"   the {megabytes(corpus):.0f} MB would take {corpus_minutes:.0f} min)")
    print("  (claimboard: extract_document over documents with the seeds' metadata; user path:")
    print("   python -m extract DIR --out F.parquet --jobs 1 over the same texts without metadata)")
    print(f"  ratio       {ratio:.0f}x quantulum3 with metadata, {ours_mb_s:.2f} MB/s")
    print(
        f"  user path   {user_ratio:.0f}x quantulum3 ({verdict(user_ratio, TARGET_RATIO, 'x')}); "
        f"{user_mb_s:.2f} MB/s ({verdict(user_mb_s, TARGET_MB_PER_S, ' MB/s')}); "
        f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


def verdict(value: float, target: float, unit: str) -> str:
    return f"target >= {target:g}{unit}: {'met' if value >= target else 'NOT met'}"


if __name__ == "__main__":
    main()
