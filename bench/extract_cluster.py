"""`python -m extract DIR --out OUT/ --scheduler local:N` with 1 and 2 local workers, and the
time that projects to for a big archive on a real cluster.

    .venv/bin/python bench/extract_cluster.py [--mb 10] [--documents 10000000] [--kb 5]

The input is distinct copies of the seeds' texts without metadata (as bench/extract_jobs.py).
Each run is timed end to end (cluster start included) and again without the cluster's start
(the time from the first task submitted to the last report, which is what a long job pays).
The projection for --documents of --kb each on 10, 100 and 1,000 workers is printed from the
measured per-worker throughput, with its assumptions: perfect scaling of the extraction
itself (workers share nothing but the scheduler), one scheduler round trip per task and pass
(SCHEDULER_MS_PER_TASK, Dask's documented order of magnitude: about 1 ms of scheduler time per
task, serialised; the run has two passes, the text hashes then the extraction, and the
measured throughput includes both), and tasks of extract.cluster.TASK_BYTES.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extract_jobs import load, user_folder  # noqa: E402

from extract import cluster  # noqa: E402

SCHEDULER_MS_PER_TASK = 1.0  # the scheduler's own time per task (Dask: "about 1 ms")
PASSES = 2  # cluster.py: each task list is sent once to hash the texts, once to extract
WORKERS = (10, 100, 1_000)


def timed_cluster(folder: Path, out: Path, workers: int) -> tuple[float, float, int]:
    """(seconds end to end, seconds of work without the cluster start, claims)."""
    started = time.perf_counter()
    with cluster.connect(f"local:{workers}") as client:
        up = time.perf_counter()
        summary = cluster.run_on_cluster([str(folder)], str(out), client.scheduler.address)
        done = time.perf_counter()
    return time.perf_counter() - started, done - up, summary.claims


def projection(mb_per_worker_s: float, documents: int, kb: float) -> list[str]:
    total_mb = documents * kb / 1000
    docs_per_task = max(1, int(cluster.TASK_BYTES / (kb * 1000)))
    n_tasks = -(-documents // docs_per_task)
    lines = [
        f"projection: {documents:,} documents of {kb:g} KB = {total_mb / 1000:,.0f} GB, "
        f"{docs_per_task:,} documents ({cluster.TASK_BYTES / 1e6:g} MB) per task = {n_tasks:,} "
        f"tasks; {mb_per_worker_s:.2f} MB/s per worker (measured above, this machine's load)"
    ]
    scheduler_s = PASSES * n_tasks * SCHEDULER_MS_PER_TASK / 1000
    for workers in WORKERS:
        extraction_s = total_mb / (mb_per_worker_s * workers)
        # the scheduler hands out tasks one at a time: it bounds the job when it is slower
        seconds = max(extraction_s, scheduler_s) + cluster.TASK_BYTES / 1e6 / mb_per_worker_s
        lines.append(
            f"  {workers:>5} workers: {seconds / 3600:7.2f} h  (extraction "
            f"{extraction_s / 3600:.2f} h, scheduler {scheduler_s / 60:.1f} min, both passes)"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--documents", type=int, default=10_000_000)
    parser.add_argument("--kb", type=float, default=5.0)
    parser.add_argument(
        "--task-mb", type=float, help="task size for the measured runs (default: --mb / 8)"
    )
    args = parser.parse_args()
    projected_task_bytes = cluster.TASK_BYTES
    # a small input must still split into several tasks per worker, or local:2 has one task
    cluster.TASK_BYTES = int((args.task_mb or args.mb / 8) * 1e6)
    with tempfile.TemporaryDirectory(prefix="claimboard-cluster-") as tmp:
        folder = Path(tmp) / "docs"
        mb = user_folder(folder, args.mb)
        print(
            f"python -m extract DIR --out OUT/ --scheduler local:N, {mb:.1f} MB without "
            f"metadata, tasks of {cluster.TASK_BYTES / 1e6:g} MB"
        )
        rates = {}
        for workers in (1, 2):
            before = load()
            total, work, claims = timed_cluster(folder, Path(tmp) / f"out{workers}", workers)
            rates[workers] = mb / work
            print(
                f"  local:{workers}: {total:6.1f} s end to end, {work:6.1f} s of work = "
                f"{rates[workers]:.2f} MB/s, {claims} claims ({before} before, {load()} after)"
            )
        print(f"  2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")
        cluster.TASK_BYTES = projected_task_bytes  # what a real run uses
        for line in projection(rates[1], args.documents, args.kb):
            print(line)
        print(
            f"  assumptions: per-worker throughput as local:1 here; {SCHEDULER_MS_PER_TASK:g} ms "
            "of scheduler time per task; workers read their documents from storage at least "
            "as fast as they extract; no stragglers (the last task adds one task's time)"
        )
        print(f"  ({os.cpu_count()} cores here: local:2 cannot show more than 2x)")


if __name__ == "__main__":
    main()
