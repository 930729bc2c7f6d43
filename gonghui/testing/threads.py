"""Contention tests: many calls released at the same moment, each on its own thread and its
own database connection (SQLite ignores row locks, so these run on PostgreSQL)."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connection

# Well below PostgreSQL's max_connections (100), which the other test worker shares: its
# servers and task workers hold connections of their own while a race runs here.
MAX_THREADS = 40


def run_together(fn: Callable[[int], Any], n: int, *, refused: tuple[type[Exception], ...] = ()) -> list[Any]:
    """fn(0) … fn(n-1), released at once; each result in order. A refusal (an exception of
    `refused`) is returned as "refused", or "refused:<code>" when it names the rule that refused."""
    gate = threading.Event()

    def call(i: int) -> Any:
        gate.wait()
        try:
            return fn(i)
        except refused as refusal:
            code = getattr(refusal, "code", None)
            return f"refused:{code}" if isinstance(code, str) else "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(min(n, MAX_THREADS)) as pool:
        futures = [pool.submit(call, i) for i in range(n)]
        gate.set()
        return [f.result() for f in futures]
