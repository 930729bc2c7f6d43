"""Reads that may go to a streaming read replica (docs/scale-out.md, "Read replica").

Only when DATABASE_REPLICA_URL is set (settings then add the "replica" alias, this router and
the middleware); without it nothing here runs. The rules:

- every write goes to the primary ("default"), and so does every read, except
- the reads of a request whose view is one of REPLICA_READ_VIEWS (dashboards, KPIs, exports,
  the review, public boards), a GET or HEAD, and of a block under `use_replica()` (commands):
  those go to the replica, unless
- the browser wrote within the last REPLICA_PIN_SECONDS (it sent a POST, PUT, PATCH or DELETE:
  a GET writes no one's data here, only caches): a cookie pins its reads to the primary, so it
  reads its own writes; or
- the primary is inside a transaction in this thread (a service reading what it will write), or
  the request or block has written (a page that computes and stores what it then reads); or
- the replica is behind by more than REPLICA_MAX_LAG_SECONDS (it has not yet replayed WAL it
  received that long ago), or cannot be reached: checked at most every REPLICA_CHECK_SECONDS per
  process. A view that fails on the replica's connection
  is run again on the primary, so a replica that goes away mid-request costs a retry, not a 500.
"""

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponseBase

REPLICA = "replica"
PIN_COOKIE = "gonghui_primary"
SAFE_METHODS = ("GET", "HEAD")
log = logging.getLogger(__name__)

# Where the replica stands: its WAL received and replayed (bytes), whether it is streaming, and
# the age of the last transaction it replayed (what counts when it is not streaming).
STATE_SQL = """
SELECT pg_is_in_recovery(),
       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), '0/0')::float8,
       pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::float8,
       EXISTS (SELECT 1 FROM pg_stat_wal_receiver),
       EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8
"""

_reads: ContextVar[bool] = ContextVar("gonghui_replica_reads", default=False)


@dataclass
class _Health:
    fresh: bool = False
    checked_at: float = float("-inf")
    lag_s: float | None = None
    # (when, WAL received by then) at each check: the replay lag is how long ago the replica had
    # received WAL it has still not replayed. The age of the last replayed transaction would
    # not do: a long import commits once, and that age grows while the replica keeps up.
    received: deque[tuple[float, float]] = field(default_factory=lambda: deque(maxlen=600))


_health = _Health()
_health_lock = threading.Lock()


def configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_fresh() -> bool:
    """Whether the replica is up and close enough, asked at most every REPLICA_CHECK_SECONDS."""
    if not configured():
        return False
    now = time.monotonic()
    if now - _health.checked_at < settings.REPLICA_CHECK_SECONDS:
        return _health.fresh
    with _health_lock:
        if now - _health.checked_at >= settings.REPLICA_CHECK_SECONDS:
            lag = _probe()
            _health.lag_s, _health.fresh = lag, lag is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS
            _health.checked_at = time.monotonic()
            if not _health.fresh:
                why = "unreachable" if lag is None else f"{lag:.1f}s behind"
                log.warning("read replica not used: %s", why)
    return _health.fresh


def _probe() -> float | None:
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            cursor.execute(STATE_SQL)
            row = cursor.fetchone()
    except DatabaseError:
        _close(connection)
        return None
    in_recovery, received, replayed, streaming, replayed_age = row
    return lag_seconds(
        _health.received, time.monotonic(), in_recovery, received, replayed, streaming, replayed_age
    )


def lag_seconds(
    history: deque[tuple[float, float]],
    now: float,
    in_recovery: bool,
    received: float | None,
    replayed: float | None,
    streaming: bool,
    replayed_age: float | None,
) -> float:
    """How far behind the replica's replay is, in seconds (see _Health.received)."""
    if not in_recovery:
        return 0.0
    if not streaming or received is None or replayed is None:
        history.clear()
        return replayed_age if replayed_age is not None else float("inf")
    if received > replayed and not history:
        # WAL not replayed, first seen now: it came after the last transaction replayed, so it is
        # at most that old (an upper bound; the next check knows better). A standby that has
        # replayed no transaction since it started gives no bound: too old until replayed.
        age = float("inf") if replayed_age is None else replayed_age
        history.append((now - age, received))
    else:
        history.append((now, received))
    while history and history[0][1] <= replayed:
        history.popleft()
    return now - history[0][0] if history else 0.0


def mark_down() -> None:
    """The replica failed a query: the primary serves until the next check."""
    _health.fresh, _health.checked_at, _health.lag_s = False, time.monotonic(), None
    _close(connections[REPLICA])


def _close(connection: Any) -> None:
    try:
        connection.close()
    except DatabaseError:
        connection.connection = None


@contextmanager
def use_replica() -> Iterator[bool]:
    """Reads in this block (a command, an export task) go to the replica if it is fresh; yields
    whether they do. Writes and reads inside a primary transaction still go to the primary."""
    token = _reads.set(replica_fresh())
    try:
        yield _reads.get()
    finally:
        _reads.reset(token)


@contextmanager
def reads_on_replica() -> Iterator[None]:
    """Reads in this block go to the replica, without asking whether it is fresh (the middleware
    asked when the request began)."""
    token = _reads.set(True)
    try:
        yield
    finally:
        _reads.reset(token)


def reading_replica() -> bool:
    return _reads.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block


class ReplicaRouter:
    """The database router of DATABASE_ROUTERS: replica reads where the context allows them."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        return REPLICA if reading_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model: type, **hints: Any) -> str:
        _reads.set(False)  # what this request or block wrote, it reads back from the primary
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the primary's rows: an object read there may point to one read here.
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {DEFAULT_DB_ALIAS, REPLICA} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None


def pinned(request: HttpRequest) -> bool:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, 0)) > time.time()
    except ValueError:
        return False


def replica_view(view_name: str) -> bool:
    return any(fnmatchcase(view_name, pattern) for pattern in settings.REPLICA_READ_VIEWS)


class ReplicaReadsMiddleware:
    """Sends the reads of REPLICA_READ_VIEWS to the replica (see the module's rules) and pins a
    browser that wrote to the primary for REPLICA_PIN_SECONDS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        reads = _reads.set(False)
        try:
            response = self.get_response(request)
            on_replica = _reads.get()
        finally:
            _reads.reset(reads)
        if on_replica and response.streaming:
            response.streaming_content = _on_replica(response.streaming_content)  # type: ignore[attr-defined]
        if request.method not in SAFE_METHODS:
            seconds = settings.REPLICA_PIN_SECONDS
            response.set_cookie(PIN_COOKIE, str(int(time.time() + seconds)), max_age=seconds, httponly=True)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        match = request.resolver_match
        if (
            request.method in SAFE_METHODS
            and match is not None
            and replica_view(match.view_name)
            and not pinned(request)
            and replica_fresh()
        ):
            _reads.set(True)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponseBase | None:
        """A query on the replica failed (it stopped, or a recovery conflict cancelled it): run
        the view again on the primary. Only safe methods get here, so a retry writes nothing twice.
        Any database error counts: a server stopped mid-reply may surface as a plain
        DatabaseError from psycopg, not only as OperationalError; a real bug fails again on the
        primary and is reported from there."""
        if not (_reads.get() and isinstance(exception, DatabaseError)):
            return None
        match = request.resolver_match
        if match is None:
            return None
        log.warning("read replica failed (%s): the primary answers", exception)
        mark_down()
        _reads.set(False)
        response = match.func(request, *match.args, **match.kwargs)
        render = getattr(response, "render", None)
        return render() if callable(render) else response


def _on_replica(chunks: Iterable[Any]) -> Iterator[Any]:
    """A streamed export reads as it is sent, after the view returned: on the replica too."""
    iterator = iter(chunks)
    try:
        while True:
            with reads_on_replica():
                try:
                    chunk = next(iterator)
                except StopIteration:
                    return
            yield chunk
    finally:
        if close := getattr(iterator, "close", None):
            close()
