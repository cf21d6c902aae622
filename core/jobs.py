"""Deterministic work that a whole class shares: computed once per process, followed by many.

A job is keyed by everything that decides its result (a frozen config, seed included), so
the same key is the same run: thirty students who press Start on the default race share one
computation, and each replays its records at a pace of their own. Work nobody shares waits
for one of a bounded number of workers, in a queue that tells each job its place; a job
that nobody follows any more is cancelled, and finished runs are kept in a bounded cache.

Each worker is a process of its own, at a lower CPU priority than the server: a training
loop in a thread of the server would hold Python's GIL and slow every page of every student,
however low its priority. A job's work is a generator function and its arguments, both
picklable (a module-level function, a frozen config); its records come back one by one.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any

QUEUED, RUNNING, DONE, CANCELLED, FAILED = "queued", "running", "done", "cancelled", "failed"
WORKER_NICENESS = 10  # below the server's page runs: a verdict is not slowed by a race

Work = tuple[Callable[..., Iterator[Any]], tuple]  # a generator function and its arguments


class WorkFailed(Exception):
    """A job's work raised in its worker, or its worker stopped; the message says which."""


WORKER_GONE = "the worker process stopped (killed, or out of memory) before the run ended"


@dataclass(eq=False)
class Job:
    """One run: its records so far (append-only), its state and who follows it."""

    key: Hashable
    work: Work
    records: list[Any] = field(default_factory=list)
    state: str = QUEUED
    error: WorkFailed | None = None
    followers: set[str] = field(default_factory=set)

    @property
    def over(self) -> bool:
        """Whether no record will ever be added."""
        return self.state in (DONE, CANCELLED, FAILED)


@dataclass(frozen=True)
class View:
    """What one follower sees of a job now: a consistent copy, safe to read while it runs."""

    records: tuple[Any, ...]
    state: str
    position: int  # 0 while running or over; k >= 1: k-th in the queue
    error: WorkFailed | None


def _worker(conn) -> None:
    """A worker process: run each job it is sent, sending back every record, until told to stop.

    Between two records it looks for a "cancel" from the server, so a cancelled run stops
    at its next record.
    """
    os.nice(WORKER_NICENESS)
    while (task := conn.recv()) is not None:
        if task == "cancel":  # came after the run's last record: nothing left to stop
            continue
        fn, args = task
        try:
            for record in fn(*args):
                conn.send(("record", record))
                if conn.poll() and conn.recv() == "cancel":
                    conn.send(("cancelled", None))
                    break
            else:
                conn.send(("done", None))
        except Exception as exc:  # noqa: BLE001 - sent to the server, which shows it
            conn.send(("failed", repr(exc)))


def _start_without_main(process) -> None:
    """Start a spawned process that does not run the parent's __main__ again.

    Spawn runs the parent's main script in the child first. A Streamlit server's __main__
    is the app's entry script, so each worker ran the app in bare mode: Streamlit's
    warnings in the log, and the app's imports held for good in every worker. A worker
    needs only its work's own imports, which unpickling the work brings. Another thread
    (a script run) may set __main__ meanwhile: then it keeps its own, and the child may
    run the app as before.
    """
    main, bare = sys.modules["__main__"], types.ModuleType("__main__")
    sys.modules["__main__"] = bare
    try:
        process.start()
    finally:
        if sys.modules.get("__main__") is bare:
            sys.modules["__main__"] = main


class _Slot:
    """One worker process and the server thread that feeds it jobs and reads their records."""

    def __init__(self, pool: JobPool):
        self.pool = pool
        ctx = multiprocessing.get_context("spawn")  # never fork a server's threads
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child,), daemon=True)
        _start_without_main(self.process)
        child.close()
        threading.Thread(target=self._serve, name="jobpool-slot", daemon=True).start()

    def _serve(self) -> None:
        while self._run(self.pool._next()):
            pass

    def _run(self, job: Job) -> bool:
        """Run job in the worker until it is over; False when the worker died under it."""
        try:
            self._follow(job)
        except (EOFError, OSError):
            self.pool._lost(self, job)
            return False
        return True

    def _follow(self, job: Job) -> None:
        self.conn.send(job.work)
        asked_to_cancel = False
        while True:
            kind, value = self.conn.recv()  # blocks without the GIL
            with self.pool._lock:
                if kind == "record":
                    if job.state == CANCELLED:
                        if not asked_to_cancel:
                            self.conn.send("cancel")
                            asked_to_cancel = True
                        continue
                    job.records.append(value)
                    continue
                if kind == "done" and job.state == RUNNING:
                    job.state = DONE
                elif kind == "failed":
                    job.state, job.error = FAILED, WorkFailed(value)
                self.pool._trim()
                return


class JobPool:
    """A bounded number of worker processes running shared, cancellable jobs."""

    def __init__(self, workers: int | None = None, keep: int = 32):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.keep = keep  # finished runs kept for replay; the oldest goes first
        self._lock = threading.Condition()
        self._jobs: OrderedDict[Hashable, Job] = OrderedDict()
        self._queue: list[Job] = []
        self._slots: list[_Slot] = []

    def follow(self, key: Hashable, work: Work, follower: str) -> Job:
        """The job for key, started (or queued) if nobody ran it yet; follower now follows it.

        A cancelled or failed run is started afresh; a finished one is replayed as it is.
        """
        with self._lock:
            job = self._jobs.get(key)
            if job is None or job.state in (CANCELLED, FAILED):
                job = Job(key, work)
                self._jobs[key] = job
                self._queue.append(job)
                self._lock.notify()
                if len(self._slots) < self.workers:
                    self._slots.append(_Slot(self))
            self._jobs.move_to_end(key)
            job.followers.add(follower)
            self._trim()
            return job

    def leave(self, key: Hashable, follower: str) -> None:
        """follower stops following key's job; a job nobody follows is cancelled."""
        with self._lock:
            job = self._jobs.get(key)
            if job is None:
                return
            job.followers.discard(follower)
            if not job.followers and not job.over:
                if job in self._queue:
                    self._queue.remove(job)
                job.state = CANCELLED

    def leave_all(self, follower: str) -> None:
        """follower (a session that ended) follows nothing any more."""
        with self._lock:
            keys = [k for k, job in self._jobs.items() if follower in job.followers]
        for key in keys:
            self.leave(key, follower)

    def view(self, job: Job) -> View:
        """A consistent copy of job's records and state, and its place in the queue."""
        with self._lock:
            position = self._queue.index(job) + 1 if job in self._queue else 0
            return View(tuple(job.records), job.state, position, job.error)

    def running(self) -> int:
        """How many jobs run now (at most self.workers)."""
        with self._lock:
            return sum(job.state == RUNNING for job in self._jobs.values())

    def _next(self) -> Job:
        """The next queued job, for a worker that is free; waits until there is one."""
        with self._lock:
            while not self._queue:
                self._lock.wait()
            job = self._queue.pop(0)
            job.state = RUNNING
            return job

    def _lost(self, slot: _Slot, job: Job) -> None:
        """slot's worker died running job: the job fails saying so, and a fresh worker takes
        the queue (unless the server itself is exiting, which is what stopped the worker)."""
        with self._lock:
            if not job.over:
                job.state, job.error = FAILED, WorkFailed(WORKER_GONE)
            self._slots.remove(slot)
            if self._queue and threading.main_thread().is_alive():
                self._slots.append(_Slot(self))
            self._trim()

    def _trim(self) -> None:
        """Drop the oldest finished or cancelled runs beyond `keep` (never a live one)."""
        over = [k for k, job in self._jobs.items() if job.over and not job.followers]
        for key in over[: max(0, len(self._jobs) - self.keep)]:
            del self._jobs[key]
