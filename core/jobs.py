"""Deterministic work that a whole class shares: computed once per process, followed by many.

A job is keyed by everything that decides its result (a frozen config, seed included), so
the same key is the same run: thirty students who press Start on the default race share one
computation, and each replays its records at a pace of their own. Work nobody shares waits
for one of a bounded number of workers, in a queue that tells each job its place; a job
that nobody follows any more is cancelled, and finished runs are kept in a bounded cache.
Workers run at a lower CPU priority than the server's page runs, so pages stay light while
training runs.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any

QUEUED, RUNNING, DONE, CANCELLED, FAILED = "queued", "running", "done", "cancelled", "failed"
WORKER_NICENESS = 10  # below the page runs' priority: a verdict is not slowed by a race


@dataclass(eq=False)
class Job:
    """One run: its records so far (append-only), its state and who follows it."""

    key: Hashable
    work: Callable[[], Iterator[Any]]
    records: list[Any] = field(default_factory=list)
    state: str = QUEUED
    error: BaseException | None = None
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
    error: BaseException | None


class JobPool:
    """A bounded number of worker threads running shared, cancellable jobs."""

    def __init__(self, workers: int | None = None, keep: int = 32):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.keep = keep  # finished runs kept for replay; the oldest goes first
        self._lock = threading.Condition()
        self._jobs: OrderedDict[Hashable, Job] = OrderedDict()
        self._queue: list[Job] = []
        self._threads: list[threading.Thread] = []

    def follow(self, key: Hashable, work: Callable[[], Iterator[Any]], follower: str) -> Job:
        """The job for key, started (or queued) if nobody ran it yet; follower now follows it.

        A cancelled or failed run is started afresh; a finished one is replayed as it is.
        """
        with self._lock:
            job = self._jobs.get(key)
            if job is None or job.state in (CANCELLED, FAILED):
                job = Job(key, work)
                self._jobs[key] = job
                self._queue.append(job)
                self._start_worker()
                self._lock.notify()
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
                self._cancel(job)

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

    def _cancel(self, job: Job) -> None:
        if job in self._queue:
            self._queue.remove(job)
        job.state = CANCELLED
        self._lock.notify_all()

    def _trim(self) -> None:
        """Drop the oldest finished or cancelled runs beyond `keep` (never a live one)."""
        over = [k for k, job in self._jobs.items() if job.over and not job.followers]
        for key in over[: max(0, len(self._jobs) - self.keep)]:
            del self._jobs[key]

    def _start_worker(self) -> None:
        self._threads = [t for t in self._threads if t.is_alive()]
        if len(self._threads) < self.workers:
            t = threading.Thread(target=self._work, name="jobpool-worker", daemon=True)
            self._threads.append(t)
            t.start()

    def _work(self) -> None:
        # Linux nices a thread by its own id; elsewhere the priority stays as it is.
        with contextlib.suppress(AttributeError, OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)
        while True:
            with self._lock:
                if not self._queue:
                    self._threads.remove(threading.current_thread())
                    return
                job = self._queue.pop(0)
                job.state = RUNNING
            self._run(job)

    def _run(self, job: Job) -> None:
        try:
            for record in job.work():
                with self._lock:
                    if job.state == CANCELLED:
                        return
                    job.records.append(record)
        except Exception as exc:  # noqa: BLE001 - the follower shows it; the worker goes on
            with self._lock:
                job.state, job.error = FAILED, exc
            return
        with self._lock:
            if job.state == RUNNING:
                job.state = DONE
            self._trim()
