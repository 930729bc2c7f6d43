"""Database work on a thread of its own, so the server's part of it overlaps the caller's."""

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper


class InOrder:
    """Runs calls one after another on one thread that uses `db` as its connection (inside the
    caller's transaction, when it is the caller's own), at most `depth` calls ahead of the
    caller: `submit` waits for the oldest call beyond that, and raises what it raised. While
    the server works on a call (a COPY's end, a lookup), the caller's Python goes on; the
    server's answers come back in the order of the calls.

    With depth 0 every call runs at once on the caller's thread. The caller must not use `db`
    itself until `wait` returns; leaving the block after an error cancels the calls not begun
    and waits for the running one, so a rollback never meets a busy connection."""

    def __init__(self, db: BaseDatabaseWrapper, *, depth: int = 1) -> None:
        self.db, self.depth = db, depth
        self.pending: deque[Future] = deque()
        self.pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> "InOrder":
        if self.depth:
            self.db.inc_thread_sharing()
            self.pool = ThreadPoolExecutor(1, initializer=self._use_connection)
        return self

    def __exit__(self, error_type: object, *exc: object) -> None:
        if self.pool is None:
            return
        try:
            if error_type is None:
                self.wait()
        finally:
            self.pool.shutdown(cancel_futures=True)
            self.pending.clear()
            self.db.dec_thread_sharing()

    def _use_connection(self) -> None:
        connections[self.db.alias] = self.db  # the thread's default connection is the caller's

    def submit(self, call: Callable[..., Any], *args: Any) -> Future:
        if self.pool is None:
            done: Future = Future()
            done.set_result(call(*args))
            return done
        self.pending.append(self.pool.submit(call, *args))
        while len(self.pending) > self.depth:
            self.pending.popleft().result()
        return self.pending[-1]

    def wait(self) -> None:
        """Until every call submitted has run; raises the first error."""
        while self.pending:
            self.pending.popleft().result()
