"""FT-2: the database failing under a request. A connection ended by the server in the middle of
a request is a clean 503 page in Chinese, and the next request works without a restart;
statement_timeout and lock_timeout shed requests stuck behind a lock instead of piling them
up. Real requests over HTTP to the live server (one thread and connection per request)."""

import http.client
import time
from collections.abc import Iterator
from contextlib import contextmanager
from threading import Thread
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from gonghui.testing import run_together
from gonghui.testing.clusters import free_port

from .faults import backends_waiting_on_locks, pg_connect, start_manage, stop, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def session_cookie(district) -> str:
    client = Client()
    client.force_login(district.users["district"])
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def get(server, path: str, cookie: str) -> tuple[int, dict[str, str], str, float]:
    """One GET over HTTP, redirects not followed: (status, headers, body, seconds)."""
    address = urlsplit(getattr(server, "url", server))
    started = time.monotonic()
    conn = http.client.HTTPConnection(address.hostname or "", address.port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": cookie, "Accept-Language": "zh-hans"})
        response = conn.getresponse()
        body = response.read().decode()
        return response.status, dict(response.getheaders()), body, time.monotonic() - started
    finally:
        conn.close()


@contextmanager
def sessions_locked() -> Iterator[Any]:
    """Another connection holds the session table: every signed-in request waits for it."""
    with pg_connect(autocommit=False) as holder:
        holder.execute("LOCK TABLE django_session IN ACCESS EXCLUSIVE MODE")
        try:
            yield holder
        finally:
            holder.rollback()


@contextmanager
def timeouts(*, statement_ms: int, lock_ms: int) -> Iterator[None]:
    """The settings' statement_timeout and lock_timeout, lowered for the connections opened
    meanwhile (each of the live server's requests opens its own)."""
    options = connection.settings_dict["OPTIONS"]
    before = options["options"]
    options["options"] = f"-c statement_timeout={statement_ms} -c lock_timeout={lock_ms}"
    try:
        yield
    finally:
        options["options"] = before


def assert_unavailable_page(status: int, headers: dict[str, str], body: str) -> None:
    assert status == 503
    assert headers["Retry-After"] == "5"
    assert "系统繁忙，请稍后再试" in body and "Traceback" not in body


def test_a_connection_ended_mid_request_is_a_503_and_the_next_request_works(live_server, session_cookie):
    assert get(live_server, "/", session_cookie)[0] == 302  # to the dashboard: session and user read
    answers: list[tuple[int, dict[str, str], str, float]] = []
    with sessions_locked(), pg_connect() as killer:
        request = Thread(target=lambda: answers.append(get(live_server, "/", session_cookie)))
        request.start()
        (pid,) = wait_for(lambda: backends_waiting_on_locks(killer), 30, "the request waiting on the lock")
        killer.execute("SELECT pg_terminate_backend(%s)", [pid])
        request.join(30)
    status, headers, body, seconds = answers[0]
    assert_unavailable_page(status, headers, body)
    status, headers, _, _ = get(live_server, "/", session_cookie)
    assert status == 302 and headers["Location"].startswith("/dashboard/"), headers  # no restart needed
    print(f"ended mid-request: 503 after {seconds:.2f} s")


@pytest.mark.parametrize("statement_ms, lock_ms", [(30000, 1000), (1000, 0)], ids=["lock", "statement"])
def test_timeouts_shed_requests_stuck_behind_a_lock(live_server, session_cookie, statement_ms, lock_ms):
    limit = (lock_ms or statement_ms) / 1000
    with timeouts(statement_ms=statement_ms, lock_ms=lock_ms), sessions_locked(), pg_connect() as watcher:
        answers = run_together(lambda i: get(live_server, "/", session_cookie), 8)
        assert backends_waiting_on_locks(watcher) == []  # none left piling up behind the lock
    for status, headers, body, _ in answers:
        assert_unavailable_page(status, headers, body)
    slowest = max(seconds for *_, seconds in answers)
    assert limit <= min(seconds for *_, seconds in answers) and slowest < limit + 5
    assert get(live_server, "/", session_cookie)[0] == 302  # the lock released: served again
    print(f"8 requests behind a lock, {limit:.0f} s limit: all 503, slowest {slowest:.2f} s")


def test_a_kept_connection_ended_between_requests_is_replaced_by_the_health_check(session_cookie, tmp_path):
    """A real server process (runserver, one thread) keeping its connection between requests
    (CONN_MAX_AGE=60): the database ending that connection (a restart, a failover, an idle
    timeout) costs no request, CONN_HEALTH_CHECKS finds it dead and connects again."""
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = ["runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"]
    with pg_connect() as killer:
        before = set(client_backends(killer))
        server = start_manage(command, tmp_path / "server.log", CONN_MAX_AGE="60")
        try:
            wait_for(lambda: answers(url), 240, "the server answering")
            assert get(url, "/", session_cookie)[0] == 302
            kept = set(client_backends(killer)) - before
            assert len(kept) == 1  # the server's one connection, kept after its requests
            killer.execute("SELECT pg_terminate_backend(%s)", [kept.pop()])
            wait_for(lambda: len(set(client_backends(killer)) - before) == 0, 10, "the backend gone")
            statuses = [get(url, "/", session_cookie)[0] for _ in range(3)]
            assert statuses == [302, 302, 302]  # not one 503: no restart, no failed request
        finally:
            stop(server)


def client_backends(conn: Any) -> list[int]:
    rows = conn.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend'"
        " AND pid <> pg_backend_pid()",
        [connection.settings_dict["NAME"]],
    ).fetchall()
    return [pid for (pid,) in rows]


def answers(url: str) -> bool:
    try:
        return get(url, "/accounts/login/", "")[0] == 200
    except OSError:
        return False
