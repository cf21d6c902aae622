"""The shared job pool: one computation per key, a bounded number running, a queue with
places, cancellation when nobody follows, a bounded cache of finished runs, and workers
that are processes of their own at a lower priority.

Work runs in other processes, so the work functions here are module-level and talk to the
test through files: a gate opens when the test creates its file, a call leaves a line."""

from __future__ import annotations

import os
import sys
import time
import types
from pathlib import Path

import pytest

from core.jobs import (
    CANCELLED,
    DONE,
    FAILED,
    QUEUED,
    RUNNING,
    WORKER_GONE,
    WORKER_NICENESS,
    JobPool,
)


def wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def counted(log: str, n: int):
    """n records, after leaving a line in log for this call."""
    with open(log, "a") as f:
        f.write("call\n")
    yield from range(n)


def gated(folder: str, n: int):
    """n records, record i only once the file folder/i exists."""
    for i in range(n):
        deadline = time.monotonic() + 20
        while not (Path(folder) / str(i)).exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"gate {i} never opened")
            time.sleep(0.005)
        yield i


def broken():
    yield 1
    raise ValueError("bad config")


def niceness():
    yield os.getpriority(os.PRIO_PROCESS, 0), os.getpid()


def calls(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def open_gates(folder: Path, n: int) -> None:
    for i in range(n):
        (folder / str(i)).touch()


@pytest.fixture
def pool():
    return JobPool(workers=2)


def test_the_same_key_is_computed_once_and_every_follower_sees_the_same_records(pool, tmp_path):
    log = str(tmp_path / "log")
    a = pool.follow(("race", 0), (counted, (log, 5)), "student-a")
    b = pool.follow(("race", 0), (counted, (log, 5)), "student-b")
    assert a is b
    wait_for(lambda: a.state == DONE)
    c = pool.follow(("race", 0), (counted, (log, 5)), "student-c")  # finished: replayed
    assert c is a and calls(tmp_path / "log") == 1
    assert pool.view(a).records == tuple(range(5))
    assert a.followers == {"student-a", "student-b", "student-c"}


def test_at_most_workers_jobs_run_and_the_others_wait_with_their_place(pool, tmp_path):
    gates = [tmp_path / f"g{i}" for i in range(4)]
    for g in gates:
        g.mkdir()
    jobs = [pool.follow(i, (gated, (str(g), 3)), f"s{i}") for i, g in enumerate(gates)]
    wait_for(lambda: pool.running() == 2)
    assert [pool.view(j).position for j in jobs] == [0, 0, 1, 2]
    assert [j.state for j in jobs] == [RUNNING, RUNNING, QUEUED, QUEUED]
    open_gates(gates[0], 3)
    wait_for(lambda: jobs[0].state == DONE and jobs[2].state == RUNNING)
    assert pool.view(jobs[3]).position == 1 and pool.running() == 2
    for g in gates[1:]:
        open_gates(g, 3)
    wait_for(lambda: all(j.state == DONE for j in jobs))
    assert [pool.view(j).records for j in jobs] == [(0, 1, 2)] * 4


def test_a_job_nobody_follows_is_cancelled_and_stops_producing(pool, tmp_path):
    job = pool.follow("k", (gated, (str(tmp_path), 100)), "a")
    pool.follow("k", (gated, (str(tmp_path), 100)), "b")
    open_gates(tmp_path, 2)
    wait_for(lambda: len(job.records) == 2)
    pool.leave("k", "a")
    assert job.state == RUNNING  # b still follows
    pool.leave_all("b")
    assert job.state == CANCELLED
    open_gates(tmp_path, 10)
    time.sleep(0.3)
    assert len(pool.view(job).records) == 2  # nothing kept after the cancel
    # The worker is free again: the next job runs to its end.
    other = pool.follow("next", (counted, (str(tmp_path / "log"), 3)), "a")
    wait_for(lambda: other.state == DONE)


def test_leaving_a_queued_job_frees_its_place_and_following_again_starts_afresh(tmp_path):
    pool = JobPool(workers=1)
    g = [tmp_path / f"g{i}" for i in range(3)]
    for d in g:
        d.mkdir()
    j1 = pool.follow(1, (gated, (str(g[0]), 1)), "a")
    j2 = pool.follow(2, (gated, (str(g[1]), 1)), "b")
    j3 = pool.follow(3, (gated, (str(g[2]), 1)), "c")
    wait_for(lambda: j1.state == RUNNING)
    pool.leave(2, "b")
    assert j2.state == CANCELLED and pool.view(j3).position == 1
    again = pool.follow(2, (gated, (str(g[1]), 1)), "b")
    assert again is not j2 and pool.view(again).position == 2
    for d in g:
        open_gates(d, 1)
    wait_for(lambda: again.state == DONE and j3.state == DONE)
    assert pool.view(again).records == (0,)


def test_a_failing_job_reports_its_error_and_the_pool_goes_on(tmp_path):
    pool = JobPool(workers=1)
    job = pool.follow("bad", (broken, ()), "a")
    wait_for(lambda: job.over)
    view = pool.view(job)
    assert view.state == FAILED and view.records == (1,)
    assert "ValueError" in str(view.error) and "bad config" in str(view.error)
    ok = pool.follow("ok", (counted, (str(tmp_path / "log"), 1)), "a")
    wait_for(lambda: ok.state == DONE)
    assert pool.follow("bad", (broken, ()), "a") is not job  # a failed run is tried again


def test_a_worker_that_dies_fails_its_job_and_a_fresh_one_takes_the_queue(tmp_path):
    """Killed mid-run (as the kernel's OOM killer would): the job says why it ended instead of
    running forever, and the job queued behind it still runs, on a new worker."""
    pool = JobPool(workers=1)
    gates = tmp_path / "gates"
    gates.mkdir()
    job = pool.follow("doomed", (gated, (str(gates), 3)), "a")
    open_gates(gates, 1)
    wait_for(lambda: pool.view(job).records == (0,))
    behind = pool.follow("behind", (counted, (str(tmp_path / "log"), 2)), "b")
    assert pool.view(behind).position == 1
    (slot,) = pool._slots
    slot.process.kill()
    wait_for(lambda: job.over and behind.over)
    view = pool.view(job)
    assert view.state == FAILED and str(view.error) == WORKER_GONE and view.records == (0,)
    assert pool.view(behind).state == DONE and pool.view(behind).records == (0, 1)
    assert len(pool._slots) == 1 and pool._slots[0] is not slot


def test_finished_runs_beyond_keep_are_dropped_oldest_first(tmp_path):
    pool = JobPool(workers=1, keep=2)
    logs = {i: str(tmp_path / f"log{i}") for i in (0, 1, 2, 3, 99)}
    for i in range(4):
        job = pool.follow(i, (counted, (logs[i], 1)), "s")
        wait_for(lambda job=job: job.over)
        pool.leave(i, "s")
    job = pool.follow(99, (counted, (logs[99], 1)), "s")  # trims
    wait_for(lambda: job.over)
    kept = pool.follow(3, (counted, (logs[3], 1)), "t")
    dropped = pool.follow(0, (counted, (logs[0], 1)), "t")
    wait_for(lambda: dropped.over)
    assert kept.state == DONE and calls(Path(logs[3])) == 1  # replayed
    assert calls(Path(logs[0])) == 2  # computed again


def test_workers_are_other_processes_below_the_servers_priority():
    pool = JobPool(workers=1)
    job = pool.follow("nice", (niceness, ()), "a")
    wait_for(lambda: job.over)
    ((priority, pid),) = pool.view(job).records
    base = os.getpriority(os.PRIO_PROCESS, 0)
    assert pid != os.getpid()
    assert priority == min(base + WORKER_NICENESS, 19)


def test_a_worker_does_not_run_the_servers_main_script_again(tmp_path, monkeypatch):
    """Under `streamlit run`, __main__ is the app's entry script; spawn would run it again in
    each worker (Streamlit in bare mode, the app's imports held there for good)."""
    ran = tmp_path / "ran"
    script = tmp_path / "entry.py"
    script.write_text(f"open({str(ran)!r}, 'a').write('ran\\n')\n")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    pool = JobPool(workers=1)
    job = pool.follow("main", (counted, (str(tmp_path / "log"), 3)), "a")
    wait_for(lambda: job.over)
    assert pool.view(job).records == (0, 1, 2)
    assert not ran.exists()
    assert sys.modules["__main__"] is main  # the server's own is put back
