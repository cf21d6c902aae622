"""Run every benchmark script in scripts/ in turn; each prints its own figures.

    .venv/bin/python scripts/bench_all.py               # `make bench`: minutes
    .venv/bin/python scripts/bench_all.py --tiny        # each at its smallest: do they run?
    .venv/bin/python scripts/bench_all.py --only bench_race.py bench_gradients.py

--tiny answers "does every benchmark still run?" in about a minute; its figures mean nothing.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Arguments that keep `make bench` within minutes; run a script alone for its full sizes
# (bench_bulk.py's default goes to 1,000,000 rows, about half an hour here).
ARGS = {
    "bench_bulk.py": ["--rows", "10000,100000"],
    # the class of 30 and the 50 sessions in a row take a quarter of an hour: run it alone
    "bench_class.py": ["--sessions", "1", "10", "--no-ttl-wait"],
}

# Each script's smallest sizes: seconds each, figures meaningless, but every line printed.
# fmt: off
TINY = {
    "bench_bulk.py": ["--rows", "20"],
    "bench_class.py": ["--sessions", "1", "--race", "no", "--no-ttl-wait"],
    # the server and one browser visit of the home page; no venv is installed
    "bench_footprint.py": ["--skip-install", "--pages=/", "--sessions-parallel=1",
                           "--sessions-sequential=1"],
    "bench_gradients.py": ["1"],
    "bench_inside.py": ["--per-class", "10", "--max-tokens", "20", "--spans", "5"],
    "bench_light_pages.py": ["--races", "1", "--repeat", "1"],
    "bench_models.py": ["--reviews", "50", "--repeat", "2"],
    "bench_race.py": ["1", "--steps", "5"],
    "bench_sentiment.py": ["--reviews", "50", "--runs", "3"],
    "bench_sentiment_page.py": ["--tokens", "20", "--runs", "2"],
    "bench_train_page.py": ["--reviews", "64", "--epochs", "1"],
}
# fmt: on


def benchmarks() -> list[str]:
    return sorted(p.name for p in HERE.glob("bench_*.py") if p.name != Path(__file__).name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", metavar="SCRIPT", help="these scripts (bench_x.py)")
    ap.add_argument("--tiny", action="store_true", help="each script at its smallest sizes")
    args = ap.parse_args(argv)
    names = benchmarks()
    if unknown := sorted(set(args.only or ()) - set(names)):
        ap.error(f"no benchmark named {', '.join(unknown)} in {HERE}; there are {', '.join(names)}")
    if args.tiny and (missing := [n for n in names if n not in TINY]):
        ap.error(f"{', '.join(missing)} has no tiny arguments: add them to TINY in bench_all.py")
    failed = []
    for name in args.only or names:
        extra = TINY[name] if args.tiny else ARGS.get(name, [])
        print(f"\n===== {name} =====", flush=True)
        if subprocess.run([sys.executable, str(HERE / name), *extra], cwd=HERE.parent).returncode:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
