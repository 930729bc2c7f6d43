"""InOrder: database calls on a thread of their own, in order, on the caller's connection."""

import threading

import pytest
from django.db import connections

from gonghui.lib.threads import InOrder


def seen() -> tuple[int, object]:
    return threading.get_ident(), connections["default"]


def test_calls_run_in_order_on_one_other_thread_with_the_callers_connection():
    done: list[int] = []
    db = connections["default"]
    with InOrder(db, depth=2) as calls:
        futures = [calls.submit(done.append, n) for n in range(6)]
        where = calls.submit(seen)
        calls.wait()
    assert done == list(range(6))
    assert all(f.done() for f in futures)
    thread, used = where.result()
    assert thread != threading.get_ident()
    assert used is db


def test_no_more_than_depth_calls_are_left_pending():
    gate = threading.Event()
    with InOrder(connections["default"], depth=1) as calls:
        first = calls.submit(gate.wait, 5)
        assert not first.done()
        gate.set()
        calls.submit(lambda: None)  # beyond the depth: waits for the first
        assert first.done()


def test_an_error_on_the_thread_is_raised_to_the_caller_and_the_thread_is_gone_after():
    def fail() -> None:
        raise ValueError("broken")

    threads = threading.active_count()
    with pytest.raises(ValueError, match="broken"), InOrder(connections["default"], depth=3) as calls:
        calls.submit(fail)
        calls.submit(lambda: None)
        calls.wait()
    assert threading.active_count() == threads  # the pool's thread ended with the block


def test_depth_zero_runs_each_call_at_once_on_the_callers_thread():
    with InOrder(connections["default"], depth=0) as calls:
        thread, used = calls.submit(seen).result()
    assert thread == threading.get_ident()
    assert used is connections["default"]
