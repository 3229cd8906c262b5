"""Benchmark: the dashboard as a reader meets it, in Debian's Chromium driven by Playwright.

    .venv/bin/python bench/dashboard_browser.py [--rows 1000000]  (--rows 0: the seeds only)

Two stores, one run: the seeds, and a generated store of `--rows` claims (made from the seed
claims by bench/dashboard_speed.py's generator, added through the store's own add). For
each, a real `streamlit run dashboard/app.py -- --db STORE` on a free local port is timed:
navigation to the Overview until its chart's first point is drawn (cold: the server's first
load of the store; then warm, a new reader's page; then a returning reader's page, whose
browser has cached the app's scripts), a filter change (a ministry chosen in the
sidebar) until the chart is drawn again, and the server's peak resident memory (VmHWM).
Figures are printed beside their targets (first chart 2 s, filter change 0.5 s, memory
1 GB); nothing is asserted. The machine it runs on may be shared: its load average is
printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from dashboard_speed import synthetic_claims, synthetic_store  # noqa: E402

from extract.store.commands import add_main  # noqa: E402

CHROMIUM = "/usr/bin/chromium"  # Debian's package, never a downloaded browser
FIRST_CHART_TARGET, FILTER_TARGET, MEMORY_TARGET_MB = 2.0, 0.5, 1024
POINT = ".js-plotly-plot .scatterlayer .point"
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_MS = 600_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py"]
    command += ["--server.headless", "true", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    command += ["--", "--db", str(db)]
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not start")


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def first_chart(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.wait_for(state="attached", timeout=TIMEOUT_MS)
    chart.scroll_into_view_if_needed()
    page.wait_for_selector(POINT, timeout=TIMEOUT_MS)
    return time.perf_counter() - started


# What the chart draws: the number of points of each trace (Plotly keeps its data on the div).
CHART_SHAPE = (
    "() => { const g = document.querySelector('.js-plotly-plot');"
    " return g && g.data ? JSON.stringify(g.data.map(t => (t.x || []).length)) : null; }"
)


def filter_change(page, ministry: str) -> float:
    """Choose `ministry` in the sidebar; seconds until the page's count line has changed and
    the chart has been redrawn with the new data (its traces' point counts differ from the
    unfiltered chart's, and two animation frames have passed, so it is on screen). The old
    chart's points stay on the page while the new run is on its way, so seeing points is
    not enough."""
    caption = page.locator("[data-testid=stCaptionContainer]").first.text_content()
    shape = page.evaluate(CHART_SHAPE)
    box = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").filter(
        has_text="Ministry"
    )
    box.locator("input").click()
    option = page.get_by_role("option", name=ministry, exact=True)
    started = time.perf_counter()
    option.click()
    page.wait_for_function(
        "([old, shape]) => { const c = document.querySelector('[data-testid=stCaptionContainer]');"
        f" const now = ({CHART_SHAPE})();"
        " return c && c.textContent !== old && now && now !== shape"
        " && document.querySelector('.js-plotly-plot .scatterlayer .point'); }",
        arg=[caption, shape],
        timeout=TIMEOUT_MS,
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return time.perf_counter() - started


def measure(db: Path, ministry: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    process, url = serve(db)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            returning = browser.new_context(viewport=VIEWPORT)
            page = returning.new_page()
            cold = first_chart(page, f"{url}/")
            page.close()
            page = browser.new_context(viewport=VIEWPORT).new_page()  # a new reader
            warm = first_chart(page, f"{url}/")
            change = filter_change(page, ministry)
            page = returning.new_page()  # a returning reader: the app's scripts are cached
            cached = first_chart(page, f"{url}/")
            browser.close()
        return {
            "cold": cold,
            "warm": warm,
            "cached": cached,
            "filter": change,
            "memory": peak_memory_mb(process.pid),
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=1_000_000, help="claims in the generated store; 0: none"
    )
    rows = parser.parse_args().rows
    results = []
    with tempfile.TemporaryDirectory() as folder:
        seeds_db = Path(folder) / "seeds.duckdb"
        add_main([str(REPO_ROOT / "seeds"), "--db", str(seeds_db)])
        claims = synthetic_claims(max(rows, 1000))  # its rarest ministry: the filter
        ministry = str(claims["body"].value_counts().index[-1])
        results.append(("seeds", measure(seeds_db, ministry)))
        if rows:
            generated = Path(folder) / "generated.duckdb"
            synthetic_store(claims, generated)
            results.append((f"{rows:,} generated claims", measure(generated, ministry)))
        del claims
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (shared machine)")
    print(f"{'store':<28} {'step':<34} {'value':>9} {'target':>8}")
    for store, figures in results:
        lines = [
            ("navigation -> first chart, cold", f"{figures['cold']:.2f} s", FIRST_CHART_TARGET),
            ("navigation -> first chart, warm", f"{figures['warm']:.2f} s", FIRST_CHART_TARGET),
            ("  same, scripts cached", f"{figures['cached']:.2f} s", FIRST_CHART_TARGET),
            ("filter change -> updated chart", f"{figures['filter']:.2f} s", FILTER_TARGET),
        ]
        for step, value, target in lines:
            print(f"{store:<28} {step:<34} {value:>9} {target:>6.1f} s")
        print(
            f"{store:<28} {'server peak memory':<34} {figures['memory']:>6.0f} MB "
            f"{MEMORY_TARGET_MB:>5} MB"
        )


if __name__ == "__main__":
    main()
