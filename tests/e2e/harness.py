"""Shared machinery for the browser tests: driving a page of the site, and its phone check.

The server and the browser themselves are started by tests/support/server.py (the
measuring scripts use it too). Plain functions (not fixtures) so the fault tests can
start their own server on a damaged copy of the app with the same code path.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tests.support.server import CHROMIUM
from ui.i18n import t

SCREENSHOTS = ROOT / "artifacts" / "screenshots"

# The machine is shared (2 cores, several engineers): generous, never a speed test.
TIMEOUT_MS = 90_000

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium; "
    ".ci/run does it)",
)

# The pieces of the site `streamlit run` needs; a copy of these is a whole working site.
APP_PARTS = ("app.py", "pages", "core", "ui", ".streamlit", "models")


# The markup a visitor may type into any text field (README, "Bad input"): none may run, load
# or be drawn as markup.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "![x](http://127.0.0.1:9/x.png)",
    "[a](javascript:alert(1))",
]


def copy_app(dest: Path) -> Path:
    """Copy the site's own files into dest, so a test may damage the copy, not the repo."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in APP_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


# --- driving a page -------------------------------------------------------------------

SETTLED_JS = """() => {
    if (!document.querySelector('[data-testid="stApp"]')) return false;
    if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
    if (document.querySelector('[data-testid="stStatusWidgetRunningManIcon"]')) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    return !document.querySelector('[data-stale="true"]');
}"""


def settle(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until the script run finished and nothing on screen is stale (twice, 0.4 s apart)."""
    deadline = time.monotonic() + timeout_ms / 1000
    calm = 0
    while calm < 2:
        if time.monotonic() > deadline:
            raise TimeoutError("the page never settled")
        page.wait_for_timeout(400)
        calm = calm + 1 if page.evaluate(SETTLED_JS) else 0


def open_page(page, base_url: str, url_path: str, expect_text: str) -> None:
    """Load one page of the site and wait until expect_text is visible and the run is over."""
    page.goto(f"{base_url}/{url_path}", wait_until="domcontentloaded")
    page.get_by_text(expect_text, exact=False).first.wait_for(timeout=TIMEOUT_MS)
    settle(page)


def title_words(title: str) -> str:
    """A page title without its leading emoji (drawn apart from the words it stands before)."""
    first, _, rest = title.partition(" ")
    return rest if rest and not any(c.isalnum() for c in first) else title


def open_in(page, base_url: str, url_path: str, lang: str, title_key: str) -> None:
    """Open a page of the site in lang (?lang=) and wait for its title, t(title_key, lang)."""
    open_page(page, base_url, f"{url_path}?lang={lang}", title_words(t(title_key, lang)))


def enter_text(box, text: str) -> None:
    """Type text into a text box (a locator), press Enter and wait for the rerun to end."""
    box.fill(text)
    box.press("Enter")
    settle(box.page)


def metric_value(page, label: str) -> str:
    """The big number of the first st.metric whose label contains label."""
    m = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return m.locator('[data-testid="stMetricValue"]').inner_text().strip()


def screenshot(page, name: str) -> Path:
    """Save the whole page (not just the viewport) into artifacts/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # Streamlit scrolls inside its own container: grow the viewport to the content.
    height = page.evaluate(
        """() => {
            const b = document.querySelector('[data-testid="stMainBlockContainer"]');
            return b ? b.scrollHeight + 120 : document.body.scrollHeight;
        }"""
    )
    size = page.viewport_size or {"width": 1400, "height": 1000}
    page.set_viewport_size({"width": size["width"], "height": max(800, min(height, 9000))})
    page.wait_for_timeout(700)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def main_text(page) -> str:
    """The words of the page's main area (the sidebar left out)."""
    return page.locator('[data-testid="stMain"]').inner_text()


def exceptions_on(page) -> list[str]:
    """Texts of every exception box Streamlit drew (a traceback reaching the visitor)."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def warm_up(browser, base_url: str) -> None:
    """Open the home page once, so app.py's st.navigation has run in this server process.

    Streamlit 1.67 treats an app with a `pages/` folder as an old-style (v1) multipage
    app until some session has run st.navigation; app.py now guards against a deep link
    as the very first request (test_site.py checks it). Tests that are about something
    else start from the common state anyway: every server after its first visit.
    """
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        open_page(page, base_url, "", "LSTM Lab")
    finally:
        ctx.close()


PHONE = {"width": 390, "height": 844}

# Every Plotly title (chart, axes, colour bars) whose text box leaves its chart's box, and
# how far the document scrolls sideways. A title cut at the chart's edge is a title nobody
# can read. Every title Plotly draws: a second axis's is .y2title, a colour bar's
# .ycb<id>title (a list of .xtitle and .ytitle missed the curves' right-hand axis).
_CLIPPED_JS = """() => {
    const out = [];
    for (const svg of document.querySelectorAll('.js-plotly-plot .main-svg:first-of-type')) {
        const box = svg.getBoundingClientRect();
        // a chart not shown (a closed expander, a tab not chosen) is laid out at no size
        if (!svg.checkVisibility() || box.width === 0 || box.height === 0) continue;
        const titles = '.infolayer text.gtitle, .infolayer text[class$="title"]';
        for (const t of svg.parentElement.querySelectorAll(titles)) {
            const r = t.getBoundingClientRect();
            if (!t.textContent.trim() || r.width === 0) continue;
            if (r.left < box.left - 1 || r.right > box.right + 1 ||
                r.top < box.top - 1 || r.bottom > box.bottom + 1) {
                out.push(t.textContent.trim());
            }
        }
    }
    return out;
}"""


def clipped_titles(page) -> list[str]:
    """Chart and axis titles drawn partly outside their chart (cut off on screen)."""
    return page.evaluate(_CLIPPED_JS)


def truncated_metrics(page) -> list[str]:
    """The shown st.metric values too wide for their box (Streamlit ends them with "…")."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
            .filter(m => m.offsetParent)
            .filter(m => { const v = m.querySelector('div') || m;
                           return v.scrollWidth > v.clientWidth + 1; })
            .map(m => m.innerText.trim())"""
    )


def cut_links(page) -> list[str]:
    """The shown page links whose label is cut off (a link's label does not wrap)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stPageLink"] a')]
            .filter(a => a.offsetParent)
            .filter(a => [...a.querySelectorAll('p')]
                         .some(e => e.scrollWidth > e.clientWidth + 1))
            .map(a => a.innerText.trim())"""
    )


def table_overflow(page) -> list[int]:
    """Per shown st.dataframe, the pixels of table hidden behind its own sideways scroll."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
            .filter(s => s.offsetParent)
            .map(s => Math.max(0, s.scrollWidth - s.clientWidth))"""
    )


def sideways_overflow(page) -> int:
    """Pixels the page scrolls sideways beyond the viewport (0 = fits the screen's width)."""
    return page.evaluate(
        """() => {
            const m = document.querySelector('[data-testid="stMain"]') || document.body;
            const w = Math.max(document.documentElement.scrollWidth, m.scrollWidth);
            return Math.max(0, w - window.innerWidth);
        }"""
    )


def on_phone(page) -> None:
    """Make the visitor's screen a phone's (390 x 844) and let the page reflow."""
    page.set_viewport_size(PHONE)
    settle(page)


def phone_report(page) -> dict:
    """On a phone's screen, every visible chart scrolled into view: how many, the titles cut
    off, the pixels the page scrolls sideways, and the Plotly toolbars drawn over titles."""
    on_phone(page)
    # Only the charts on screen: those of a tab not chosen are hidden (and cannot scroll).
    charts = page.locator('[data-testid="stPlotlyChart"]').filter(visible=True)
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    return {
        "charts": charts.count(),
        "clipped": clipped_titles(page),
        "sideways": sideways_overflow(page),
        "toolbars": page.locator(".modebar-container .modebar").count(),
        "cut_links": cut_links(page),
    }


def assert_fits_phone(page, name: str) -> dict:
    """The site's phone check: on a 390 x 844 screen nothing scrolls sideways, no chart or
    axis title and no page link is cut off, no Plotly toolbar sits on a title; saves
    screenshot NAME.

    Returns phone_report(page), for a page's own further checks (e.g. its chart count)."""
    got = phone_report(page)
    assert got["sideways"] == 0 and got["clipped"] == [] and got["toolbars"] == 0, (name, got)
    assert got["cut_links"] == [], (name, got)
    screenshot(page, name)
    return got
