"""Print the site's footprint: install size, cold start, page visits, server memory.

What a host needs to run the site, measured here (issue 11's footprint benchmark):
1. a fresh venv from requirements.txt alone: seconds to install, MB on disk, and
   whether torch ended up in it;
2. `streamlit run app.py` from cold to a healthy /_stcore/health;
3. each page's first visit on the cold server and a warm visit (a new browser
   context), in headless Chromium, until Streamlit has finished the run;
4. the server's resident memory (VmRSS of it and its children): after one visitor,
   with N sessions open at once, and along M sessions one after another (a leak shows
   as growth);
5. sessions per replica within a memory budget, and how that was computed;
6. the issue's targets next to the figures.
It prints figures and always exits 0 when it could measure; it is not a test.

    .venv/bin/python scripts/bench_footprint.py                     # all of it (~10 min when idle)
    .venv/bin/python scripts/bench_footprint.py --quick             # 2 at once, 5 in a row
    .venv/bin/python scripts/bench_footprint.py --skip-install --venv .venv --quick
    .venv/bin/python scripts/bench_footprint.py --skip-install --pages / /calculator \
        --sessions-parallel 1 --sessions-sequential 1     # does it run? (seconds)

The browser driver runs with this interpreter (it needs playwright); the server runs
with the fresh venv's python, or --venv's, or --python, or else this interpreter.
MB are 2^20 bytes. Needs Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # footprint.server starts the site with tests/support/server.py

from footprint import server, venv, visits  # noqa: E402

PAGES = (  # every page, in the navigation's order (app.py)
    "/",
    "/language-model",
    "/bag-or-sequence",
    "/calculator",
    "/rnn-to-lstm",
    "/inside",
    "/gradients",
    "/race",
    "/sentiment",
)

TARGET_INSTALL_MB = 500.0
TARGET_RSS_PARALLEL_MB = 300.0
TARGET_GROWTH_PCT = 10.0
TARGET_GRADIENTS_FIRST_S = 2.0


def note(msg: str) -> None:
    """Progress, on stderr: stdout keeps the figures alone."""
    print(f"… {msg}", file=sys.stderr, flush=True)


def load_line(when: str) -> str:
    """The load average, and a warning when other work crowds the cores the times need."""
    load = os.getloadavg()
    cores = os.cpu_count() or 1
    line = f"load avg {when}: {' '.join(f'{x:.2f}' for x in load)} on {cores} cores"
    if max(load[:2]) > cores:
        line += "\n! other work shares this machine: the times are inflated, memory is not"
    return line


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


class Targets:
    """The issue's targets, each with the figure that answers it."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, bool | None]] = []

    def add(self, name: str, figure: str, target: str, ok: bool | None) -> str:
        self.rows.append((name, figure, target, ok))
        return "" if ok is None else f"   target {target}: {verdict(ok)}"

    def print(self) -> None:
        print("\n6. Targets (this machine)")
        for name, figure, target, ok in self.rows:
            state = "not measured" if ok is None else verdict(ok)
            print(f"   {name:44s} {figure:>12s}   target {target:10s} {state}")


# --- 1. install ------------------------------------------------------------------------


def measure_install(tmp: Path, requirements: Path, targets: Targets) -> Path:
    dest = tmp / "venv"
    note(f"installing {requirements} into a fresh venv (a minute or two)")
    inst = venv.create(dest, requirements, tmp / "pip.log")
    size = venv.disk_mb(dest)
    torch = venv.version_in(venv.python_of(dest), "torch")
    print(f"\n1. Fresh venv from {requirements.name} alone (pip's cache and config as they are)")
    print(f"   python -m venv            {inst.venv_s:7.1f} s")
    print(f"   pip install -r            {inst.pip_s:7.1f} s")
    print(f"   install, total            {inst.total_s:7.1f} s")
    tgt = targets.add(
        "runtime install on disk",
        f"{size:.0f} MB",
        f"<= {TARGET_INSTALL_MB:.0f} MB",
        size <= TARGET_INSTALL_MB,
    )
    print(f"   size on disk              {size:7.0f} MB{tgt}")
    parts = ", ".join(f"{name} {mb:.0f}" for name, mb in venv.largest(dest))
    print(f"   largest in site-packages: {parts} (MB)")
    print(f"   torch installed           {'yes, ' + torch if torch else 'no'}")
    return dest


# --- 3. visits -------------------------------------------------------------------------


def visitor(browser, url: str, pages: tuple[str, ...]) -> dict[str, visits.Visit]:
    """One visitor opens every page by its URL, one after another, in a new context."""
    ctx = browser.new_context(viewport=visits.VIEWPORT)
    try:
        tab = visits.Tab(ctx)
        return {path: visits.wait([visits.goto(tab, url, path)])[0] for path in pages}
    finally:
        ctx.close()


def session(tab: visits.Tab, url: str, pages: tuple[str, ...]) -> list[visits.Visit]:
    """A student's session: the first page by URL, then each other page from the sidebar."""
    done = visits.wait([visits.goto(tab, url, pages[0])])
    return done + [visits.wait([visits.click(tab, path)])[0] for path in pages[1:]]


def exceptions_of(vs) -> list[str]:
    return [f"{v.path} ({v.exceptions})" for v in vs if v.exceptions]


# --- 4. memory -------------------------------------------------------------------------


def parallel_sessions(
    browser, url: str, n: int, srv: server.Server, pages: tuple[str, ...]
) -> tuple[float, dict]:
    """n contexts go through the site in step; RSS is read while all n are still open."""
    contexts = [browser.new_context(viewport=visits.VIEWPORT) for _ in range(n)]
    try:
        tabs = [visits.Tab(ctx) for ctx in contexts]
        waits = {pages[0]: visits.wait([visits.goto(t, url, pages[0]) for t in tabs])}
        for path in pages[1:]:
            waits[path] = visits.wait([visits.click(t, path) for t in tabs])
        time.sleep(0.5)
        return server.rss_mb(srv), waits
    finally:
        for ctx in contexts:
            ctx.close()


def sequential_sessions(
    browser, url: str, n: int, srv: server.Server, pages: tuple[str, ...]
) -> list[tuple[int, float]]:
    """n sessions one after another, each closed before the next; RSS at every n/5th."""
    step = max(1, n // 5)
    marks, shown = [], []
    for k in range(1, n + 1):
        ctx = browser.new_context(viewport=visits.VIEWPORT)
        try:
            shown += session(visits.Tab(ctx), url, pages)
        finally:
            ctx.close()
        if k % step == 0 or k == n:
            time.sleep(0.5)  # let the server see the websocket close
            marks.append((k, server.rss_mb(srv)))
            note(f"sequential session {k}/{n}: RSS {marks[-1][1]:.0f} MB")
    if bad := exceptions_of(shown):
        print(f"   ! exception boxes during sequential sessions: {', '.join(bad)}")
    return marks


# --- the run ---------------------------------------------------------------------------


def measure_server(args, python: str, tmp: Path, targets: Targets) -> None:
    from playwright.sync_api import sync_playwright

    note(f"starting the server with {python}")
    srv = server.start(args.app_dir, tmp / "streamlit.log", python=python, timeout_s=180)
    try:
        rss_cold = server.rss_mb(srv)
        torch = venv.version_in(python, "torch")
        print(f"\n2. Server cold start to healthy  {srv.started_s:5.2f} s")
        print(f"   python: {python} (torch {'installed, ' + torch if torch else 'not installed'})")
        with sync_playwright() as pw:
            browser = server.launch_chromium(pw)
            try:
                run_browser(args, browser, srv, rss_cold, targets)
            finally:
                browser.close()
    except BaseException:
        print(f"\nserver log (last lines):\n{srv.log_tail()}", file=sys.stderr)
        raise
    finally:
        server.stop(srv)


def run_browser(args, browser, srv: server.Server, rss_cold: float, targets: Targets) -> None:
    url, pages = srv.url, args.pages
    note("first visitor on the cold server")
    first = visitor(browser, url, pages)
    rss_one = server.rss_mb(srv)
    note("a second visitor (warm server)")
    warm = visitor(browser, url, pages)

    print("\n3. Page visits in Chromium, each page opened by its URL, until Streamlit is done")
    print("   (in brackets: when the server's run was over; the rest is the browser drawing)")
    print("   page           first (cold server)      warm (new context)")
    for path in pages:
        f, w = first[path], warm[path]
        print(
            f"   {path:14s} {f.seconds:7.2f} s ({f.run_s:5.2f} s)"
            f"   {w.seconds:9.2f} s ({w.run_s:5.2f} s)"
        )
    if "/gradients" in first:
        grad_s = first["/gradients"].seconds
        tgt = targets.add(
            "cold server: first visit to /gradients",
            f"{grad_s:.2f} s",
            f"< {TARGET_GRADIENTS_FIRST_S:.0f} s",
            grad_s < TARGET_GRADIENTS_FIRST_S,
        )
        print(f"   cold server's first visit to /gradients: {grad_s:.2f} s{tgt}")
    else:
        targets.add("cold server: first visit to /gradients", "-",
                    f"< {TARGET_GRADIENTS_FIRST_S:.0f} s", None)  # fmt: skip
    if bad := exceptions_of([*first.values(), *warm.values()]):
        print(f"   ! exception boxes on: {', '.join(bad)}")
    torch_loaded = server.has_loaded(srv, "libtorch")
    print(f"   torch loaded in the server process: {'yes' if torch_loaded else 'no'}")

    time.sleep(1.0)
    rss_before = server.rss_mb(srv)
    n_par, n_seq = args.sessions_parallel, args.sessions_sequential
    note(f"{n_par} sessions at once")
    rss_par, waits = parallel_sessions(browser, url, n_par, srv, pages)
    time.sleep(1.0)
    rss_par_left = server.rss_mb(srv)
    note(f"{n_seq} sessions one after another")
    marks = sequential_sessions(browser, url, n_seq, srv, pages)

    print("\n4. Server resident memory (VmRSS of the server and its children)")

    def row(label: str, mb: float, tail: str = "") -> None:
        print(f"   {label:48s} {mb:6.0f} MB{tail}")

    row("when healthy, before any visit", rss_cold)
    row("after one visitor saw every page", rss_one)
    row("after a second visitor, both gone", rss_before)
    tgt = targets.add(
        f"RSS with {n_par} sessions open, every page seen",
        f"{rss_par:.0f} MB",
        f"<= {TARGET_RSS_PARALLEL_MB:.0f} MB",
        rss_par <= TARGET_RSS_PARALLEL_MB if n_par == 8 else None,
    )
    if n_par != 8:
        tgt = "   (the target is for 8 sessions)"
    row(f"{n_par} sessions open at once, every page seen", rss_par, tgt)
    row(f"after those {n_par} left", rss_par_left)
    print(f"   waits with {n_par} at once (median / max over sessions):")
    for path, vs in waits.items():
        secs = [v.seconds for v in vs]
        print(f"     {path:14s} {statistics.median(secs):6.2f} s / {max(secs):6.2f} s")
    if bad := exceptions_of(v for vs in waits.values() for v in vs):
        print(f"   ! exception boxes during the parallel sessions: {', '.join(bad)}")
    print(f"   {n_seq} sessions one after another (each a new context, closed after):")
    for k, mb in marks:
        row(f"  after session {k}", mb)
    (k0, mb0), (k1, mb1) = marks[0], marks[-1]
    growth = (mb1 - mb0) / mb0 * 100
    tgt = targets.add(
        f"RSS growth, session {k0} -> {k1}",
        f"{growth:+.1f} %",
        f"< {TARGET_GROWTH_PCT:.0f} %",
        growth < TARGET_GROWTH_PCT if n_seq == 50 else None,
    )
    if n_seq != 50:
        tgt = "   (the target is for 50 sessions)"
    print(f"   growth from session {k0} to {k1}: {growth:+.1f} %{tgt}")
    if k1 > k0:
        print(f"   that is {(mb1 - mb0) / (k1 - k0):+.2f} MB per closed session")
    print("   (Streamlit keeps a closed session for server.disconnectedSessionTTL, 120 s by")
    print("    default, so recent sessions still count in these figures.)")
    row("peak of the server process over the run (VmHWM)", server.peak_rss_mb(srv))

    sizing(args.budget_mb, n_par, rss_before, rss_par, rss_par_left)


def sizing(budget: float, n_par: int, rss_before: float, rss_par: float, rss_par_left: float):
    """Section 5: sessions per replica within budget MB, and how it was computed."""
    print(f"\n5. Sessions per replica within {budget:.0f} MB")
    # RSS moves in lumps (the heap hands pages back and takes them again): of the two
    # readings with no session connected, around the N sessions, the lower is the base.
    base = min(rss_before, rss_par_left)
    per = (rss_par - base) / n_par
    print("   base = RSS of the warm server with no session connected, the lower of before")
    print(f"          and after the {n_par} sessions = min({rss_before:.0f}, {rss_par_left:.0f}) "
          f"= {base:.0f} MB")  # fmt: skip
    print(f"   per session = (RSS with {n_par} open - base) / {n_par} "
          f"= ({rss_par:.0f} - {base:.0f}) / {n_par} = {per:.1f} MB")  # fmt: skip
    # What RSS can resolve: the two no-session readings differ by the heap's lumps alone.
    noise = abs(rss_before - rss_par_left)
    ceiling = max(noise / n_par, 0.5)
    if per < ceiling:
        fit = max(0, math.floor((budget - base) / ceiling))
        print(f"   that is within the noise: with no session connected RSS moved by {noise:.0f} MB")
        print(f"   around the run, {noise / n_par:.1f} MB a session (0.5 MB at the least). With")
        print(f"   {ceiling:.1f} MB as the ceiling of a session: sessions >= floor((budget - base)"
              f" / {ceiling:.1f})")  # fmt: skip
        print(f"   = floor(({budget:.0f} - {base:.0f}) / {ceiling:.1f}) = {fit}")
    else:
        fit = max(0, math.floor((budget - base) / per))
        print(f"   sessions = floor((budget - base) / per session) "
              f"= floor(({budget:.0f} - {base:.0f}) / {per:.1f}) = {fit}")  # fmt: skip
    if base >= budget:
        print(f"   the warm server alone ({base:.0f} MB) does not fit in {budget:.0f} MB")
    print("   (memory only: on 2 cores the waits above may bind first)")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-install", action="store_true", help="skip the fresh-venv part")
    ap.add_argument("--venv", type=Path, help="an existing venv to run the server from")
    ap.add_argument("--python", help="the server's interpreter (overrides --venv)")
    ap.add_argument("--app-dir", type=Path, default=ROOT, help="checkout to serve and install")
    ap.add_argument("--budget-mb", type=float, default=1024.0, help="memory per replica")
    ap.add_argument("--sessions-parallel", type=int, help="sessions at once (default 8)")
    ap.add_argument("--sessions-sequential", type=int, help="sessions in a row (default 50)")
    ap.add_argument("--quick", action="store_true", help="2 at once and 5 in a row")
    ap.add_argument("--pages", nargs="+", default=list(PAGES), metavar="PATH",
                    help="visit only these URL paths, in this order (default: all)")  # fmt: skip
    ap.add_argument("--requirements", type=Path,
                    help="the fresh venv's requirements (default: the app's)")  # fmt: skip
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (venv, logs)")
    args = ap.parse_args(argv)
    par, seq = (2, 5) if args.quick else (8, 50)
    args.sessions_parallel = args.sessions_parallel or par
    args.sessions_sequential = args.sessions_sequential or seq
    if args.sessions_parallel < 1 or args.sessions_sequential < 1:
        ap.error("session counts must be at least 1")
    args.app_dir = args.app_dir.resolve()
    if not (args.app_dir / "app.py").exists():
        ap.error(f"no app.py in {args.app_dir}")
    if unknown := [p for p in args.pages if p not in PAGES]:
        ap.error(f"no page {', '.join(unknown)}; the pages are {' '.join(PAGES)}")
    args.pages = tuple(args.pages)
    args.requirements = (args.requirements or args.app_dir / "requirements.txt").resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not server.CHROMIUM.exists():
        print(f"needs Debian's chromium at {server.CHROMIUM}", file=sys.stderr)
        return 2
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        print(f"needs playwright in {sys.executable} (requirements-dev.txt)", file=sys.stderr)
        return 2
    # A SIGTERM (a maintainer's kill, CI's stop) ends the run through the finally blocks.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    print(f"LSTM Lab footprint: {args.app_dir}")
    print(load_line("at the start"))
    targets = Targets()
    tmp = Path(tempfile.mkdtemp(prefix="footprint-"))
    try:
        fresh = None
        if args.skip_install:
            print("\n1. Fresh venv: skipped (--skip-install)")
            targets.add("runtime install on disk", "-", f"<= {TARGET_INSTALL_MB:.0f} MB", None)
        else:
            fresh = measure_install(tmp, args.requirements, targets)
        if args.python:  # absolute, since the server starts in --app-dir; symlinks kept
            python = os.path.abspath(shutil.which(args.python) or args.python)
        elif args.venv or fresh:
            python = str(venv.python_of((args.venv or fresh).resolve()))
        else:
            python = sys.executable
        if not args.skip_install and (args.python or args.venv):
            print(f"   (the server runs from {python}, not from this fresh venv)")
        measure_server(args, python, tmp, targets)
        targets.print()
        print("\n" + load_line("at the end"))
    finally:
        if args.keep:
            print(f"kept: {tmp} (venv, pip.log, streamlit.log)", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
