"""The shared job pool: one computation per key, a bounded number running, a queue with
places, cancellation when nobody follows, a bounded cache of finished runs."""

from __future__ import annotations

import os
import threading
import time

import pytest

from core.jobs import CANCELLED, DONE, FAILED, QUEUED, RUNNING, WORKER_NICENESS, JobPool


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


class Gate:
    """Work that yields n records, each only when the test lets it."""

    def __init__(self, n=3):
        self.n, self.calls, self.sem = n, 0, threading.Semaphore(0)

    def __call__(self):
        self.calls += 1
        for i in range(self.n):
            assert self.sem.acquire(timeout=10)
            yield i

    def release(self, k=1):
        for _ in range(k):
            self.sem.release()


def test_the_same_key_is_computed_once_and_every_follower_sees_the_same_records():
    pool, calls = JobPool(workers=2), []

    def work():
        calls.append(1)
        yield from range(5)

    a = pool.follow(("race", 0), work, "student-a")
    b = pool.follow(("race", 0), work, "student-b")
    assert a is b
    wait_for(lambda: a.state == DONE)
    c = pool.follow(("race", 0), work, "student-c")  # a finished run is replayed, not rerun
    assert c is a and len(calls) == 1
    assert pool.view(a).records == tuple(range(5)) and a.followers == {
        "student-a",
        "student-b",
        "student-c",
    }


def test_at_most_workers_jobs_run_and_the_others_wait_with_their_place():
    pool = JobPool(workers=2)
    gates = [Gate() for _ in range(4)]
    jobs = [pool.follow(i, g, f"s{i}") for i, g in enumerate(gates)]
    wait_for(lambda: pool.running() == 2)
    assert [pool.view(j).position for j in jobs] == [0, 0, 1, 2]
    assert [j.state for j in jobs] == [RUNNING, RUNNING, QUEUED, QUEUED]
    gates[0].release(3)
    wait_for(lambda: jobs[0].state == DONE and jobs[2].state == RUNNING)
    assert pool.view(jobs[3]).position == 1 and pool.running() == 2
    for g in gates[1:]:
        g.release(3)
    wait_for(lambda: all(j.state == DONE for j in jobs))
    assert [pool.view(j).records for j in jobs] == [(0, 1, 2)] * 4


def test_a_job_nobody_follows_is_cancelled_and_stops_producing():
    pool = JobPool(workers=1)
    gate = Gate(n=100)
    job = pool.follow("k", gate, "a")
    pool.follow("k", gate, "b")
    gate.release(2)
    wait_for(lambda: len(job.records) == 2)
    pool.leave("k", "a")
    assert job.state == RUNNING  # b still follows
    pool.leave_all("b")
    assert job.state == CANCELLED
    gate.release(5)
    time.sleep(0.05)
    assert len(pool.view(job).records) <= 3  # at most the record in flight when it stopped


def test_leaving_a_queued_job_frees_its_place_and_following_again_starts_afresh():
    pool = JobPool(workers=1)
    first, second, third = Gate(), Gate(), Gate()
    j1 = pool.follow(1, first, "a")
    j2 = pool.follow(2, second, "b")
    j3 = pool.follow(3, third, "c")
    wait_for(lambda: j1.state == RUNNING)
    pool.leave(2, "b")
    assert j2.state == CANCELLED and pool.view(j3).position == 1
    again = pool.follow(2, second, "b")
    assert again is not j2 and pool.view(again).position == 2
    first.release(3)
    third.release(3)
    second.release(3)
    wait_for(lambda: again.state == DONE and j3.state == DONE)
    assert second.calls == 1  # the cancelled one never ran


def test_a_failing_job_reports_its_error_and_the_pool_goes_on():
    pool = JobPool(workers=1)

    def broken():
        yield 1
        raise ValueError("bad config")

    job = pool.follow("bad", broken, "a")
    wait_for(lambda: job.over)
    view = pool.view(job)
    assert view.state == FAILED and view.records == (1,) and isinstance(view.error, ValueError)
    ok = pool.follow("ok", lambda: iter([7]), "a")
    wait_for(lambda: ok.state == DONE)
    assert pool.follow("bad", broken, "a") is not job  # a failed run is tried again


def test_finished_runs_beyond_keep_are_dropped_oldest_first():
    pool, calls = JobPool(workers=1, keep=2), []

    def work(i):
        def run():
            calls.append(i)
            yield i

        return run

    for i in range(4):
        job = pool.follow(i, work(i), "s")
        wait_for(lambda job=job: job.over)
        pool.leave(i, "s")
    pool.follow(99, work(99), "s")  # trims
    wait_for(lambda: len(calls) == 5)
    pool.follow(3, work(3), "t")  # kept: replayed
    pool.follow(0, work(0), "t")  # dropped: computed again
    wait_for(lambda: calls.count(0) == 2)
    assert calls.count(3) == 1


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="POSIX priorities only")
def test_workers_run_below_the_pages_priority():
    pool, seen = JobPool(workers=1), []
    base = os.getpriority(os.PRIO_PROCESS, 0)

    def work():
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        yield 0

    job = pool.follow("nice", work, "a")
    wait_for(lambda: job.over)
    assert seen == [min(base + WORKER_NICENESS, 19)]
    assert os.getpriority(os.PRIO_PROCESS, 0) == base  # the server's own threads untouched
