"""Every script in scripts/ runs, at its smallest sizes, and prints its figures.

Each is a subprocess (`python scripts/<name>.py ...`), as a maintainer runs it; the checks read
what it prints: every figure line there, its numbers parseable and sane (a time is positive,
an accuracy lies in [0, 1]). The figures themselves mean nothing at these sizes: speed goals
are read from the scripts' own output at full size, never asserted here.

`@smokes(name)` records which script a test runs; a script in scripts/ without one fails
test_every_script_has_a_smoke_run.
"""

from __future__ import annotations

import ast
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import DATA, ROOT
from tests.support.server import CHROMIUM

SCRIPTS = ROOT / "scripts"
NUMBER = r"([-+]?\d[\d,]*(?:\.\d+)?)"

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)",
)
requires_data = pytest.mark.skipif(
    not (DATA / "data_train" / "test").is_dir(), reason=f"needs the NTC-SCV reviews at {DATA}"
)

SMOKED: dict[str, str] = {}  # script path under scripts/ -> the test that runs it


def smokes(script: str):
    """Record that the decorated test runs scripts/<script>."""

    def mark(fn):
        SMOKED[script] = fn.__name__
        return fn

    return mark


def run(script: str, *args: str, timeout: float = 120) -> str:
    """Run scripts/<script> with args from the repository root; its stdout, once it exited 0."""
    done = subprocess.run(
        [sys.executable, str(SCRIPTS / script), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert done.returncode == 0, (
        f"{script} {' '.join(args)} exited {done.returncode}\n"
        f"stdout:\n{done.stdout[-3000:]}\nstderr:\n{done.stderr[-3000:]}"
    )
    return done.stdout


def line(out: str, pattern: str) -> re.Match:
    """The first line of out matching pattern (a regex); fails naming it when none does."""
    for text in out.splitlines():
        if m := re.search(pattern, text):
            return m
    raise AssertionError(f"no line matches {pattern!r} in:\n{out}")


def number(text: str) -> float:
    """A printed figure (thousands commas allowed) as a finite float."""
    x = float(text.replace(",", ""))
    assert math.isfinite(x), text
    return x


def positive(*texts: str) -> list[float]:
    xs = [number(t) for t in texts]
    assert all(x > 0 for x in xs), texts
    return xs


# ------------------------------------------------------------------ NumPy benchmarks


@smokes("bench_gradients.py")
def test_bench_gradients():
    out = run("bench_gradients.py", "1")
    for case in ("tanh, scale 1 (vanishing)", "relu, scale 2, clip (exploding)"):
        m = line(out, rf"T=200 H=64 {re.escape(case)}: p50 {NUMBER} ms, min {NUMBER}, "
                      rf"max {NUMBER} over 1 runs \(target <= 300 ms: (OK|TOO SLOW)\)")  # fmt: skip
        p50, lo, hi = positive(*m.groups()[:3])
        assert p50 == lo == hi  # one run: its median is its minimum and its maximum
    positive(line(out, rf"T=500 H=128 \(the largest setting\): p50 {NUMBER} ms").group(1))


def accuracies(text: str) -> dict:
    acc = ast.literal_eval(text)
    assert set(acc) == {"RNN", "LSTM"} and all(0 <= a <= 1 for a in acc.values()), acc
    return acc


@smokes("bench_race.py")
def test_bench_race():
    out = run("bench_race.py", "1", "--steps", "5")
    m = line(out, rf"default \(T=50, H=32, 5 steps, batch 32\): p50 {NUMBER} s, .* over 1 runs "
                  r"\(target <= 15 s: (?:OK|TOO SLOW)\); held-out accuracy (\{.*\})$")  # fmt: skip
    number(m.group(1))
    accuracies(m.group(2))
    for T in (5, 100):
        accuracies(line(out, rf"^T={T}: {NUMBER} s; held-out accuracy (\{{.*\}})$").group(2))


@smokes("bench_train_page.py")
def test_bench_train_page():
    out = run("bench_train_page.py", "--reviews", "64", "--epochs", "1")
    line(out, rf"^load average {NUMBER} on \d+ cores")
    for kind in ("bag", "rnn", "lstm"):
        m = line(out, rf"^{kind}: E=\d+ H=\d+ lr=\S+ 1 epochs 64 reviews: cpu {NUMBER} s "
                      rf"\(target <= 30 s: (?:OK|TOO SLOW)\), wall {NUMBER} s; "
                      rf"validation accuracy {NUMBER}")  # fmt: skip
        positive(m.group(1), m.group(2))
        assert 0 <= number(m.group(3)) <= 1
    line(out, r"^lstm: .*\(target >= 0.80: (OK|BELOW)\)$")


@smokes("build_train_subset.py")
@requires_data
def test_build_train_subset(tmp_path):
    """A tiny subset into a temporary folder: balanced counts, a manifest that names them."""
    import json

    out = run("build_train_subset.py", "--train", "6", "--valid", "3", "--seed", "1",
              "--out", str(tmp_path), timeout=300)  # fmt: skip
    m = line(out, r"^train: 12 reviews \(6 positive\), (\d+) tokens")
    assert int(m.group(1)) >= 12
    line(out, r"^valid: 6 reviews \(3 positive\)")
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["seed"] == 1 and manifest["counts"]["valid"]["reviews"] == 6
    assert (tmp_path / "subset.npz").stat().st_size == manifest["file_bytes"]
    assert len(manifest["sources"]["train"]["sha256"]) == 64
    again = tmp_path / "again"
    run("build_train_subset.py", "--train", "6", "--valid", "3", "--seed", "1",
        "--out", str(again), timeout=300)  # fmt: skip
    assert (again / "subset.npz").read_bytes() == (tmp_path / "subset.npz").read_bytes()


# ------------------------------------------------------------------ sentiment benchmarks


@smokes("bench_models.py")
@requires_data
def test_bench_models():
    out = run("bench_models.py", "--reviews", "50", "--repeat", "2")
    line(out, rf"^load average {NUMBER} on \d+ cores")
    for name in ("bag", "rnn", "lstm"):
        m = line(out, rf"^{name}\s+bulk classify:\s+{NUMBER} reviews/s \(50 validation reviews")
        positive(m.group(1))
        m = line(out, rf"^{name}\s+analyze, (\d+) tokens with leave-one-out: "
                      rf"median {NUMBER} ms, p95 {NUMBER} ms")  # fmt: skip
        assert int(m.group(1)) == 200  # the script's review is cut to exactly 200 tokens
        med, p95 = positive(m.group(2), m.group(3))
        assert med <= p95
    inside = r"inside view \(core.nn.cells, checked against analyze's h\): median"
    for name in ("rnn", "lstm"):  # the bag has no recurrent state to trace
        positive(line(out, rf"^{name}\s+{inside} {NUMBER} ms").group(1))
    assert "bag   inside view" not in out


@smokes("bench_sentiment.py")
@requires_data
@pytest.mark.parametrize("form", ["typed", "without diacritics"])
def test_bench_sentiment(form):
    plain = ["--no-diacritics"] if form != "typed" else []
    out = run("bench_sentiment.py", "--reviews", "50", "--runs", "3", *plain)
    positive(line(out, rf"^model load: {NUMBER} s").group(1))
    m = line(out, rf"^validation reviews \({form}\): (\d+); median review: \d+ tokens")
    assert int(m.group(1)) == 50
    p50, p95 = positive(*line(out, rf"end to end: p50 {NUMBER} ms, p95 {NUMBER} ms").groups())
    assert p50 <= p95
    m = line(out, rf"onnxruntime {NUMBER} ms, torch eager {NUMBER} ms -> ORT is {NUMBER}x faster")
    ort, eager, ratio = positive(*m.groups())
    # the ratio is of the unrounded times: within what the printed times' rounding allows
    half = 0.005  # the times are printed to 0.01 ms, the ratio to 0.1
    low, high = (eager - half) / (ort + half), (eager + half) / max(ort - half, 1e-9)
    assert low - 0.05 <= ratio <= high + 0.05, (ort, eager, ratio)
    line(out, rf"^bulk in process: 50 reviews in {NUMBER} s = {NUMBER} reviews/s")
    line(out, rf"python -m core.classify`.*: 50 reviews in {NUMBER} s = {NUMBER} reviews/s")


@smokes("bench_inside.py")
def test_bench_inside():
    out = run("bench_inside.py", "--per-class", "10", "--max-tokens", "20", "--spans", "5")
    assert line(out, r"^states: (\d+) reviews, (\d+) tokens, \d+ units").groups() == ("20", "400")
    build, arrays, grew = (
        number(x)
        for x in line(
            out, rf"^build: {NUMBER} s; arrays {NUMBER} MB; resident grew {NUMBER} MB"
        ).groups()
    )
    assert build > 0 and 0 < arrays < 60
    p50, worst = positive(
        *line(out, rf"^search over 5 spans: p50 {NUMBER} ms, max {NUMBER} ms").groups()
    )
    assert p50 <= worst
    line(out, r"^rankings: .* s; clean: label (yes|no), negation (yes|no)")
    line(out, r"^goal: states <= 60 MB -> (MET|NOT MET); build <= 5 s -> (MET|NOT MET); search")


@smokes("bench_sentiment_page.py")
def test_bench_sentiment_page():
    out = run("bench_sentiment_page.py", "--tokens", "20", "--runs", "2", "--bulk", "30")
    positive(line(out, rf"^load_model \(once per process\): {NUMBER} ms").group(1))
    m = line(out, r"^review: .*, (\d+) tokens, model reads (\d+) \(max_len \d+\)")
    assert int(m.group(1)) >= 20 and int(m.group(2)) >= 20
    rows = [m for m in re.finditer(rf"^(.+?)\s+{NUMBER}ms\s+{NUMBER}ms\s+{NUMBER}ms\s+{NUMBER}ms$",
                                   out, re.M)]  # fmt: skip
    assert len(rows) == 11, out  # 5 steps of core and ui, 3 verdicts, 3 whole pages
    for r in rows:
        med, p90, lo, _cpu = (number(x) for x in r.groups()[1:])
        assert 0 <= lo <= med <= p90, r.group(0)
    line(out, rf"goal: .* 20-token review -> (MET|NOT MET) \(median {NUMBER} ms\)")
    line(out, rf"^bulk: classify 30 reviews in {NUMBER} s = {NUMBER} reviews/s")


@smokes("bench_sentiment_page.py --apptest")
def test_bench_sentiment_page_through_apptest():
    out = run("bench_sentiment_page.py", "--tokens", "20", "--runs", "2", "--apptest")
    m = line(out, rf"^AppTest: one full page rerun .*: median {NUMBER} ms, p90 {NUMBER}, "
                  rf"min {NUMBER}; cpu median {NUMBER} ms")  # fmt: skip
    med, p90, lo = positive(*m.groups()[:3])
    assert lo <= med <= p90


@smokes("bench_bulk.py")
def test_bench_bulk():
    out = run("bench_bulk.py", "--rows", "20")
    line(out, r"^reviews repeated: [\d,]+ \(full, mean \d+ characters\)")
    for n in (1, 20):
        sizes = rf"^\s+{n} rows\s+in\s+{NUMBER} MB\s+out\s+{NUMBER} MB"
        m = line(out, sizes + rf"\s+peak RSS\s+{NUMBER} MB\s+{NUMBER} s wall\s+{NUMBER} rows/s"
                      rf"\s+{NUMBER} rows/CPU-s")  # fmt: skip
        positive(*m.groups()[2:])
        m = line(out, rf"wrote {n} rows to .* \((\d+) ok, (\d+) empty, (\d+) not Vietnamese\)")
        assert sum(map(int, m.groups())) == n
    line(out, rf"^peak RSS: floor \(1 row\) {NUMBER} MB; .* over 20-20 rows")


@smokes("bench_all.py")
def test_bench_all_runs_the_benchmarks_it_is_given():
    out = run("bench_all.py", "--tiny", "--only", "bench_gradients.py", "bench_race.py")
    g, r = out.index("===== bench_gradients.py ====="), out.index("===== bench_race.py =====")
    assert g < r and "===== bench_bulk.py" not in out
    assert "T=500 H=128" in out[g:r] and "held-out accuracy" in out[r:]


def test_bench_all_names_an_unknown_benchmark():
    done = subprocess.run(
        [sys.executable, str(SCRIPTS / "bench_all.py"), "--only", "bench_nothing.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and "no benchmark named bench_nothing.py" in done.stderr


# ------------------------------------------------------------------ a server and a browser


@pytest.mark.e2e
@pytest.mark.slow
@requires_chromium
@smokes("bench_footprint.py")
def test_bench_footprint(tmp_path):
    """A fresh venv from a requirements file that installs nothing (so no network, and
    seconds), the server from this interpreter, one page, one session at once and in a row."""
    empty = tmp_path / "requirements.txt"
    empty.write_text("# nothing: the smoke run times a bare venv\n")
    out = run("bench_footprint.py", "--requirements", str(empty), "--python", sys.executable,
              "--pages", "/", "--sessions-parallel", "1", "--sessions-sequential", "1",
              timeout=240)  # fmt: skip
    headers = ("1. Fresh venv from requirements.txt", "2. Server cold start", "3. Page visits",
               "4. Server resident memory", "5. Sessions per replica", "6. Targets")  # fmt: skip
    for header in headers:
        assert header in out, header
    positive(line(out, rf"install, total\s+{NUMBER} s").group(1))
    positive(line(out, rf"size on disk\s+{NUMBER} MB").group(1))
    assert line(out, r"torch installed\s+(\S+)").group(1) == "no"
    positive(line(out, rf"^2\. Server cold start to healthy\s+{NUMBER} s").group(1))
    positive(*line(out, rf"^\s+/\s+{NUMBER} s \(\s*{NUMBER} s\)\s+{NUMBER} s \(\s*{NUMBER} s\)")
             .groups())  # fmt: skip
    # The site never imports torch, though this interpreter has it.
    assert line(out, r"torch loaded in the server process: (\w+)").group(1) == "no"
    positive(line(out, rf"1 sessions open at once, every page seen\s+{NUMBER} MB").group(1))
    assert int(line(out, r"= floor\(.*\) = (\d+)$").group(1)) >= 0
    line(out, r"cold server: first visit to /gradients\s+-\s+target < 2 s\s+not measured")


CLASS_STEPS = ("home", "sentiment", "classify", "calculator", "race")


def class_row(out: str, n: int, race: str) -> list[str]:
    """The cells of the class table's row for n sessions and race mode (yes or no)."""
    m = line(out, rf"^\| {n} \| {race} \| (.*) \|$")
    return [c.strip() for c in m.group(1).split("|")]


def check_class_row(cells: list[str], race: str) -> None:
    finished, cpu, start, peak, after, *steps, wall = cells
    assert finished == "1/1", cells
    positive(cpu, start, peak, after, wall)
    assert number(start) <= number(peak) and number(after) <= number(peak)
    assert len(steps) == len(CLASS_STEPS), cells
    for name, cell in zip(CLASS_STEPS, steps, strict=True):
        if name == "race" and race == "no":
            assert cell == "—", cells
            continue
        p50, p90, hi = positive(*cell.split(" / "))
        assert p50 == p90 == hi  # one session


@pytest.mark.e2e
@pytest.mark.slow
@requires_chromium
@smokes("bench_class.py")
def test_bench_class_one_student_without_the_race():
    """One student on a fresh server: home, sentiment, own review, calculator; a table row."""
    out = run("bench_class.py", "--sessions", "1", "--race", "no", "--timeout", "120",
              timeout=420)  # fmt: skip
    assert line(out, r"^\| N \| race \| finished \| server CPU s/student")
    check_class_row(class_row(out, 1, "no"), "no")
    assert "| 1 | yes |" not in out
    line(out, rf"^- peak server memory <= 1024 MB \(1 GB\), every run: {NUMBER} MB -> MET")
    assert "did not finish" not in out and "error shown" not in out


@pytest.mark.e2e
@pytest.mark.slow
@requires_chromium
@smokes("bench_light_pages.py")
def test_bench_light_pages_one_pass_alone_and_beside_one_race():
    """Each step timed once alone and once beside one student's race: a row per step, with
    the server's milliseconds, the settled seconds and their ratio, and every target said."""
    out = run("bench_light_pages.py", "--races", "1", "--repeat", "1", timeout=420)
    assert line(out, r"^\| step \| alone: server ms \| alone: settled s \| 1 races: server ms")
    for step in ("home", "calculator", "calculator edit", "sentiment", "classify"):
        cells = line(out, rf"^\| {step} \|").string.strip().strip("|").split("|")[1:]
        a_ms, a_s, b_ms, b_s, ratio = positive(*cells)
        # The ratio is of the unrounded times, which are printed as whole milliseconds, and
        # is itself printed to two decimals: 5 ms beside 151 ms printed 0.04 (5.49 / 150.6)
        low, high = (b_ms - 0.5) / (a_ms + 0.5), (b_ms + 0.5) / max(a_ms - 0.5, 1e-9)
        assert low - 0.005 - 1e-9 <= ratio <= high + 0.005 + 1e-9, (a_ms, b_ms, ratio)
        assert a_s * 1000 > a_ms / 10  # the wait in the browser includes the server's run
    for target in ("a review's rerun on the server", "classify settled", "calculator edit settled",
                   "every step within 2x"):  # fmt: skip
        assert line(out, rf"^- {re.escape(target)}.* -> (MET|NOT MET)$")


# ------------------------------------------------------------------ none without one


def entry_points() -> set[str]:
    """Every script in scripts/ a person runs: top-level *.py, and any module below that has
    an `if __name__ == "__main__"` block (scripts/footprint/ holds bench_footprint's helpers)."""
    top = {p.name for p in SCRIPTS.glob("*.py")}
    below = {
        p.relative_to(SCRIPTS).as_posix()
        for p in SCRIPTS.glob("*/**/*.py")
        if re.search(r"^if __name__ == .__main__.:", p.read_text("utf-8"), re.M)
    }
    return top | below


def test_every_script_has_a_smoke_run():
    smoked = {name.split()[0] for name in SMOKED}
    assert entry_points() - smoked == set(), "scripts without a smoke test in this file"
    assert smoked - entry_points() == set(), "smoke tests of scripts that no longer exist"


def test_the_footprint_helpers_run_inside_bench_footprint():
    """scripts/footprint/ is imported by bench_footprint.py (smoked above), never run alone."""
    helpers = {p.stem for p in (SCRIPTS / "footprint").glob("*.py")} - {"__init__"}
    assert helpers == {"server", "venv", "visits"}
    text = (SCRIPTS / "bench_footprint.py").read_text("utf-8")
    assert "from footprint import server, venv, visits" in text
    assert not any(Path(e).parts[0] == "footprint" for e in entry_points())
