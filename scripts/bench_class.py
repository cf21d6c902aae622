"""What does a whole class cost the server? N students at once, and 50 one after another.

Each simulated student is its own headless Chromium context, and all N start together:
open the home page; the sentiment page through the sidebar (its first verdict); classify
its own review (typed into the review box, applied with Ctrl+Enter, or the classify
button when the page has one); the calculator through the sidebar; then (race "yes") the
race page, Start with the default settings, and wait until the verdict is shown and Stop
is disabled again (the race replays one shared, once-computed run at a pace).

Measured, for each N and race mode, on a fresh `streamlit run app.py` per run:
- the server's CPU-seconds (user + sys of the server process and its descendants, from
  /proc/PID/stat, before and after the sessions) divided by N: the browsers sharing the
  machine do not count;
- the server's peak resident memory (VmRSS of the process tree, sampled every 0.2 s),
  and its RSS a few seconds after the sessions closed;
- p50 / p90 / max wall seconds per step, each step timed from its click until the page
  has settled (the run over, nothing stale; wall times suffer from the browsers and
  other work on the machine, CPU-seconds much less).

Caches: every run starts on a new server, warmed by one visitor who opened the home and
sentiment pages (so the models are loaded, as on a server the teacher opened first), then
closed. Within a run the N students share the server's caches, which is the point: the
race is computed once for all of them, and the first student to ask pays for it.

`--sequential M` opens M sessions one after another (home, sentiment, classify), keeps
them open, and reads the server's RSS after each; then closes them all and reads it after
a few seconds and, unless --no-ttl-wait, once more after Streamlit's disconnected-session
TTL (server.disconnectedSessionTTL, 120 s by default: a closed tab's session is kept that
long for a reconnect) and one visit that lets the session store drop expired sessions.

    .venv/bin/python scripts/bench_class.py                          # N = 1 10 30, race both
    .venv/bin/python scripts/bench_class.py --sessions 1 10 --race no --lang en
    .venv/bin/python scripts/bench_class.py --sequential 50          # only the sequential mode

Prints a Markdown table to paste into the README and the targets beside the figures.
MB are 2^20 bytes. Needs Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from footprint.server import _tree, rss_mb  # noqa: E402

from core.race import PRESETS  # noqa: E402
from core.sentiment import DEFAULT_MODEL, load_model  # noqa: E402
from tests.e2e.harness import SETTLED_JS  # noqa: E402
from tests.support.lang import english_strings  # noqa: E402
from tests.support.server import CHROMIUM, Server, launch_chromium, start, stop  # noqa: E402
from ui.i18n import t  # noqa: E402

STEPS = ("home", "sentiment", "classify", "calculator", "race")
REVIEWS = [  # each student types one, numbered, so no two reviews are the same text
    "Đồ ăn rất ngon, nhân viên thân thiện, sẽ quay lại.",
    "Phục vụ quá chậm, món nguội, thất vọng.",
    "Không gian đẹp, cà phê thơm, giá hợp lý.",
    "Quán bẩn, nhân viên thô lỗ, không quay lại.",
    "Lẩu ngon, nước dùng đậm đà, rất đáng tiền.",
    "Bánh mì cứng, pate có mùi lạ, dở tệ.",
    "quan nay ngon lam, phuc vu nhanh, gia re",
    "Giá quá đắt so với chất lượng, đồ ăn nhạt nhẽo, chờ lâu.",
]
CALC_LINE = "1.63×1 + 0 + 2.7×1 + 1.62 = 5.95"  # the calculator's first gate line, slide values
TIMEOUT_S = 300  # one step's longest wait: a class of 30 on 2 shared cores needs minutes
AFTER_CLOSE_S = 5.0
SAMPLE_S = 0.2
SHOTS: Path | None = None  # --shots: where a stuck student's screen is saved
CALM_S = 0.4  # settled: the page calm for this long (the first calm moment is the time)

TARGET_CPU_S = 1.5  # per student, 30 students with the race
TARGET_PEAK_MB = 1024.0
TARGET_GROWTH_MB = 5.0  # per open session
TARGET_RETURN = 0.10  # the RSS after closing within 10% of the start


# ------------------------------------------------------------------ the server, from /proc

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_s(srv: Server) -> float:
    """User + sys CPU-seconds of the server, its live descendants and its reaped children."""
    total = 0
    for pid in _tree(srv.proc.pid):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        f = stat.rpartition(")")[2].split()  # fields from 3 (state) on; utime is field 14
        total += int(f[11]) + int(f[12])
        if pid == srv.proc.pid:
            total += int(f[13]) + int(f[14])  # cutime, cstime: children it waited for
    return total / CLK_TCK


class PeakRss:
    """The server's largest RSS, sampled every 0.2 s in a thread while the block runs."""

    def __init__(self, srv: Server):
        self.srv, self.peak = srv, rss_mb(srv)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(SAMPLE_S):
            self.peak = max(self.peak, rss_mb(self.srv))

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb(self.srv))


# ------------------------------------------------------------------ one student


@dataclass
class Review:
    text: str
    label: str  # what core says of it, with the page's default model
    p: float


@dataclass
class Student:
    k: int
    waits: dict[str, float] = field(default_factory=dict)
    failed: str | None = None  # "step: error" when a step did not finish
    odd: list[str] = field(default_factory=list)  # errors or English words seen on the way


def reviews(n: int) -> list[Review]:
    """n distinct reviews and the verdict badge core gives each (the page must show it)."""
    model = load_model(name=DEFAULT_MODEL)
    out = []
    for k in range(n):
        text = f"{REVIEWS[k % len(REVIEWS)]} (#{k + 1})"
        a = model.analyze(text)
        out.append(Review(text, a.label, a.p_positive))
    return out


async def settled(page, deadline: float, poll: float = SAMPLE_S) -> float:
    """When the page became calm (the run over, nothing stale) and stayed so for CALM_S,
    looked at every `poll` seconds."""
    first = None
    while True:
        now = time.perf_counter()
        if await page.evaluate(SETTLED_JS):
            first = first or now
            if now - first >= CALM_S:
                return first
        else:
            first = None
        if now > deadline:
            raise TimeoutError("the page never settled")
        await asyncio.sleep(poll)


async def look(page, s: Student, step: str, lang: str) -> None:
    """Note exceptions, error boxes and (on a Vietnamese page) English interface text."""
    boxes = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    for text in await boxes.all_inner_texts():
        s.odd.append(f"{step}: error shown: {text.strip()[:120]!r}")
    if lang == "vi":
        main = await page.locator('[data-testid="stMain"]').inner_text()
        if found := english_strings(main):
            s.odd.append(f"{step}: English on the Vietnamese page: {found[:3]}")


async def flow(page, s: Student, url: str, review: Review, lang: str, race, timeout: float):
    """race: True, False (stop after the calculator) or None (stop after classify)."""
    nav = page.locator('[data-testid="stSidebarNav"]')

    async def step(name: str, act, done) -> None:
        t0 = time.perf_counter()
        await act()
        await done()
        s.waits[name] = await settled(page, t0 + timeout) - t0
        print(f"  session {s.k + 1}: {name} {s.waits[name]:.1f} s", file=sys.stderr, flush=True)
        await look(page, s, name, lang)

    def via_sidebar(key: str):
        return lambda: nav.get_by_text(t(key, lang), exact=True).click()

    async def home():
        await nav.wait_for()
        await page.get_by_text(t("home.map.title", lang), exact=True).first.wait_for()

    await step("home", lambda: page.goto(f"{url}/?lang={lang}"), home)

    badge = page.locator("[data-label]")  # ui/sentiment/markup.verdict_html
    await step("sentiment", via_sidebar("nav.sentiment"), lambda: badge.first.wait_for())

    label = json.dumps(t("sentiment.review", lang), ensure_ascii=False)  # a CSS string
    box = page.locator(f"textarea[aria-label={label}]")

    async def classify():
        await box.fill(review.text)
        button = page.locator(".st-key-sentiment_classify button")
        if await button.count():
            await button.first.click()
        else:
            await box.press("Control+Enter")  # a text area applies its text on Ctrl+Enter

    # Done when the badge shows this review's verdict and P(positive), as core computes them.
    mine = page.locator(f'[data-label="{review.label}"]', has_text=f"P(positive) = {review.p:.3f}")
    await step("classify", classify, lambda: mine.first.wait_for())
    if race is None:
        return

    calc = page.get_by_text(CALC_LINE).first
    await step("calculator", via_sidebar("nav.calculator"), lambda: calc.wait_for())
    if not race:
        return

    c = PRESETS["long"]
    verdict = t("race.verdict", lang, step=c.steps, steps=c.steps, T=c.T, rnn="{}", lstm="{}")
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    said = success.filter(has_text=verdict.split("{}")[0].strip())
    stop_button = page.get_by_role("button", name=t("race.stop", lang), exact=True)

    async def start_race():
        await via_sidebar("nav.race")()
        await page.get_by_role("button", name=t("race.start", lang), exact=True).click()

    async def race_over():
        await said.first.wait_for()
        deadline = time.perf_counter() + timeout
        while not await stop_button.is_disabled():  # the page reran once the replay ended
            if time.perf_counter() > deadline:
                raise TimeoutError("the verdict showed but Stop never turned off")
            await asyncio.sleep(SAMPLE_S)

    await step("race", start_race, race_over)


async def student(ctx, s: Student, url: str, review: Review, lang: str, race: bool, timeout):
    page = ctx.pages[0]
    try:
        await asyncio.wait_for(
            flow(page, s, url, review, lang, race, timeout), timeout * (len(STEPS) + 1)
        )
    except Exception as e:  # noqa: BLE001 - a stuck student is a figure, not a crash
        name = next((n for n in STEPS if n not in s.waits), "?")
        s.failed = f"{name}: {type(e).__name__}: {str(e).splitlines()[0][:160] if str(e) else ''}"
        print(f"  session {s.k + 1} FAILED at {s.failed}", file=sys.stderr, flush=True)
        if SHOTS is not None:  # what the student was looking at
            with contextlib.suppress(Exception):
                await page.screenshot(path=SHOTS / f"failed_{s.k + 1}.png", full_page=True)
                text = await page.locator('[data-testid="stMain"]').inner_text()
                (SHOTS / f"failed_{s.k + 1}.txt").write_text(text, encoding="utf-8")


async def new_tab(browser, timeout: float):
    ctx = await browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.set_default_timeout(timeout * 1000)
    await ctx.new_page()
    return ctx


async def warm_up(browser, url: str, lang: str, timeout: float) -> None:
    """One visitor opens home and sentiment: navigation ran, the models are loaded."""
    ctx = await new_tab(browser, timeout)
    page = ctx.pages[0]
    await page.goto(f"{url}/?lang={lang}")
    nav = page.locator('[data-testid="stSidebarNav"]')
    await nav.get_by_text(t("nav.sentiment", lang), exact=True).click()
    await page.locator("[data-label]").first.wait_for()
    await settled(page, time.perf_counter() + timeout)
    await ctx.close()


# ------------------------------------------------------------------ a class at once


@dataclass
class Run:
    n: int
    race: bool
    students: list[Student]
    cpu_s: float  # the server's, over the whole class
    start_mb: float
    peak_mb: float
    after_mb: float
    wall_s: float
    tracebacks: list[str]  # from the server's log

    @property
    def finished(self) -> int:
        return sum(s.failed is None for s in self.students)


async def class_at_once(srv: Server, n: int, race: bool, lang: str, timeout: float) -> Run:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await launch_chromium(pw)
        try:
            await warm_up(browser, srv.url, lang, timeout)
            mine = reviews(n)
            students = [Student(k) for k in range(n)]
            tabs = [await new_tab(browser, timeout) for _ in range(n)]
            await asyncio.sleep(1.0)
            start_mb, cpu0, t0 = rss_mb(srv), cpu_s(srv), time.perf_counter()
            with PeakRss(srv) as peak:
                await asyncio.gather(
                    *(
                        student(ctx, s, srv.url, r, lang, race, timeout)
                        for ctx, s, r in zip(tabs, students, mine, strict=True)
                    )
                )
                wall, cpu = time.perf_counter() - t0, cpu_s(srv) - cpu0
                for ctx in tabs:
                    await ctx.close()
                await asyncio.sleep(AFTER_CLOSE_S)
            after_mb = rss_mb(srv)
        finally:
            await browser.close()
    return Run(n, race, students, cpu, start_mb, peak.peak, after_mb, wall,
               tracebacks(srv.log()))  # fmt: skip


def tracebacks(log: str) -> list[str]:
    """Each traceback in a server log, up to the next blank or unindented non-error line."""
    out = []
    for part in log.split("Traceback (most recent call last):")[1:]:
        lines = part.strip("\n").splitlines()
        end = next((i + 1 for i, x in enumerate(lines) if x and not x.startswith(" ")), len(lines))
        out.append("Traceback:\n" + "\n".join(lines[:end]))
    return out


def quantiles(xs: list[float]) -> tuple[float, float, float]:
    xs = sorted(xs)
    p90 = xs[min(len(xs) - 1, round(0.9 * (len(xs) - 1)))]
    return statistics.median(xs), p90, xs[-1]


def cell(run: Run, step: str) -> str:
    xs = [s.waits[step] for s in run.students if step in s.waits]
    if not xs:
        return "—"
    return " / ".join(f"{x:.1f}" for x in quantiles(xs))


HEADER = (
    "| N | race | finished | server CPU s/student | RSS start MB | peak RSS MB "
    "| RSS after close MB | home s | sentiment s | classify s | calculator s | race s | wall s |"
)


def row(run: Run) -> str:
    steps = " | ".join(cell(run, s) for s in STEPS)
    return (
        f"| {run.n} | {'yes' if run.race else 'no'} | {run.finished}/{run.n} "
        f"| {run.cpu_s / run.n:.2f} | {run.start_mb:.0f} | {run.peak_mb:.0f} "
        f"| {run.after_mb:.0f} | {steps} | {run.wall_s:.1f} |"
    )


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("MET" if ok else "NOT MET")


def report_class(runs: list[Run], lang: str, timeout: float) -> None:
    load = os.getloadavg()[0]
    print(f"\n## A class at once (lang {lang}, step timeout {timeout:.0f} s, "
          f"{os.cpu_count()} cores, load average {load:.2f} at the end)\n")  # fmt: skip
    print("Steps: p50 / p90 / max wall seconds over the students who finished them; "
          "CPU: the server process tree's user+sys seconds / N.\n")  # fmt: skip
    print(HEADER)
    print("|" + "---|" * HEADER.count(" | ") + "---|")
    for run in runs:
        print(row(run))
    print("\nTargets:")
    for r in (r for r in runs if r.race and r.n == 30):
        cpu, done = r.cpu_s / r.n, r.finished == r.n
        why = "" if done else f" ({r.finished}/{r.n} finished: the class did not get through)"
        print(f"- server CPU <= {TARGET_CPU_S} s per student, 30 students with the race: "
              f"{cpu:.2f} s{why} -> {verdict(done and cpu <= TARGET_CPU_S)}")  # fmt: skip
    peak = max(r.peak_mb for r in runs)
    print(f"- peak server memory <= {TARGET_PEAK_MB:.0f} MB (1 GB), every run: {peak:.0f} MB "
          f"-> {verdict(peak <= TARGET_PEAK_MB)}")  # fmt: skip
    for run in runs:
        tag = f"N={run.n} race {'yes' if run.race else 'no'}"
        for s in run.students:
            if s.failed:
                print(f"- {tag}: session {s.k + 1} did not finish: {s.failed}")
            for odd in s.odd:
                print(f"- {tag}: session {s.k + 1}, {odd}")
        if run.tracebacks:
            print(f"- {tag}: {len(run.tracebacks)} tracebacks in the server log, the first ending")
            print("  " + "\n  ".join(run.tracebacks[0].splitlines()[-4:]))


# ------------------------------------------------------------------ sessions one after another


async def in_a_row(srv: Server, m: int, lang: str, timeout: float, ttl_wait: float | None):
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await launch_chromium(pw)
        try:
            await warm_up(browser, srv.url, lang, timeout)
            mine = reviews(m)
            await asyncio.sleep(AFTER_CLOSE_S)
            start_mb, tabs, after_each, failed = rss_mb(srv), [], [], []
            for k in range(m):
                ctx = await new_tab(browser, timeout)
                tabs.append(ctx)
                s = Student(k)
                await student(ctx, s, srv.url, mine[k], lang, None, timeout)
                if s.failed:
                    failed.append(s)
                after_each.append(rss_mb(srv))
                print(f"  {k + 1} open: {after_each[-1]:.0f} MB", file=sys.stderr, flush=True)
            for ctx in tabs:
                await ctx.close()
            await asyncio.sleep(AFTER_CLOSE_S)
            closed_mb, expired_mb = rss_mb(srv), None
            if ttl_wait is not None:
                await asyncio.sleep(ttl_wait)
                await warm_up(browser, srv.url, lang, timeout)  # a save drops expired sessions
                await asyncio.sleep(AFTER_CLOSE_S)
                expired_mb = rss_mb(srv)
        finally:
            await browser.close()
    return start_mb, after_each, closed_mb, expired_mb, failed


def slope(ys: list[float]) -> float:
    """Least-squares MB per session over the RSS read after each session opened."""
    if len(ys) < 2:
        return ys[-1] - ys[0] if ys else 0.0
    xs = range(1, len(ys) + 1)
    return statistics.linear_regression(xs, ys).slope


def report_sequential(m: int, start_mb, after_each, closed_mb, expired_mb, failed, ttl) -> None:
    growth = (after_each[-1] - start_mb) / m
    fit = slope(after_each)
    back = abs(closed_mb - start_mb) <= TARGET_RETURN * start_mb
    print(f"\n## {m} sessions opened one after another (home, sentiment, classify; kept open)\n")
    print("| sessions | RSS start MB | RSS all open MB | growth MB/session (end-start, fit) "
          f"| RSS {AFTER_CLOSE_S:.0f} s after closing MB | within 10% of start "
          "| RSS after the session TTL MB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    expired = "not measured" if expired_mb is None else f"{expired_mb:.0f}"
    print(f"| {m} | {start_mb:.0f} | {after_each[-1]:.0f} | {growth:.2f}, {fit:.2f} "
          f"| {closed_mb:.0f} | {'yes' if back else 'no'} | {expired} |")  # fmt: skip
    print("\nRSS after each session opened (MB): " + " ".join(f"{x:.0f}" for x in after_each))
    print("\nTargets:")
    print(f"- memory growth < {TARGET_GROWTH_MB:.0f} MB per open session: {growth:.2f} MB "
          f"-> {verdict(growth < TARGET_GROWTH_MB)}")  # fmt: skip
    print(f"- back within 10% of the start {AFTER_CLOSE_S:.0f} s after closing: "
          f"{closed_mb:.0f} vs {start_mb:.0f} MB -> {verdict(back)}")  # fmt: skip
    if expired_mb is not None:
        ok = abs(expired_mb - start_mb) <= TARGET_RETURN * start_mb
        print(f"- back within 10% of the start after the {ttl:.0f} s session TTL: "
              f"{expired_mb:.0f} vs {start_mb:.0f} MB -> {verdict(ok)}")  # fmt: skip
    for s in failed:
        print(f"- session {s.k + 1} did not finish: {s.failed}")


# ------------------------------------------------------------------ main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 30],
                    help="class sizes N, each on a fresh server")  # fmt: skip
    ap.add_argument("--race", choices=["both", "yes", "no"], default="both",
                    help="run the race after the calculator (both: each N twice)")  # fmt: skip
    ap.add_argument("--sequential", type=int, metavar="M",
                    help="instead: M sessions opened one after another")  # fmt: skip
    ap.add_argument("--no-ttl-wait", action="store_true",
                    help="sequential: skip the wait for the disconnected-session TTL")  # fmt: skip
    ap.add_argument("--lang", choices=["vi", "en"], default="vi", help="the site's language")
    ap.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds one step may take")
    ap.add_argument("--shots", type=Path, help="save a stuck student's screen here")
    args = ap.parse_args()
    if args.shots:
        global SHOTS
        SHOTS = args.shots
        SHOTS.mkdir(parents=True, exist_ok=True)
    if not CHROMIUM.exists():
        print("needs Debian's chromium at /usr/bin/chromium", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        if args.sequential:
            srv = start(ROOT, Path(tmp) / "streamlit_sequential.log")
            try:
                ttl = 120.0  # server.disconnectedSessionTTL, Streamlit's default; the site keeps it
                wait = None if args.no_ttl_wait else ttl + 5
                out = asyncio.run(in_a_row(srv, args.sequential, args.lang, args.timeout, wait))
            finally:
                stop(srv)
            report_sequential(args.sequential, *out, ttl)
            return 0
        modes = {"both": [False, True], "yes": [True], "no": [False]}[args.race]
        runs = []
        for race in modes:
            for n in args.sessions:
                print(f"N={n}, race {'yes' if race else 'no'}: a fresh server", file=sys.stderr)
                srv = start(ROOT, Path(tmp) / f"streamlit_{n}_{race}.log")
                try:
                    runs.append(asyncio.run(class_at_once(srv, n, race, args.lang, args.timeout)))
                    print(row(runs[-1]), file=sys.stderr, flush=True)  # kept if a later run hangs
                finally:
                    stop(srv)
        report_class(runs, args.lang, args.timeout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
