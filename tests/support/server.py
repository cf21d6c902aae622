"""The site run for a browser: `streamlit run app.py` on a free localhost port, and the
Chromium that visits it.

One home for the browser tests (tests/e2e/) and the measuring scripts (scripts/footprint/,
scripts/bench_class.py): they drive the same site with the same launcher. Standard library
only, no pytest: a script imports it as it is.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")

# Debian's Chromium: Playwright may not download its own browser here.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_chromium(playwright):
    """Headless Debian Chromium from a sync or an async Playwright (await it in the latter)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
    )


def free_port() -> int:
    """A localhost port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running `streamlit run`: its URL, process, log file and seconds from launch to healthy."""

    url: str
    proc: subprocess.Popen
    log_path: Path
    started_s: float = 0.0

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, n: int = 3000) -> str:
        return self.log()[-n:]


def start(
    app_dir: Path, log_path: Path, python: str = sys.executable, timeout_s: float = 90
) -> Server:
    """Launch `python -m streamlit run app.py` from app_dir; return once /_stcore/health says 200.

    The process leads its own process group, so stop() ends it and anything it spawned.
    """
    port = free_port()
    cmd = [
        python, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    # The caller's venv must not leak into a server that may run from another one, and a
    # PYTHONPATH would let a copy of the app import the repository's modules instead of its own.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PYTHONUNBUFFERED"] = "1"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            cmd, cwd=app_dir, stdout=log, stderr=subprocess.STDOUT, env=env,
            start_new_session=True,
        )  # fmt: skip
    srv = Server(f"http://127.0.0.1:{port}", proc, log_path)
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{srv.log_tail()}")
            try:
                with urllib.request.urlopen(f"{srv.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.perf_counter() - t0 > timeout_s:
                raise RuntimeError(f"streamlit not healthy after {timeout_s:.0f} s:\n{srv.log()}")
            time.sleep(0.05)
    except BaseException:
        stop(srv)
        raise
    srv.started_s = time.perf_counter() - t0
    return srv


def stop(srv: Server) -> None:
    """SIGTERM the server's process group, SIGKILL it if it lingers past 15 s."""
    if srv.proc.poll() is not None:
        return
    try:
        os.killpg(srv.proc.pid, signal.SIGTERM)
        srv.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(srv.proc.pid, signal.SIGKILL)
        srv.proc.wait(timeout=15)
    except ProcessLookupError:
        pass


@contextmanager
def streamlit_server(app_dir: Path, log_path: Path, **kwargs) -> Iterator[Server]:
    """start() the site from app_dir for the length of a with-block, then stop() it."""
    srv = start(app_dir, log_path, **kwargs)
    try:
        yield srv
    finally:
        stop(srv)
