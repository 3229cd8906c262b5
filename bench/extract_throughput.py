"""Extraction throughput on one core, side by side with quantulum3, and both F1s on the seeds.

    .venv/bin/python bench/extract_throughput.py [--mb 20]

The corpus is the five seeds repeated until it holds at least --mb MB of UTF-8 text, each copy
a document of its own: the last digit of every number is permuted differently in each copy
(years stay years, "2023" may read "2027"), so no sentence with a number repeats between
copies and nothing cached on a sentence or a document makes a copy cheaper than new text.
The user's path is what the targets are about: the corpus written as .txt files with no
manifest (body, date and language inferred, as for a user's own files) and `python -m
extract DIR --out F.parquet --jobs 1` run on it end to end (start-up, reading, writing
included), pinned to the same core. claimboard's `extract_document` over the corpus with
the seeds' metadata is timed too, in this process. quantulum3 is about a hundred times
slower, so it is timed on the seeds themselves (one pass) and its MB/s taken from that; the
output says so. Every figure is given in wall-clock time and in CPU time: on a shared
machine the CPU time is the process's own cost and the ratios of CPU times are the ones to
quote. quality: the shared scorer (../shared/eval/score.py) against the seeds' gold, with
quantulum3's quantities turned into rows (span, value, unit).
Targets (issue 11): at least 3 MB/s on the user's path, and at least 150 times quantulum3.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import resource
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


def user_path_seconds(docs: Sequence[Document]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `python -m extract DIR --out F.parquet --jobs 1` over the
    documents, as files without metadata; the child inherits this process's CPU pinning."""
    with tempfile.TemporaryDirectory(prefix="claimboard-throughput-") as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for doc in docs:
            (folder / doc.doc_id).write_text(doc.text, encoding="utf-8")
        command = [sys.executable, "-m", "extract", str(folder), "--out", f"{tmp}/c.parquet"]
        started, cpu = time.perf_counter(), _children_cpu()
        subprocess.run([*command, "--jobs", "1"], cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - started, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    extract: Callable[[Document], list], docs: Sequence[Document]
) -> tuple[float, float, list]:
    """(wall seconds, CPU seconds of this process, rows)."""
    started, cpu = time.perf_counter(), time.process_time()
    rows = [row for doc in docs for row in extract(doc)]
    return time.perf_counter() - started, time.process_time() - cpu, rows


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
    size = megabytes(corpus)
    ours = timed(extract_document, corpus)[:2]
    user = user_path_seconds(corpus)
    ours_quality = seeds_score(timed(extract_document, seeds)[2])
    theirs_wall, theirs_cpu, theirs_rows = timed(quantulum_rows, seeds)
    theirs = (theirs_wall, theirs_cpu)
    theirs_quality = seeds_score(theirs_rows)

    print(f"extraction throughput, one core ({pinned})")
    print(
        f"  corpus      {size:.1f} MB: the {len(seeds)} seeds "
        f"({megabytes(seeds) * 1000:.0f} kB) x {len(corpus) // len(seeds)} = {len(corpus)} docs"
    )
    print("  MB/s of wall-clock time | of CPU time (the same on an idle machine; on a shared")
    print("  one the CPU figure is the process's own cost, the wall figure also waits for others)")
    for name, mb, (wall, cpu), quality in (
        ("claimboard", size, ours, ours_quality),
        ("user path", size, user, ours_quality),
        ("quantulum3", megabytes(seeds), theirs, theirs_quality),
    ):
        print(
            f"  {name:<11} {mb:6.2f} MB in {wall:6.2f} s wall, {cpu:6.2f} s CPU = "
            f"{mb / wall:7.4f} | {mb / cpu:7.4f} MB/s   seeds: F1 {quality['f1']:.3f} "
            f"(P {quality['precision']:.3f}, R {quality['recall']:.3f}), "
            f"attributes {attributes(quality)}"
        )
    corpus_minutes = size / (megabytes(seeds) / theirs_cpu) / 60
    print("  (quantulum3 timed on one pass over the seeds, not the whole corpus: at its speed")
    print(f"   the {size:.0f} MB would take {corpus_minutes:.0f} min of CPU)")
    print("  (claimboard: extract_document over documents with the seeds' metadata; user path:")
    print("   python -m extract DIR --out F.parquet --jobs 1 over the same texts without metadata,")
    print("   start-up, reading and writing included)")
    ratio = theirs_cpu / megabytes(seeds) * size / ours[1]
    print(f"  ratio       {ratio:.0f}x quantulum3 with metadata (CPU time)")
    for clock, index in (("wall", 0), ("CPU", 1)):
        mb_s = size / user[index]
        user_ratio = theirs[index] / megabytes(seeds) * mb_s
        print(
            f"  user path   {clock:<4} {user_ratio:4.0f}x quantulum3 "
            f"({verdict(user_ratio, TARGET_RATIO, 'x')}); {mb_s:.2f} MB/s "
            f"({verdict(mb_s, TARGET_MB_PER_S, ' MB/s')})"
        )
    print(f"  load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def verdict(value: float, target: float, unit: str) -> str:
    return f"target >= {target:g}{unit}: {'met' if value >= target else 'NOT met'}"


if __name__ == "__main__":
    main()
