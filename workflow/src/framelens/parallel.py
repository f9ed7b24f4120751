"""Ordered parallel map over worker processes, with bounded memory.

A step given several cores (Snakemake's ``threads:``) hands independent pieces of
work (e.g. batches of corpus rows) to worker processes and takes the results back
in input order, so its output is the same whatever the number of processes.
At most ``window`` pieces are in flight: unlike :meth:`multiprocessing.pool.Pool.imap`,
which reads its whole input ahead, the input is consumed only as results are taken.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["ordered_map"]

T = TypeVar("T")


def ordered_map(fn: Callable[..., T], jobs: Iterable[tuple[Any, ...]], *, processes: int,
                window: int | None = None) -> Iterator[T]:
    """Yield ``fn(*job)`` for each job, in order; with ``processes`` > 1 in that many worker processes.

    ``fn`` and the jobs must be picklable (``fn`` a module-level function). Workers are
    started with "spawn", never forked from a process that may hold threads (Arrow's).
    ``window`` (default 2 × processes) bounds the jobs submitted and not yet taken. With
    one process, the jobs run here, one at a time.
    """
    if processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if processes == 1:
        for job in jobs:
            yield fn(*job)
        return
    window = window or 2 * processes
    with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: deque[Future[T]] = deque()
        try:
            for job in jobs:
                pending.append(pool.submit(fn, *job))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
