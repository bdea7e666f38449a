"""Benchmark of the HTML report: its size, render_html in Python, and loading it in Chromium.

Run with the interpreter that has lakipcore and playwright installed::

    python benchmarks/render.py              # 10 runs of each measurement
    python benchmarks/render.py --runs 30    # more runs, on a noisy machine

It drives the system chromium (``/usr/bin/chromium`` or ``chromium`` on PATH) through
playwright's ``executable_path``; nothing is downloaded. The Chromium time is from navigation to
the ``load`` event of the page opened as a file (parsing, style, layout of the whole page). The
script only prints figures and always exits 0; a missed target is reported as "over".
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import lakipcore
from lakipcore.audit import audit
from lakipcore.render import render_html

SIZE_TARGET_KB = 300.0
CHROMIUM_TARGET_MS = 2000.0


def _median_ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return statistics.median(ordered) * 1000, p90 * 1000


def _timing(samples: list[float]) -> str:
    median, p90 = _median_ms(samples)
    return f"{median:.1f} ms (p90 {p90:.1f})"


def _python(runs: int) -> tuple[str, list[float], list[float]]:
    report = lakipcore.load_example()
    page = render_html(report)
    whole, only = [], []
    for _ in range(runs):
        start = time.perf_counter()
        render_html(report)
        whole.append(time.perf_counter() - start)
        # The page alone, with the score and the audit done beforehand.
        scored, findings = lakipcore.score_report(report), audit(report)
        start = time.perf_counter()
        render_html(report, scored, findings)
        only.append(time.perf_counter() - start)
    return page, whole, only


def _chromium(page: str, runs: int) -> list[float] | str:
    executable = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if executable is None:
        return "chromium not found"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright not installed"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report-banten.html"
        path.write_text(page, encoding="utf-8")
        samples = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1000, "height": 900})
            for _ in range(runs + 1):
                tab = context.new_page()
                start = time.perf_counter()
                tab.goto(path.as_uri(), wait_until="load")
                samples.append(time.perf_counter() - start)
                tab.close()
            browser.close()
    return samples[1:]  # the first load warms the browser's caches and processes


def main() -> int:
    """Measure and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement (default 10)")
    runs = max(1, parser.parse_args().runs)
    page, whole, only = _python(runs)
    size_kb = len(page.encode("utf-8")) / 1000
    rows = [
        ("HTML size of the Banten report", f"{size_kb:.1f} KB", f"< {SIZE_TARGET_KB:.0f} KB"),
        ("render_html(report): score, audit, page", _timing(whole), ""),
        ("render_html(report, scored, findings)", _timing(only), ""),
    ]
    chromium = _chromium(page, runs)
    if isinstance(chromium, str):
        rows.append(("headless Chromium, navigation to load", f"not measured: {chromium}", ""))
    else:
        verdict = "ok" if _median_ms(chromium)[0] < CHROMIUM_TARGET_MS else "over"
        rows.append(
            (
                "headless Chromium, navigation to load",
                _timing(chromium),
                f"< {CHROMIUM_TARGET_MS:.0f} ms: {verdict}",
            )
        )
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<26}  {target}")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
