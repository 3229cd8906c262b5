"""Benchmark: adding documents to the store, then adding them again unchanged.

    .venv/bin/python bench/store_add.py [--documents 10000]

Documents are generated from the real ones (the seeds cut into passages, and the shared
corpus beside the repository): every number is shifted by the document's index, so each
text differs and yields its own claims. Both runs go through the whole `add` path (reading
the files, their metadata, hashing, the store), side by side in one process. Prints
documents per second for both and their ratio; re-adding must be at least 20 times faster.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from extract.store.changes import add_documents  # noqa: E402
from extract.store.commands import load_incoming  # noqa: E402

SEEDS = REPO_ROOT / "seeds"
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "docs"
PASSAGE_LINES = 4  # seeds are long reports: cut them into news-sized passages
TARGET_RATIO = 20.0
_NUMBER = re.compile(r"\d+")
BODIES = ("Ministry of Industry and Trade", "Ministry of Finance", "General Statistics Office")


def real_passages() -> list[str]:
    passages = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for seed in sorted(SEEDS.glob("*.txt")):
        lines = [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        passages += [
            "\n".join(lines[i : i + PASSAGE_LINES]) for i in range(0, len(lines), PASSAGE_LINES)
        ]
    return passages


def varied(text: str, index: int) -> str:
    """The text with every number shifted by `index` (same number of digits)."""

    def shift(match: re.Match) -> str:
        digits = match.group()
        return str((int(digits) + index) % 10 ** len(digits)).zfill(len(digits))

    return _NUMBER.sub(shift, text)


def generate(folder: Path, count: int) -> None:
    """The documents, and a manifest.toml giving each a body and a date, as real ones have
    (which is what makes linking versions of one article do its work)."""
    passages = real_passages()
    manifest = []
    for index in range(count):
        text = varied(passages[index % len(passages)], index // len(passages) + 1)
        name = f"doc_{index:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        published = date(2024, 1, 1) + timedelta(days=index % 366)
        body = BODIES[index % len(BODIES)]
        manifest.append(f'["{name}"]\nbody = "{body}"\npublished = "{published}"\n')
    (folder / "manifest.toml").write_text("\n".join(manifest), encoding="utf-8")


def timed_add(folder: Path, db: Path) -> tuple[float, list]:
    started = time.perf_counter()
    loaded = load_incoming([folder])
    assert not loaded.errors, loaded.errors[:3]
    outcomes = add_documents(db, loaded.incoming)
    return time.perf_counter() - started, outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimboard-bench-") as tmp:
        folder, db = Path(tmp) / "docs", Path(tmp) / "bench.duckdb"
        folder.mkdir()
        generate(folder, args.documents)
        first_seconds, first = timed_add(folder, db)
        again_seconds, again = timed_add(folder, db)
    assert {o.status for o in first} == {"added"} and {o.status for o in again} == {"unchanged"}
    claims = sum(o.claims for o in first)
    ratio = first_seconds / again_seconds
    print(f"documents: {args.documents} ({claims} claims)")
    print(f"first add:   {args.documents / first_seconds:10.1f} docs/s ({first_seconds:.1f} s)")
    print(f"re-add same: {args.documents / again_seconds:10.1f} docs/s ({again_seconds:.2f} s)")
    verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
    print(f"re-add is {ratio:.1f}x faster (target >= {TARGET_RATIO:g}x: {verdict})")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
