"""Ordered parallel map over worker processes, and ordered calls in a thread, with bounded memory.

A step given several cores (Snakemake's ``threads:``) hands independent pieces of
work (e.g. batches of corpus rows) to worker processes and takes the results back
in input order, so its output is the same whatever the number of workers.
At most ``window`` pieces are in flight: unlike :meth:`multiprocessing.pool.Pool.imap`,
which reads its whole input ahead, the input is consumed only as results are taken.
A worker whose parent process is gone (killed by Snakemake, a cluster's time limit)
exits within a second instead of working on for nobody.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from framelens.errors import FramelensError

__all__ = ["ordered_map", "WorkerDied", "InOrderCalls"]

T = TypeVar("T")


class WorkerDied(FramelensError):
    """A worker process ended without returning its job's result (killed, out of memory)."""


def ordered_map(fn: Callable[..., T], jobs: Iterable[tuple[Any, ...]], *, workers: int,
                window: int | None = None) -> Iterator[T]:
    """Yield ``fn(*job)`` for each job, in order; computed by ``workers`` worker processes (0: here).

    ``fn`` and the jobs must be picklable (``fn`` a module-level function). Workers are
    started with "spawn", never forked from a process that may hold threads (Arrow's).
    ``window`` (default 2 × workers) bounds the jobs submitted and not yet taken.
    """
    if workers < 0:
        raise ValueError(f"workers must be 0 or more, not {workers}")
    if workers == 0:
        for job in jobs:
            yield fn(*job)
        return
    window = window or 2 * workers
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_exit_with_parent, initargs=(os.getpid(),))
    pending: deque[Future[T]] = deque()
    try:
        for job in jobs:
            pending.append(pool.submit(fn, *job))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as exc:
        raise WorkerDied(f"a worker process of {workers} died before finishing its job (killed, or out of "
                         f"memory?); run again, with fewer processes if memory is short") from exc
    finally:
        # on an error (or when the caller stops early) queued jobs are dropped, not waited for
        pool.shutdown(wait=True, cancel_futures=True)


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: a daemon thread that ends the worker when ``parent`` is no longer its parent."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


class InOrderCalls:
    """``call(item)`` for each item given, in order, in a thread of its own.

    For work that releases the GIL (Arrow compressing and writing a Parquet row
    group): the thread works on one item while the caller prepares the next, so a
    step uses a second core. Besides the item being called, at most ``waiting``
    items wait (0: none, the least memory); :meth:`submit` blocks until there is
    room. An error in ``call`` is raised by the next :meth:`submit` or by
    :meth:`close`, and no later item is called. :meth:`close` waits for every item
    submitted; use it as a context manager, or call :meth:`close` in a ``finally``.
    """

    _END = object()

    def __init__(self, call: Callable[[Any], object], *, waiting: int = 0, name: str = "in-order-calls") -> None:
        if waiting < 0:
            raise ValueError(f"waiting must be 0 or more, not {waiting}")
        import queue

        self._call = call
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._room = threading.Semaphore(waiting + 1)  # items submitted and not yet called through
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True, name=name)
        self._thread.start()
        self._closed = False

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            if self._error is None:
                try:
                    self._call(item)
                except BaseException as exc:  # handed to the caller's thread
                    self._error = exc
            del item  # the item's memory goes now, before there is room for the next one
            self._room.release()

    def submit(self, item: Any) -> None:
        if self._closed:
            raise ValueError("submit after close")
        self._room.acquire()
        if self._error is not None:
            self._room.release()
            raise self._error
        self._queue.put(item)

    def close(self) -> None:
        """Wait for every item submitted; raise the first error of ``call``."""
        if not self._closed:
            self._closed = True
            self._queue.put(self._END)
            self._thread.join()
        if self._error is not None:
            raise self._error

    def __enter__(self) -> InOrderCalls:
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is None:
            self.close()
            return
        try:  # the block's own error wins; the thread is stopped all the same
            self.close()
        except BaseException:
            pass
