"""Run every benchmark script in scripts/ in turn; each prints its own figures."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Arguments that keep `make bench` within minutes; run a script alone for its full sizes
# (bench_bulk.py's default goes to 1,000,000 rows, about half an hour here).
ARGS = {"bench_bulk.py": ["--rows", "10000,100000"]}


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        if script.name == Path(__file__).name:
            continue
        print(f"\n===== {script.name} =====", flush=True)
        if subprocess.run(
            [sys.executable, str(script), *ARGS.get(script.name, [])], cwd=HERE.parent
        ).returncode:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
