"""Benchmark: what reading a PDF report costs beside extracting its claims.

    .venv/bin/python bench/pdf_read.py [--pages 100]

The seeds' English report is laid out as a PDF of PAGES pages (written by hand, as the tests
write theirs: Helvetica, one text line per report line), then read side by side in one
process: pypdf's text layer (readers/pdf.py) and the extraction of the text it yields
(pipeline/claims.py). Prints both times and the ratio read / extract; reading may not cost
more than the extraction itself.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from extract.document import Document  # noqa: E402
from extract.pipeline.claims import extract_document  # noqa: E402
from extract.readers.pdf import pdf_document  # noqa: E402
from tests.conftest import pdf_bytes  # noqa: E402

SEED = REPO_ROOT / "seeds" / "000_85f2caef2865a13f.txt"
LINES_PER_PAGE = 45
TARGET_RATIO = 1.0


def report_pdf(pages: int) -> bytes:
    text = SEED.read_text(encoding="utf-8")
    lines = [wrapped for line in text.splitlines() for wrapped in textwrap.wrap(line, 90)]
    lines = [line.encode("cp1252", "replace").decode("cp1252") for line in lines]
    needed = pages * LINES_PER_PAGE
    lines = (lines * (needed // len(lines) + 1))[:needed]
    return pdf_bytes([lines[i : i + LINES_PER_PAGE] for i in range(0, needed, LINES_PER_PAGE)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    raw = report_pdf(args.pages)
    started = time.perf_counter()
    text, _ = pdf_document(raw, "bench.pdf")
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    claims = extract_document(Document(doc_id="bench.pdf", text=text))
    extract_seconds = time.perf_counter() - started
    ratio = read_seconds / extract_seconds
    print(
        f"{args.pages} pages, {len(raw) / 1e6:.1f} MB PDF, {len(text) / 1e6:.2f} M characters, "
        f"{len(claims)} claims"
    )
    print(f"read (pypdf)  {read_seconds:6.2f} s  {args.pages / read_seconds:7.1f} pages/s")
    print(f"extract       {extract_seconds:6.2f} s  {args.pages / extract_seconds:7.1f} pages/s")
    print(f"read / extract = {ratio:.2f} (target < {TARGET_RATIO})")
    return 0 if ratio < TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
