"""Shared fixtures: where things are, a claim row built by hand, and the command run for real."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract.schema import CLAIM_COLUMNS

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"  # read-only data beside the repository, never copied in


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
