"""Memory and speed of the bulk command at any size, printed as figures (not a timed test).

    .venv/bin/python scripts/bench_bulk.py [--rows 10000,100000,1000000] [--text full|short]

For each size a CSV (id, text, stars) is made by repeating the 10,000 validation
reviews (typed form: underscores as spaces; made-up reviews without the data folder),
then `python -m core.classify` runs on it as a child process. Its peak resident
memory is the child's own getrusage record (os.wait4 returns it, so one run's peak is
not mixed with another's); rows/s is per wall second and per CPU second (the steadier
figure on a shared machine). A 1-row run gives the floor: the model and langid loaded,
no rows held. Flat memory means the peaks stay near that floor at every size.

The default sizes are the issue's (10k to 1M rows); on this shared 2-core machine the
1M run takes about half an hour (`--rows 10000,100000` for a quick look).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ntc-scv"

MADE_UP = [
    "Quán này đồ ăn ngon , nhân viên dễ thương , sẽ quay lại .",
    "Phục vụ chậm , đồ ăn nguội , không bao giờ quay lại .",
    "Giá hơi cao nhưng không gian đẹp , cà phê thơm .",
    "quan nay ngon lam , gia re , phuc vu nhanh",
    "The coffee is great and the staff are friendly .",
    "Bún chả ở đây ngon , nước chấm vừa miệng 👍👍",
]


def reviews(data: Path, short: bool) -> list[str]:
    """The validation reviews (or made-up ones), optionally cut to their first 20 words."""
    files = sorted((data / "data_train" / "test").glob("*/*.txt"))
    texts = [f.read_text(encoding="utf-8").replace("_", " ") for f in files] or MADE_UP
    return [" ".join(t.split()[:20]) for t in texts] if short else texts


def make_input(path: Path, n: int, texts: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["id", "text", "stars"])
        for k, text in zip(range(n), itertools.cycle(texts)):
            w.writerow([k, text, k % 5 + 1])


def run(src: Path, out: Path) -> dict:
    """One run of the command: peak RSS (MB), wall and CPU seconds, the rows it wrote."""
    err = out.with_suffix(".log")
    with err.open("w") as log:
        t0 = time.perf_counter()
        p = subprocess.Popen(
            [sys.executable, "-m", "core.classify", str(src), str(out)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        _, status, usage = os.wait4(p.pid, 0)  # this child's own rusage, peak RSS included
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    tail = err.read_text(encoding="utf-8").strip().splitlines()[-1:]
    if p.returncode != 0:
        raise SystemExit(f"classify failed on {src.name}: {tail}")
    return {
        "rss_mb": usage.ru_maxrss / 1024,  # KiB on Linux
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "summary": tail[0] if tail else "",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="10000,100000,1000000", help="comma-separated sizes")
    ap.add_argument("--text", choices=["full", "short"], default="full")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--dir", type=Path, default=None, help="where the files go (default: temp)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.rows.split(",")]
    texts = reviews(args.data, args.text == "short")
    mean = sum(map(len, texts)) / len(texts)
    print(f"reviews repeated: {len(texts):,} ({args.text}, mean {mean:.0f} characters)")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        tmp = Path(tmp)
        rows = []
        for n in [1, *sizes]:
            src, out = tmp / f"in_{n}.csv", tmp / f"out_{n}.csv"
            make_input(src, n, texts)
            r = run(src, out)
            r.update(n=n, in_mb=src.stat().st_size / 2**20, out_mb=out.stat().st_size / 2**20)
            rows.append(r)
            print(
                f"{n:>9,} rows  in {r['in_mb']:7.1f} MB  out {r['out_mb']:7.1f} MB  "
                f"peak RSS {r['rss_mb']:6.1f} MB  {r['wall']:7.1f} s wall  "
                f"{n / r['wall']:6,.0f} rows/s  {n / r['cpu']:6,.0f} rows/CPU-s",
                flush=True,
            )
            if r["summary"]:
                print(f"           {r['summary']}", flush=True)
            src.unlink()
            out.unlink()
    floor = rows[0]["rss_mb"]
    peaks = [r["rss_mb"] for r in rows[1:]]
    print(
        f"peak RSS: floor (1 row) {floor:.1f} MB; {min(peaks):.1f}-{max(peaks):.1f} MB over "
        f"{sizes[0]:,}-{sizes[-1]:,} rows (spread {max(peaks) - min(peaks):.1f} MB)"
    )


if __name__ == "__main__":
    main()
