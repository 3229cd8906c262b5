"""A real dashboard server on a free local port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from dashboard.logic import Filters
from dashboard.query import CACHE_ENV, DOCUMENT_COLUMNS, frames_db
from extract.store.commands import add_main

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package, never a downloaded browser
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = (
    "Hostile report of the Ministry of Testing.\n"
    "Export turnover grew by 8.4% <script>alert(1)</script> <img src=x onerror=alert(1)> "
    "[click](http://evil.example) in 2024.\n"
)
# Earlier years of the seeds' industrial production figure, from the same ministry: a series
# of more than one point, so the Overview's first card draws a sparkline.
EARLIER_YEARS = (
    "Industrial production in earlier years, Ministry of Industry and Trade.\n"
    "Industrial production grew by 7.2% in 2023, after growing by 6.1% in 2022.\n"
)
STARTUP_SECONDS = 60


@pytest.fixture(scope="session")
def screenshots(repo_root) -> Path:
    folder = repo_root / "test-output" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def served_corpus(tmp_path_factory, seeds_dir) -> dict[str, Path]:
    """The seeds plus a document full of markup and one with earlier years of a seed figure,
    added to a store in a temp folder through the store's own command."""
    root = tmp_path_factory.mktemp("served")
    corpus = root / "docs"
    shutil.copytree(seeds_dir, corpus)
    (corpus / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / "zz_earlier_years.txt").write_text(EARLIER_YEARS, encoding="utf-8")
    with (corpus / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write('\n["zz_hostile.txt"]\nlang = "en"\nbody = "Ministry of Testing"\n')
        manifest.write(
            '\n["zz_earlier_years.txt"]\nlang = "en"\n'
            'body = "Ministry of Industry and Trade"\npublished = "2024-01-10"\n'
        )
    db = root / "claimboard.duckdb"
    assert add_main([str(corpus), "--db", str(db)]) == 0
    return {"corpus": corpus, "db": db}


def kept_claims(claims: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The claims `filters` keep, through the dashboard's own queries (dashboard/query.py,
    unit-tested on hand-built claims in tests/test_dashboard_query.py)."""
    documents = pd.DataFrame({name: [] for name in [*DOCUMENT_COLUMNS, "text"]}, dtype="string")
    return frames_db(claims, documents).rows(filters)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url}/_stcore/health did not answer within {STARTUP_SECONDS} s")


@pytest.fixture(scope="session")
def server(repo_root, served_corpus, tmp_path_factory):
    """The base URL of `streamlit run dashboard/app.py -- --db STORE` over the served store."""
    port = _free_port()
    log = (tmp_path_factory.mktemp("log") / "streamlit.log").open("w")
    command = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py"]
    command += ["--server.headless", "true", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    command += ["--", "--db", str(served_corpus["db"])]
    cache = {CACHE_ENV: str(tmp_path_factory.mktemp("dashboard-cache"))}
    environment = {**os.environ, **cache}
    process = subprocess.Popen(command, cwd=repo_root, stdout=log, stderr=log, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    # A missing browser is a failed test, not a skip: the test command installs it (apt).
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: install Debian's chromium package"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    yield opened
    context.close()
