"""The site's server and browser as the footprint measures them.

Started, polled until healthy and stopped by tests/support/server.py, the launcher the
browser tests use too (re-exported here). Measured here, reading only /proc (no psutil):
the server's resident memory is VmRSS of its process and every descendant, and
/proc/PID/maps says whether torch's library is loaded.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from tests.support.server import CHROMIUM, Server, launch_chromium, start, stop

__all__ = [  # the launcher's names, so the benchmark reads server.start(...), server.rss_mb(...)
    "CHROMIUM", "Server", "launch_chromium", "start", "stop",
    "rss_mb", "peak_rss_mb", "has_loaded",
]  # fmt: skip


def rss_mb(srv: Server) -> float:
    """Resident memory of the server and its children, in MB (2^20 bytes)."""
    return sum(_status_kb(pid, "VmRSS") for pid in _tree(srv.proc.pid)) / 1024


def peak_rss_mb(srv: Server) -> float:
    """The server process's high-water mark of resident memory (VmHWM), in MB."""
    return _status_kb(srv.proc.pid, "VmHWM") / 1024


def has_loaded(srv: Server, fragment: str) -> bool:
    """Whether a file whose path contains fragment is mapped into the server process."""
    try:
        return fragment in Path(f"/proc/{srv.proc.pid}/maps").read_text()
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
