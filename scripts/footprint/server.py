"""A `streamlit run app.py` of our own: started, polled until healthy, measured, stopped.

Only /proc is read (no psutil): the server's resident memory is VmRSS of its process
and every descendant, and /proc/PID/maps says whether torch's library is loaded.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    """A localhost port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running server: its URL, process, log file and seconds from launch to healthy."""

    url: str
    proc: subprocess.Popen
    log_path: Path
    started_s: float = field(default=0.0)

    def log_tail(self, n: int = 3000) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-n:]

    def rss_mb(self) -> float:
        """Resident memory of the server and its children, in MB (2^20 bytes)."""
        return sum(_status_kb(pid, "VmRSS") for pid in _tree(self.proc.pid)) / 1024

    def peak_rss_mb(self) -> float:
        """The server process's high-water mark of resident memory (VmHWM), in MB."""
        return _status_kb(self.proc.pid, "VmHWM") / 1024

    def has_loaded(self, fragment: str) -> bool:
        """Whether a file whose path contains fragment is mapped into the server process."""
        try:
            return fragment in Path(f"/proc/{self.proc.pid}/maps").read_text()
        except OSError:
            return False


def _tree(pid: int) -> list[int]:
    """pid and all its descendants, from /proc/PID/task/TID/children."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):  # the task ended meanwhile
                todo.extend(int(c) for c in (task / "children").read_text().split())
    return out


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def start(python: str, app_dir: Path, log_path: Path, timeout_s: float = 180) -> Server:
    """Launch the server with python from app_dir and return once /_stcore/health says 200.

    The process leads its own process group, so stop() ends it and anything it spawned.
    """
    port = free_port()
    cmd = [
        python, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    # The driver's own venv must not leak into a server that runs from another venv.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PYTHONUNBUFFERED"] = "1"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            cmd, cwd=app_dir, stdout=log, stderr=subprocess.STDOUT, env=env,
            start_new_session=True,
        )  # fmt: skip
    srv = Server(url, proc, log_path)
    deadline = t0 + timeout_s
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{srv.log_tail()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.perf_counter() > deadline:
                raise RuntimeError(f"not healthy after {timeout_s:.0f} s:\n{srv.log_tail()}")
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
