"""A fresh venv from requirements.txt alone: how long it takes and what it weighs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Install:
    venv_s: float  # `python -m venv` (with ensurepip)
    pip_s: float  # `pip install -r requirements.txt`

    @property
    def total_s(self) -> float:
        return self.venv_s + self.pip_s


def create(dest: Path, requirements: Path, log_path: Path) -> Install:
    """Make a venv at dest and install requirements into it; pip's output goes to log_path.

    pip runs with the machine's own configuration (its cache, find-links, constraints),
    as `make run` would.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    with open(log_path, "w", encoding="utf-8") as log:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(dest)], check=True, env=env,
                       stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        t1 = time.perf_counter()
        cmd = [str(python_of(dest)), "-m", "pip", "install", "--disable-pip-version-check",
               "--progress-bar", "off", "-r", str(requirements)]  # fmt: skip
        done = subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        t2 = time.perf_counter()
    if done.returncode:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"pip install failed ({done.returncode}):\n{tail}")
    return Install(t1 - t0, t2 - t1)


def python_of(venv: Path) -> Path:
    return venv / "bin" / "python"


def disk_mb(path: Path) -> float:
    """Space path takes on disk (allocated blocks, each hard-linked file once), in MB (2^20)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            st = os.lstat(os.path.join(root, name))
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            total += st.st_blocks * 512
    return total / 2**20


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def largest(venv: Path, n: int = 6) -> list[tuple[str, float]]:
    """The n biggest top-level entries of the venv's site-packages, in MB."""
    sp = site_packages(venv)
    sizes = [
        (p.name, disk_mb(p) if p.is_dir() else p.lstat().st_blocks * 512 / 2**20)
        for p in sp.iterdir()
        if not p.name.endswith((".dist-info", ".pth"))
    ]
    return sorted(sizes, key=lambda x: -x[1])[:n]


def version_in(python: Path | str, dist: str) -> str | None:
    """dist's installed version for that interpreter, read from metadata (nothing imported)."""
    code = (
        "import importlib.metadata as m, sys\n"
        f"try: print(m.version({dist!r}))\n"
        "except m.PackageNotFoundError: sys.exit(3)\n"
    )
    r = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None
