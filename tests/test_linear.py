"""Every stage is linear in its input: one 1 MB line costs about what 1 MB of lines costs.

A ratio of two runs of the real command in one test (not a timing bar): before the caption
lookup was made per document, one line of 800 kB took 36 s against 1 s in lines."""

from __future__ import annotations

import time
from pathlib import Path

MEGABYTE = 1_000_000
MAX_RATIO = 3.0


def seeds_text(seeds_dir: Path, size: int) -> str:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    return (text * (size // len(text) + 1))[:size]


def test_linear_one_long_line_costs_about_what_lines_cost(tmp_path, run_cli, seeds_dir):
    in_lines = seeds_text(seeds_dir, MEGABYTE)
    one_line = in_lines.replace("\n", " ")
    seconds = {}
    for name, text in (("lines", in_lines), ("one_line", one_line)):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(text, encoding="utf-8")
        started = time.perf_counter()
        done = run_cli(tmp_path / name, "--out", tmp_path / f"{name}.csv")
        seconds[name] = time.perf_counter() - started
        assert done.returncode == 0, done.stderr
    ratio = seconds["one_line"] / seconds["lines"]
    assert ratio < MAX_RATIO, (
        f"one line {seconds['one_line']:.1f} s, lines {seconds['lines']:.1f} s"
    )
