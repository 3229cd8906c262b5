"""`python -m extract DIR --out F.parquet` as a user runs it: --jobs 1 against --jobs 2, and
peak memory as the input grows.

    .venv/bin/python bench/extract_jobs.py [--mb 20] [--memory-mb 20 200] [--rounds 2]

The input is the seeds' text files copied (without their manifest, so nothing is given: body,
date and language are inferred as for a user's own files) until the folder holds --mb MB, each
copy a distinct document (a last line tells it apart). Each round runs --jobs 1 then --jobs 2
on the same folder, one after the other, and prints their ratio, the CPU time (user + sys) of
each command's whole process tree, the machine's load, and for --jobs 2 how the workers spent
their lives as the kernel's scheduler counts it: on a core, runnable but waiting for one (the
cores were busy), or idle (waiting for work from the command). The machine is shared, and
Linux shares its cores between sessions rather than processes (autogroup): while other
sessions keep both cores busy, a second worker gets no more CPU than one. So the round's ratio
is printed with its load, and beside it the ratio the same CPU times give on two free cores.
Peak memory is the largest resident set of the command's process tree for each --memory-mb
input, with the default --jobs.
Target: --jobs 2 at least 1.6 times as fast as --jobs 1 (on a 2-core machine); peak memory
that does not grow with the input (claims stream to the file).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil  # installed with dask.distributed

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.6


def user_folder(folder: Path, megabytes: float) -> float:
    """Distinct copies of the seeds' texts, no metadata; return the MB written."""
    folder.mkdir(parents=True)
    seeds = [
        (p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    written = copy = 0
    while written < megabytes * 1e6:
        for name, text in seeds:
            data = f"{text}\ncopy {copy}".encode()
            (folder / f"{copy:05}_{name}").write_bytes(data)
            written += len(data)
        copy += 1
    return written / 1e6


@dataclass(frozen=True)
class Timed:
    seconds: float  # wall-clock
    cpu: float  # user + sys of the whole process tree (the command, forkserver, workers)
    own_peak: float  # peak RSS of the command's process, MB
    tree_peak: float  # peak RSS summed over its process tree, workers included, MB
    workers: Schedule  # the worker processes' time, summed
    start_up: float  # CPU before the workers can start: the command's until it started the
    # forkserver, and the forkserver's (its imports and the vocabularies it compiles)

    own_cpu: float  # the command's own process: imports, reading, checks, writing

    def on_free_cores(self, cores: int) -> float:
        """The run's time were no other session using the cores: its CPU for one process;
        for workers, the start-up, then their work (and any wait for work) and all of the
        command's own CPU split between the cores (its imports overlap the start-up, so this
        errs long)."""
        if not self.workers.alive:
            return self.cpu
        return self.start_up + (self.workers.on_cpu + self.workers.idle + self.own_cpu) / cores


@dataclass(frozen=True)
class Schedule:
    """A process's life as the kernel's scheduler saw it (/proc/PID/task/*/schedstat)."""

    alive: float = 0.0  # seconds since it started, when last seen
    on_cpu: float = 0.0  # running
    waiting: float = 0.0  # runnable, waiting for a core (other processes had them)

    @property
    def idle(self) -> float:
        """Neither running nor runnable: a worker waiting for work."""
        return max(0.0, self.alive - self.on_cpu - self.waiting)

    def __add__(self, other: Schedule) -> Schedule:
        return Schedule(
            self.alive + other.alive, self.on_cpu + other.on_cpu, self.waiting + other.waiting
        )


def timed_run(folder: Path, out: Path, *jobs: str) -> Timed:
    """One extraction, its process tree sampled every 0.1 s (the workers are children of the
    forkserver, so the command's own rusage never counts them): the CPU and schedule of each
    process as last seen, the command's own CPU exactly from its rusage."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "extract", str(folder), "--out", str(out), *jobs]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak = 0
    cpu: dict[int, float] = {}  # pid -> user + sys seconds, last seen
    workers: dict[int, Schedule] = {}  # the forkserver's children
    forkserver_cpu = own_cpu_at_forkserver = 0.0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        with contextlib.suppress(psutil.Error):
            parent = psutil.Process(child.pid)
            processes = [parent, *parent.children(recursive=True)]
            tree_peak = max(tree_peak, sum(_rss(p) for p in processes))
            cpu |= {p.pid: _cpu(p) for p in processes[1:]}
            workers |= {p.pid: _schedule(p) for p in processes[1:] if _parent_pid(p) != child.pid}
            for server in (p for p in processes[1:] if _is_forkserver(p, child.pid)):
                own_cpu_at_forkserver = own_cpu_at_forkserver or _cpu(parent)
                forkserver_cpu = _cpu(server)
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"extract failed: {child.stderr.read().decode()}")
    own_cpu = usage.ru_utime + usage.ru_stime
    return Timed(
        seconds,
        own_cpu + sum(cpu.values()),
        usage.ru_maxrss / 1024,  # ru_maxrss is in kB on Linux
        tree_peak / 2**20,
        sum(workers.values(), Schedule()),
        own_cpu_at_forkserver + forkserver_cpu,
        own_cpu,
    )


def _is_forkserver(process: psutil.Process, run_pid: int) -> bool:
    try:
        return process.ppid() == run_pid and "forkserver" in " ".join(process.cmdline())
    except psutil.Error:
        return False


def _cpu(process: psutil.Process) -> float:
    try:
        times = process.cpu_times()
    except psutil.Error:  # gone meanwhile
        return 0.0
    return times.user + times.system


def _parent_pid(process: psutil.Process) -> int | None:
    try:
        return process.ppid()
    except psutil.Error:
        return None


def _schedule(process: psutil.Process) -> Schedule:
    """Its threads' time on a core and waiting for one (ns in schedstat), and its age."""
    on_cpu = waiting = 0
    try:
        alive = time.time() - process.create_time()
        for task in Path(f"/proc/{process.pid}/task").iterdir():
            running, queued, _ = (task / "schedstat").read_text().split()
            on_cpu, waiting = on_cpu + int(running), waiting + int(queued)
    except (OSError, psutil.Error):  # gone meanwhile
        return Schedule()
    return Schedule(alive, on_cpu / 1e9, waiting / 1e9)


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:  # gone meanwhile
        return 0


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def _sessions_share_the_cores() -> bool:
    """Linux's autogroup: each session's processes share one slice of the CPU."""
    with contextlib.suppress(OSError):
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="input for the speed rounds")
    parser.add_argument("--memory-mb", type=float, nargs="*", default=[20.0, 200.0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimboard-bench-") as tmp:
        folder = Path(tmp) / "speed"
        mb = user_folder(folder, args.mb)
        print(f"python -m extract DIR --out F.parquet, {mb:.1f} MB without metadata")
        if _sessions_share_the_cores():
            print(
                "  (the kernel shares the cores between sessions, not processes (autogroup): "
                "while other sessions keep them busy, --jobs 2 gets no more CPU than --jobs 1)"
            )
        for round_ in range(1, args.rounds + 1):
            before = load()
            one = timed_run(folder, Path(tmp) / "one.parquet", "--jobs", "1")
            two = timed_run(folder, Path(tmp) / "two.parquet", "--jobs", "2")
            ratio = one.seconds / two.seconds
            verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
            print(
                f"  round {round_}: --jobs 1 {one.seconds:6.1f} s ({mb / one.seconds:.2f} MB/s, "
                f"CPU {one.cpu:.1f} s), --jobs 2 {two.seconds:6.1f} s ({mb / two.seconds:.2f} "
                f"MB/s, CPU {two.cpu:.1f} s): {ratio:.2f}x (target >= {TARGET_RATIO}x: "
                f"{verdict}); {before} before, {load()} after"
            )
            workers = two.workers
            print(
                f"    --jobs 2 workers: {workers.alive:.1f} s alive in all, {workers.on_cpu:.1f} s "
                f"on a core, {workers.waiting:.1f} s runnable but waiting for one, "
                f"{workers.idle:.1f} s idle (waiting for work); CPU start-up before them "
                f"{two.start_up:.1f} s"
            )
            one_free, two_free = one.on_free_cores(1), two.on_free_cores(2)
            print(
                f"    on two free cores (from these CPU times): --jobs 1 {one_free:.1f} s, "
                f"--jobs 2 {two_free:.1f} s: {one_free / two_free:.2f}x"
            )
        print("peak memory (default --jobs): the command's own process, and its whole tree")
        for wanted in args.memory_mb:
            folder = Path(tmp) / f"memory{wanted:g}"
            mb = user_folder(folder, wanted)
            timed = timed_run(folder, Path(tmp) / "memory.parquet")
            print(
                f"  {mb:6.1f} MB input: peak {timed.own_peak:5.0f} MB in the command, "
                f"{timed.tree_peak:5.0f} MB with its workers; {timed.seconds:.0f} s ({load()})"
            )


if __name__ == "__main__":
    main()
