"""framelens.parallel.ordered_map: results in input order, errors raised, input read lazily,
workers gone with their parent. InOrderCalls: calls in order in another thread, bounded, errors raised."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from framelens.parallel import InOrderCalls, WorkerDied, ordered_map


def _square_after(x: int, delay: float) -> tuple[int, int]:
    time.sleep(delay)
    return x, x * x


def _fail_on(x: int) -> int:
    if x == 3:
        raise ValueError(f"bad job {x}")
    return x


@pytest.mark.parametrize("workers", [0, 1, 2])
def test_results_come_in_input_order(workers):
    # later jobs finish first (shorter delays): the order must still be the input's
    jobs = [(i, 0.05 * (5 - i)) for i in range(6)]
    assert list(ordered_map(_square_after, jobs, workers=workers)) == [(i, i * i) for i in range(6)]


@pytest.mark.parametrize("workers", [0, 2])
def test_an_error_in_a_job_is_raised_to_the_caller(workers):
    with pytest.raises(ValueError, match="bad job 3"):
        list(ordered_map(_fail_on, [(i,) for i in range(8)], workers=workers))


def _die_on(x: int) -> int:
    if x == 2:
        os._exit(3)  # as if killed: no exception, no result
    return x


def test_a_worker_that_dies_is_a_clear_error():
    with pytest.raises(WorkerDied, match="worker process of 2 died before finishing its job"):
        list(ordered_map(_die_on, [(i,) for i in range(6)], workers=2))


def test_the_input_is_read_only_as_results_are_taken():
    consumed = []

    def jobs():
        for i in range(100):
            consumed.append(i)
            yield (i, 0.0)

    results = ordered_map(_square_after, jobs(), workers=2, window=3)
    assert next(results) == (0, 0)
    assert len(consumed) == 3  # the window, not the whole input
    assert next(results) == (1, 1) and len(consumed) == 4
    results.close()
    with pytest.raises(ValueError, match="workers must be 0 or more"):
        list(ordered_map(_fail_on, [], workers=-1))


PARENT = textwrap.dedent("""\
    import sys, time
    from framelens.parallel import ordered_map
    from tests.test_parallel import _square_after
    for x in ordered_map(_square_after, ((i, 0.5) for i in range(10_000)), workers=2):
        print("result", x, flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=repo, stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout.readline().startswith("result")  # the workers are up and working
        workers = _children(parent.pid)
        assert len(workers) == 2
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    # each worker notices within about a second; allow far more on a loaded machine
    for _ in range(100):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-ww", "-o", "pid=,ppid=,args=", "-A"], capture_output=True, text=True).stdout
    return [int(line.split()[0]) for line in out.splitlines()
            if int(line.split()[1]) == pid and "spawn_main" in line]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:  # a zombie (reaped later by init) is not working
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc (macOS): ask the kernel
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False


def test_in_order_calls_run_every_item_in_order_in_another_thread():
    seen = []
    with InOrderCalls(lambda item: seen.append((item, threading.get_ident())), waiting=2) as calls:
        for i in range(50):
            calls.submit(i)
    assert [item for item, _ in seen] == list(range(50))
    assert {ident for _, ident in seen} != {threading.get_ident()} and len({ident for _, ident in seen}) == 1


@pytest.mark.parametrize("waiting", [0, 1])
def test_in_order_calls_hold_at_most_the_waiting_items_given(waiting):
    release = threading.Event()
    started = threading.Event()

    def call(item):
        started.set()
        release.wait()

    calls = InOrderCalls(call, waiting=waiting)
    calls.submit(0)  # taken by the thread, which blocks in call
    assert started.wait(5)
    for i in range(waiting):
        calls.submit(1 + i)  # they wait
    blocked = threading.Thread(target=calls.submit, args=(99,))
    blocked.start()
    blocked.join(0.3)
    assert blocked.is_alive()  # no room: this submit waits until item 0 is done
    release.set()
    blocked.join(5)
    assert not blocked.is_alive()
    calls.close()


def test_in_order_calls_raise_the_first_error_and_call_nothing_after_it():
    called = []

    def call(item):
        called.append(item)
        if item == 3:
            raise OSError(f"disk full at {item}")

    calls = InOrderCalls(call)
    with pytest.raises(OSError, match="disk full at 3"):
        for i in range(100):
            calls.submit(i)
        calls.close()
    calls._thread.join(5)
    assert called == [0, 1, 2, 3]
    with pytest.raises(OSError, match="disk full at 3"):  # close raises it too
        calls.close()


def test_in_order_calls_stop_when_the_block_fails_and_its_error_wins():
    called = []
    with pytest.raises(KeyError, match="caller"):
        with InOrderCalls(lambda item: called.append(item) or (_ for _ in ()).throw(ValueError("thread"))) as calls:
            calls.submit(1)
            raise KeyError("caller")
    assert called == [1] and not calls._thread.is_alive()
    with pytest.raises(ValueError, match="waiting must be 0 or more"):
        InOrderCalls(print, waiting=-1)
