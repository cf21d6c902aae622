"""The README's replica recipe for real (issue 19): two `streamlit run app.py` behind Debian's
nginx running deploy/nginx.conf, two browsers, and a reconnect each survives.

Streamlit keeps a student's work in the server process that holds their WebSocket. A widget
the page still shows proves little here: the browser sends every shown widget's value with
each rerun, so any replica could redraw it. What only the student's own session holds is
plain session state: a review typed on the sentiment page is kept there while the student
looks at another page (pages/sentiment.py: persist_state="session"; the address that held
it is gone once the student leaves the page). So each browser types its own review and goes
to the home page (the review box leaves the screen); nginx is stopped and started again on
the same port (the WebSockets drop, the browsers reconnect by themselves); each goes back
to the sentiment page and finds its review only if its WebSocket came back to the replica
and the session it left.

nginx's access log (tests/support/nginx.py) says which replica each browser used: every
request of a browser, before and after the reconnect, went to one replica, the two browsers
to different ones, while requests without the cookie spread over both; and which session
each reconnecting WebSocket asked to resume. The control: give one browser the other's
cookie and reconnect again. It lands on the other replica, asks it for a session it never
held, and gets a new one, without the review. So the cookie is what kept each browser with
its session.
"""

from __future__ import annotations

import re
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.harness import TIMEOUT_MS, main_text, open_page, requires_chromium, settle
from tests.support import nginx, server
from tests.support.paths import ROOT
from ui.i18n import LANGS, t

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    requires_chromium,
    pytest.mark.skipif(
        not nginx.NGINX.exists(),
        reason="needs Debian's nginx (apt-get install nginx; .ci/run does it)",
    ),
]

LANG = "en"
COOKIE = "lstm_lab_route"  # the recipe's affinity cookie
REVIEWS = (  # one per browser, neither the page's first example
    "Phở ở đây ngon tuyệt, nước dùng đậm đà, sẽ quay lại.",
    "Cà phê nguội, phục vụ chậm, bàn bẩn, không quay lại nữa.",
)


class Browser:
    """One student: a browser context of its own (cookies, session) and its WebSockets."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.page = ctx.new_page()
        self.sockets: list[dict] = []
        self.key = ""  # the affinity key nginx gave it on its first visit
        self.session = ""  # the Streamlit session id its WebSocket presents on reconnecting
        self.page.on("websocket", self._opened)

    def _opened(self, ws) -> None:
        rec = {"url": ws.url, "closed": False}
        ws.on("close", lambda _ws: rec.update(closed=True))
        self.sockets.append(rec)

    def connected_since(self, n: int) -> bool:
        """A WebSocket newer than the first n is open and the page says it is connected.

        (The page asks /_stcore/health before it opens one: no attempt while nginx is down
        opens a WebSocket.)"""
        if len(self.sockets) <= n or self.sockets[-1]["closed"]:
            return False
        return self.page.locator('[data-testid="stConnectionStatus"]').count() == 0

    def cookie(self) -> str:
        """The affinity key this browser holds now."""
        return next(c["value"] for c in self.ctx.cookies() if c["name"] == COOKIE)

    def go(self, nav_key: str, expect: str) -> None:
        """Move to a page with the sidebar, in the same session (no reload)."""
        nav = self.page.locator('[data-testid="stSidebarNav"]')
        nav.get_by_text(t(nav_key, LANG), exact=True).click()
        self.page.get_by_text(expect, exact=False).first.wait_for()
        settle(self.page)

    def review_box(self):
        return self.page.get_by_role("textbox", name=t("sentiment.review", LANG), exact=True)

    def open_sentiment(self) -> str:
        """Go to the sentiment page; the review in its box."""
        self.go("nav.sentiment", "P(positive) =")
        return self.review_box().input_value()


def wait_until(page, check, what: str) -> None:
    """Poll check() while page waits (the sync Playwright delivers its events meanwhile)."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        page.wait_for_timeout(100)


def reconnect(ngx: nginx.Nginx, browsers: list[Browser]) -> int:
    """Stop nginx (every WebSocket drops), start it again on the same port, and wait until
    each browser has reconnected by itself. Returns the access log's length once the old
    nginx is gone (it logs each WebSocket as it closes it)."""
    opened = [len(b.sockets) for b in browsers]
    nginx.stop(ngx)
    logged = len(ngx.requests())
    for b in browsers:
        wait_until(b.page, lambda b=b: b.sockets[-1]["closed"], "a WebSocket outlived nginx")
    nginx.start(ngx)
    for b, n in zip(browsers, opened, strict=True):
        wait_until(b.page, lambda b=b, n=n: b.connected_since(n), "a browser did not reconnect")
        settle(b.page)
    return logged


def health_without_cookie(ngx: nginx.Nginx, n: int) -> None:
    """n cookieless requests, as n first visits: each gets a fresh key."""
    for _ in range(n):
        with urllib.request.urlopen(f"{ngx.url}/_stcore/health", timeout=10) as r:
            assert r.status == 200


def start_replicas(tmp_path, n: int) -> list[server.Server]:
    """n `streamlit run app.py` of the repository, started side by side."""
    with ThreadPoolExecutor(n) as pool:
        started = [pool.submit(server.start, ROOT, tmp_path / f"replica{i}.log") for i in range(n)]
    replicas = [f.result() for f in started if f.exception() is None]
    failed = [f.exception() for f in started if f.exception() is not None]
    if failed:
        for r in replicas:
            server.stop(r)
        raise failed[0]
    return replicas


def test_two_students_each_keep_their_session_across_a_reconnect(tmp_path):
    from playwright.sync_api import sync_playwright

    replicas = start_replicas(tmp_path, 2)
    ngx = nginx.configure(tmp_path / "nginx", server.free_port(), [r.url[7:] for r in replicas])
    try:
        nginx.start(ngx)
        with sync_playwright() as pw:
            chromium = server.launch_chromium(pw)
            try:
                run_the_class(chromium, ngx)
            finally:
                chromium.close()
    finally:
        nginx.stop(ngx)
        for r in replicas:
            server.stop(r)
    for r in replicas:
        assert "Traceback" not in r.log(), r.log_tail()


def replica_of(ngx: nginx.Nginx, key: str) -> str:
    (replica,) = {r["replica"] for r in ngx.requests() if r["key"] == key}
    return replica


def sessions_asked(log: list[dict], key: str) -> list[str]:
    """The session ids a browser's WebSockets presented, in order ("" = asked for a new one)."""
    return [r["resume"] for r in log if r["key"] == key and r["status"] == 101]


def run_the_class(chromium, ngx: nginx.Nginx) -> None:
    # Two students on different replicas. Each first visit gets a random key, so a new
    # student lands on either replica; open students until both replicas have one.
    students: dict[str, Browser] = {}
    for _attempt in range(16):
        ctx = chromium.new_context(viewport={"width": 1400, "height": 1000})
        ctx.set_default_timeout(TIMEOUT_MS)
        b = Browser(ctx)
        open_page(b.page, ngx.url, f"?lang={LANG}", "LSTM Lab")
        b.key = b.cookie()
        where = replica_of(ngx, b.key)
        if where in students:
            ctx.close()
            continue
        students[where] = b
        if len(students) == 2:
            break
    assert len(students) == 2, "16 first visits all landed on one replica"
    (r1, alice), (r2, bob) = students.items()
    browsers = [alice, bob]

    # Each types a review of their own, then looks at the home page.
    default = alice.open_sentiment()
    verdicts = {}
    for b, review in zip(browsers, REVIEWS, strict=True):
        if b is bob:
            assert b.open_sentiment() == default
        assert review != default
        b.review_box().fill(review)
        b.review_box().press("Control+Enter")
        settle(b.page)
        verdicts[review] = b.page.get_by_text("P(positive) =", exact=False).first.inner_text()
        b.go("nav.home", "LSTM Lab")  # the review box leaves the screen
        assert b.review_box().count() == 0

    # The reconnect: each browser comes back to its replica and finds its review there.
    first = reconnect(ngx, browsers)
    for b, review in zip(browsers, REVIEWS, strict=True):
        assert b.cookie() == b.key  # nginx set it once, on the first visit
        assert b.open_sentiment() == review
        verdict = b.page.get_by_text("P(positive) =", exact=False).first.inner_text()
        assert verdict == verdicts[review]
        b.go("nav.home", "LSTM Lab")
    health_without_cookie(ngx, 20)

    # The control: Alice with Bob's cookie reconnects to Bob's replica, which never held her
    # session. She gets a new one there, without her review (a new session need not even
    # know her language: the box is found by either name). Bob, on his replica all along,
    # still has his.
    alice.ctx.add_cookies([{"name": COOKIE, "value": bob.key, "url": ngx.url}])
    second = reconnect(ngx, browsers)
    box_names = "|".join(re.escape(t("sentiment.review", lang)) for lang in LANGS)
    box = alice.page.get_by_role("textbox", name=re.compile(f"^({box_names})$"))
    alice.page.locator('[data-testid="stSidebarNav"] a[href*="sentiment"]').click()
    box.wait_for()
    settle(alice.page)
    assert box.input_value() == default
    assert REVIEWS[0] not in main_text(alice.page)
    assert bob.open_sentiment() == REVIEWS[1]
    nginx.stop(ngx)  # logs the last WebSockets (a WebSocket is logged as it closes)

    # The access log, up to the control: every request of a browser carried its key and
    # went to its replica; its WebSocket asked for a new session, then to resume that one.
    log = ngx.requests()
    assert alice.key != bob.key and r1 != r2
    for b, replica in ((alice, r1), (bob, r2)):
        mine = [r for r in log[:second] if r["key"] == b.key]
        assert {r["replica"] for r in mine} == {replica}, mine
        assert mine[0]["cookie"] == "" and all(r["cookie"] == b.key for r in mine[1:])
        assert all(r["path"] == "/_stcore/stream" for r in mine if r["status"] == 101)
        asked = sessions_asked(log[:first], b.key), sessions_asked(log[first:second], b.key)
        assert asked[0] == [""] and len(asked[1]) == 1 and asked[1][0], asked
        b.session = asked[1][0]
    # Without the cookie the same nginx spreads requests over both replicas.
    spread = Counter(
        r["replica"] for r in log if r["path"] == "/_stcore/health" and not r["cookie"]
    )
    assert set(spread) == {r1, r2} and sum(spread.values()) == 20, spread
    # After the control's reconnect: Bob presents the same session id again (his replica
    # had resumed it, not made a new one); Alice took hers, with Bob's key, to Bob's replica.
    last = [r for r in log[second:] if r["status"] == 101]
    assert sorted((r["key"], r["replica"], r["resume"]) for r in last) == sorted(
        [(bob.key, r2, bob.session), (bob.key, r2, alice.session)]
    ), last
