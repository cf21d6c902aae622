"""Visits of the site's pages in headless Chromium, each timed until Streamlit is done.

A visit is done when both sides say so:
- the server: its websocket sent `script_finished` (FINISHED_SUCCESSFULLY) for a run
  that started after the visit began, and no run started since. Streamlit's status
  widget shows "running" only after 500 ms, so the DOM alone cannot tell a short
  run that is still going from one that is over; the ForwardMsg can.
- the page: the idea of tests/e2e/harness.py's settle(): `stApp` is there, no running
  icon, no skeleton, nothing stale, every visible plotly chart drawn (its chunk loads
  behind a skeleton, then it plots a moment later), and the main area holds an element.
Both must hold for CONFIRM_S without a new run starting (a rerun the frontend asks
for right after the first run would otherwise end the visit too early). The visit's
time is from the navigation's start to the first moment both held; run_s
is when the server's last run ended, so the rest is the browser's drawing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from google.protobuf.message import DecodeError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_S = 180.0  # a shared 2-core machine: generous; a visit slower than this is a failure
POLL_MS = 50
CONFIRM_S = 0.4
# script_finished and new_session frames are small; deltas (plotly figures) can be large
# and need not be parsed.
_MAX_PARSED_FRAME = 16_384

SETTLED_JS = """() => {
    if (!document.querySelector('[data-testid="stApp"]')) return false;
    if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
        if (chart.getClientRects().length && !chart.querySelector('.main-svg')) return false;
    }
    return !!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]');
}"""
EXCEPTIONS_JS = """() => document.querySelectorAll('[data-testid="stException"]').length"""


class Tab:
    """One browser page, and the script runs its websocket announced: (time, kind, status)."""

    def __init__(self, context) -> None:
        self.page = context.new_page()
        self.page.set_default_timeout(TIMEOUT_S * 1000)
        self.events: list[tuple[float, str, int]] = []
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._on_frame))

    def _on_frame(self, payload) -> None:
        if isinstance(payload, str) or len(payload) > _MAX_PARSED_FRAME:
            return
        try:
            kind = (msg := ForwardMsg.FromString(payload)).WhichOneof("type")
        except DecodeError:
            return
        if kind == "new_session":  # sent at the start of every script run
            self.events.append((time.perf_counter(), "start", -1))
        elif kind == "script_finished":
            self.events.append((time.perf_counter(), "finish", msg.script_finished))


@dataclass
class Visit:
    """One page shown in one tab: begun by goto() or click(), ended by poll()."""

    tab: Tab
    path: str
    t0: float
    mark: int  # len(tab.events) when the visit began
    seconds: float | None = None
    run_s: float | None = None  # when the server's last run of the visit finished
    exceptions: int = 0
    _ready_at: float | None = field(default=None, repr=False)
    _runs_seen: int = field(default=0, repr=False)

    def poll(self) -> bool:
        """Look once; True when the visit is over (then seconds is set)."""
        if self.seconds is not None:
            return True
        now = time.perf_counter()
        if now - self.t0 > TIMEOUT_S:
            raise TimeoutError(f"{self.path}: Streamlit not done after {TIMEOUT_S:.0f} s")
        events = self.tab.events[self.mark :]
        run_over = (
            any(kind == "start" for _, kind, _ in events)
            and events[-1][1] == "finish"
            and events[-1][2] == ForwardMsg.FINISHED_SUCCESSFULLY
        )
        if not (run_over and self.tab.page.evaluate(SETTLED_JS)):
            self._ready_at = None
            return False
        if self._ready_at is None:
            self._ready_at = now
            self._runs_seen = len(events)
            return False
        if len(events) != self._runs_seen:  # a new run came and went between two looks
            self._ready_at, self._runs_seen = now, len(events)
            return False
        if now - self._ready_at < CONFIRM_S:
            return False
        self.seconds = self._ready_at - self.t0
        self.run_s = events[-1][0] - self.t0
        self.exceptions = self.tab.page.evaluate(EXCEPTIONS_JS)
        return True


def goto(tab: Tab, base_url: str, path: str) -> Visit:
    """Open base_url + path as a new page load (a typed or shared link)."""
    visit = Visit(tab, path, time.perf_counter(), len(tab.events))
    tab.page.goto(f"{base_url}{path}", wait_until="commit")
    return visit


def click(tab: Tab, path: str) -> Visit:
    """Follow the sidebar's link to path within the same Streamlit session."""
    link = tab.page.locator(f'[data-testid="stSidebarNav"] a[href$="{path}"]').first
    link.wait_for(state="visible")
    visit = Visit(tab, path, time.perf_counter(), len(tab.events))
    link.click()
    return visit


def wait(visits: list[Visit]) -> list[Visit]:
    """Poll every visit until all are over; any tab's wait lets Playwright deliver events."""
    pending = list(visits)
    while pending:
        pending = [v for v in pending if not v.poll()]
        if pending:
            pending[0].tab.page.wait_for_timeout(POLL_MS)
    return visits
