"""How long does each student wait when a whole class uses the site at once?

Starts `streamlit run app.py` on a free port (or uses --url), opens N headless
Chromium sessions at the same moment, and in each one: loads the sentiment page,
classifies its own review, then opens the calculator. Prints per-step wait times
(p50 / p90 / max over sessions) for each N. Needs /usr/bin/chromium.

    .venv/bin/python scripts/load_sessions.py            # N = 8, 16
    .venv/bin/python scripts/load_sessions.py --sessions 4 8 16 32 [--lang en]

The page's words come from the catalog (ui/strings/), in the language asked for, so a
reworded label does not leave the script waiting for text the site no longer shows.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.sentiment.text import clean  # noqa: E402
from tests.support.paths import ROOT  # noqa: E402
from tests.support.server import CHROMIUM, launch_chromium, streamlit_server  # noqa: E402
from ui.i18n import t  # noqa: E402

REVIEWS = [
    "Đồ ăn rất ngon, nhân viên thân thiện, sẽ quay lại.",
    "Phục vụ quá chậm, món nguội, thất vọng.",
    "Không gian đẹp, cà phê thơm, giá hợp lý.",
    "Quán bẩn, nhân viên thô lỗ, không quay lại.",
]
TIMEOUT_S = 300  # one step's longest wait; a class of 32 on 2 cores needs minutes


async def student(browser, url: str, k: int, lang: str, timeout_s: float) -> dict[str, float]:
    """One visitor's waits, in seconds."""
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.set_default_timeout(timeout_s * 1000)
    page = await ctx.new_page()
    waits = {}
    try:
        start = time.perf_counter()
        await page.goto(f"{url}/sentiment?lang={lang}")
        await page.get_by_text("P(positive) =", exact=False).first.wait_for()
        waits["sentiment page, first verdict"] = time.perf_counter() - start

        review = f"{REVIEWS[k % len(REVIEWS)]} (#{k})"
        # The text area's aria-label is its catalog label: found by the key, in any language.
        label = json.dumps(t("sentiment.review", lang), ensure_ascii=False)  # a CSS string
        box = page.locator(f"textarea[aria-label={label}]")
        start = time.perf_counter()
        await box.fill(review)
        await box.press("Control+Enter")  # a text area submits on Ctrl+Enter
        # Done when this review's cleaned text (computed here by core) is on screen.
        await page.locator("code").filter(has_text=clean(review)).first.wait_for()
        waits["own review classified"] = time.perf_counter() - start

        start = time.perf_counter()
        await (
            page.locator('[data-testid="stSidebarNav"]')
            .get_by_text(t("nav.calculator", lang), exact=True)
            .click()
        )
        await page.get_by_text("1.63×1 + 0 + 2.7×1 + 1.62 = 5.95").first.wait_for()
        waits["calculator page"] = time.perf_counter() - start
    finally:
        await ctx.close()
    return waits


async def wave(url: str, n: int, lang: str, timeout_s: float) -> list[dict[str, float]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await launch_chromium(pw)
        try:
            return await asyncio.gather(
                *(student(browser, url, k, lang, timeout_s) for k in range(n))
            )
        finally:
            await browser.close()


def report(n: int, results: list[dict[str, float]], wall: float) -> None:
    print(f"\n{n} sessions at once (wall {wall:.1f} s):")
    for step in results[0]:
        xs = sorted(r[step] for r in results)
        p90 = xs[min(len(xs) - 1, round(0.9 * (len(xs) - 1)))]
        print(
            f"  {step:32s} p50 {statistics.median(xs):6.2f} s   p90 {p90:6.2f} s   "
            f"max {xs[-1]:6.2f} s"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, nargs="+", default=[8, 16])
    ap.add_argument("--url", help="an already running app; default: start one")
    ap.add_argument("--lang", choices=["vi", "en"], default="vi", help="the site's language")
    ap.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds one step may take")
    args = ap.parse_args()
    if not CHROMIUM.exists():
        print("needs Debian's chromium at /usr/bin/chromium", file=sys.stderr)
        return 2

    def run(url: str) -> None:
        asyncio.run(wave(url, 1, args.lang, args.timeout))  # warm: navigation ran, model loaded
        for n in args.sessions:
            start = time.perf_counter()
            results = asyncio.run(wave(url, n, args.lang, args.timeout))
            report(n, results, time.perf_counter() - start)

    if args.url:
        run(args.url.rstrip("/"))
    else:
        with (
            tempfile.TemporaryDirectory() as tmp,
            streamlit_server(ROOT, Path(tmp) / "streamlit.log") as srv,
        ):
            run(srv.url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
