"""Shared fixtures: where things are, a claim row built by hand, and the command run for real."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from extract.schema import CLAIM_COLUMNS, conform

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"  # read-only data beside the repository, never copied in

VIETNAMESE = (
    "Tổng kim ngạch xuất nhập khẩu năm 2024 đạt 786,3 tỷ USD, tăng 15,4% so với năm 2023.\n"
    "Sở Công Thương Thái Nguyên cho biết chỉ số sản xuất công nghiệp ước tăng 8,4%."
)
FRENCH = (
    "Les exportations ont atteint près de 800 milliards de dollars, en hausse de 15,4 % "
    "à l'année précédente.\nLe Département de l'Industrie et du Commerce prévoit une "
    "croissance de 8 à 9 % en 2025, grâce à ses réformes."
)
FRENCH_CURLY = "Le ministère a œuvré à l’essor du commerce : hausse de 8,4 % à l’été."


def windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 writes Vietnamese: base letter precomposed, tone mark combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return bytes(out)


def no_encoding() -> bytes:
    """High bytes scattered in ASCII, in no encoding at all (fixed seed: the same every run)."""
    rng = random.Random(7)
    return bytes(rng.choice([*range(0x80, 0x100), *b"abc 123 "]) for _ in range(400))


@pytest.fixture(scope="session")
def legacy_files() -> dict[str, tuple[bytes, str, str]]:
    """Non-UTF-8 files the reader decodes: name -> (bytes, their text, the encoding it names)."""
    return {
        "vietnamese-windows-1258": (windows_1258(VIETNAMESE), VIETNAMESE, "Windows-1258"),
        "french-latin-1": (FRENCH.encode("latin-1"), FRENCH, "Latin-1"),
        "french-windows-1252": (FRENCH_CURLY.encode("cp1252"), FRENCH_CURLY, "Windows-1252"),
        "french-utf-16-bom": (FRENCH.encode("utf-16"), FRENCH, "UTF-16LE"),  # Python writes LE
        "vietnamese-utf-16-le": (VIETNAMESE.encode("utf-16-le"), VIETNAMESE, "UTF-16LE"),
        "french-utf-16-be": (FRENCH.encode("utf-16-be"), FRENCH, "UTF-16BE"),
    }


@pytest.fixture(scope="session")
def bad_files() -> dict[str, tuple[bytes, str]]:
    """Files that are not text: name -> (bytes, the problem the reader reports)."""
    return {
        "empty": (b"", "empty file"),
        "whitespace": (b" \n\t\r\n ", "empty file"),
        "bom-only": (b"\xef\xbb\xbf\n", "empty file"),
        "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        "control-bytes": (bytes(range(1, 9)) * 20 + b"some text", "binary file"),
        "utf-32": ("Hello".encode("utf-32"), "binary file"),  # not read: no report is UTF-32
        "nul-padded": (b"\x00\x00Hello, world\x00\x00", "binary file"),
        "no-encoding": (no_encoding(), "not UTF-8"),
        "damaged-utf-8": (FRENCH.encode()[:50] + b"\xe9" + FRENCH.encode()[50:], "damaged"),
    }


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return REPO_ROOT / "seeds"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture
def dashboard_cache(tmp_path, monkeypatch) -> Path:
    """The dashboard's copies of stores (dashboard/query.py) go to this test's folder."""
    folder = tmp_path / "dashboard-cache"
    monkeypatch.setenv("CLAIMBOARD_DASHBOARD_CACHE", str(folder))
    return folder


@pytest.fixture
def claim_row():
    """A function making one valid claims row; keyword arguments replace columns."""

    def make(**columns) -> dict:
        row = {
            "claim_id": "c1",
            "fact_id": "",
            "doc_id": "a.txt",
            "lang": "en",
            "body": "Ministry of Industry and Trade",
            "indicator": "industrial production growth",
            "tier": "core",
            "value": 8.4,
            "value_max": None,
            "unit": "%",
            "qualifier": "exact",
            "kind": "actual",
            "change_basis": "yoy",
            "period": "2024",
            "year": 2024,
            "start": 10,
            "end": 14,
            "sentence": "Industry grew 8.4% in 2024.",
            "sentence_start": 0,
            "sentence_end": 27,
            "published": "2025-01-08",
            "source_url": "",
            "extractor_version": "test",
        }
        unknown = set(columns) - set(CLAIM_COLUMNS)
        assert not unknown, f"not schema columns: {unknown}"
        return row | columns

    return make


@pytest.fixture
def run_cli():
    """Run `python -m extract ARGS` in a fresh interpreter from the repository root."""

    def run(*args: str | Path, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess:
        # the checkout's own package, whether or not it is installed, from any folder
        path = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
        return subprocess.run(
            [sys.executable, "-m", "extract", *map(str, args)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=300,
            env=os.environ | {"PYTHONPATH": path},
        )

    return run


def pdf_bytes(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF written by hand: one page per list of lines (Helvetica, Windows-1252 text).

    A page with no lines draws nothing, as a scanned page has no text layer. The cross-reference
    table has the true offsets, so any PDF reader reads it as a well-formed file.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = font + 2 * len(pages) + 1  # each page is a content stream and a page object
    kids = []
    for lines in pages:
        shown = [b"(" + _pdf_string(line) + b") Tj T*" for line in lines]
        stream = b"\n".join([b"BT /F1 11 Tf 14 TL 72 740 Td", *shown, b"ET"])
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        resources = b"<< /Font << /F1 %d 0 R >> >>" % font
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s "
                b"/Contents %d 0 R >>" % (pages_id, resources, content)
            )
        )
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = b" /Info %d 0 R" % add(b"<< /Title (%s) >>" % _pdf_string(title)) if title else b""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\n" % (len(objects) + 1, catalog, info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _pdf_string(line: str) -> bytes:
    raw = line.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


@pytest.fixture
def claims(claim_row) -> pd.DataFrame:
    """Four claims that differ in every filtered column (the dashboard's filter tests)."""
    rows = [
        claim_row(claim_id="a", body="Ministry of Industry and Trade", year=2024, period="2024"),
        claim_row(
            claim_id="b",
            body="Ministry of Home Affairs",
            lang="vi",
            year=2023,
            period="2023",
            indicator="staff reduction",
            unit="people",
            value=519.0,
            sentence="Giảm 519 người.",
            start=5,
            end=14,
            sentence_end=15,
        ),
        claim_row(claim_id="c", kind="target", year=2025, period="2025", lang="fr", value=8.0),
        claim_row(
            claim_id="d", indicator="", year=None, period="", sentence="About 3% more.", value=3.0
        ),
    ]
    return conform(pd.DataFrame(rows))
