"""The streaming read replica (docs/scale-out.md): a primary of the test's own, its hot standby
made by pg_basebackup (ops/replica/cluster.sh) and the site served against both. Which server
ran a request's queries is read from each server's pg_stat_statements."""

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.db import connection

from gonghui.testing import clusters

pytestmark = [pytest.mark.postgres, pytest.mark.replica, pytest.mark.django_db]
DB = "gonghui"
SEED = "import django; django.setup(); from gonghui.tests.test_replica import seed; seed()"


class Browser:
    """One browser: its cookies kept between requests, one request at a time."""

    def __init__(self, port: int, cookies: dict[str, str]) -> None:
        self.port, self.cookies = port, dict(cookies)

    def request(self, method: str, path: str, body: str = "") -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": "c" * 32}
        conn.request(method, path, body=body.encode(), headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response.status, text


def seed() -> None:
    """In a child on the primary: the test district, a signed-in district staff member, a board."""
    import django

    django.setup()
    from gonghui.results.services import board_save
    from gonghui.testing import build_district
    from gonghui.testing.sessions import signed_in_session

    district = build_district()
    staff = district.users["district"]
    board = board_save(
        node=district.root, title="初始看板", figures=[], calendar=False, published=True, actor=staff
    )
    cookie = signed_in_session(staff)
    print(json.dumps({"cookie": cookie, "root": district.root.pk, "board": board.pk}))


@pytest.fixture(scope="module")
def replica(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    if reason := clusters.why_no_clusters():
        pytest.skip(reason)
    started = time.monotonic()
    servers = clusters.Clusters()
    try:
        primary = servers.primary()
        primary_url = clusters.url(primary, DB)
        clusters.execute(clusters.url(primary), f"CREATE DATABASE {DB}")
        clusters.copy_database(_test_database_url(), primary_url)  # the migrated, empty schema
        clusters.execute(primary_url, "CREATE EXTENSION pg_stat_statements")
        env = {"DATABASE_URL": primary_url, "DJANGO_SETTINGS_MODULE": "gonghui.test_settings", "DEBUG": "0"}
        seeded = subprocess.run(
            [sys.executable, "-c", SEED],
            env={**os.environ, **env},
            cwd=clusters.ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        data = json.loads(seeded.stdout.strip().splitlines()[-1])
        standby = servers.standby(primary)
        env |= {
            "DATABASE_REPLICA_URL": clusters.url(standby, DB),
            "REPLICA_MAX_LAG_SECONDS": "1",
            "REPLICA_CHECK_SECONDS": "0.2",
            "REPLICA_PIN_SECONDS": "5",
            "RESULTS_SYNC_SECONDS": "120",  # a dashboard's first request computes all its figures
            "LOG_LEVEL": "ERROR",
        }
        with clusters.site(env) as port:
            print(f"replica set-up: {time.monotonic() - started:.1f}s")
            yield {**data, "port": port, "primary": primary, "standby": standby, "servers": servers}
    finally:
        servers.close()


def _test_database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def calls(port: int, table: str) -> int:
    """How many reads of `table` this server ran in the site's database (the primary also writes
    a dashboard's figures cache, a request's session, …)."""
    rows = clusters.execute(
        clusters.url(port, DB),
        "SELECT coalesce(sum(calls), 0)::int FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
        f" WHERE d.datname = '{DB}' AND s.query LIKE '%{table}%' AND s.query NOT LIKE '%pg_stat_statements%'"
        " AND s.query ~* '^\\s*SELECT' AND s.query !~* 'FOR UPDATE'",
    )
    return int(rows[0][0])


def staff(replica: dict[str, Any]) -> Browser:
    return Browser(replica["port"], {"sessionid": replica["cookie"], "csrftoken": "c" * 32})


def counts(replica: dict[str, Any], table: str) -> tuple[int, int]:
    return calls(replica["primary"], table), calls(replica["standby"], table)


def test_dashboard_reads_go_to_the_replica(replica: dict[str, Any]) -> None:
    browser = staff(replica)
    assert browser.request("GET", f"/dashboard/{replica['root']}/")[0] == 200  # computes and caches
    replayed(replica)
    primary, standby = counts(replica, "results_figurecache")
    status, _page = browser.request("GET", f"/dashboard/{replica['root']}/")
    assert status == 200
    after = counts(replica, "results_figurecache")
    assert after[1] > standby, "the dashboard read its figures from the replica"
    assert after[0] == primary, "and none from the primary"


def test_other_pages_read_from_the_primary(replica: dict[str, Any]) -> None:
    browser = staff(replica)
    primary, standby = counts(replica, "organizations_node")
    assert browser.request("GET", f"/org/nodes/{replica['root']}/")[0] in (200, 302)
    after = counts(replica, "organizations_node")
    assert after[1] == standby
    assert after[0] > primary


def test_a_write_pins_the_browser_to_the_primary(replica: dict[str, Any]) -> None:
    browser, other = staff(replica), staff(replica)
    edit = f"/dashboard/{replica['root']}/board/"
    status, _ = browser.request("POST", edit, "title=改过的看板&published=on")
    assert status == 302
    assert float(browser.cookies["gonghui_primary"]) > time.time()
    primary, standby = counts(replica, "results_publicboard")
    status, page = browser.request("GET", edit)  # the redirect's page, read right after the write
    assert status == 200 and "改过的看板" in page
    after = counts(replica, "results_publicboard")
    assert after == (after[0], standby) and after[0] > primary, "the writer read its board from the primary"
    replayed(replica)  # another browser reads the replica: the write, once it is replayed there
    status, page = other.request("GET", f"/boards/{replica['board']}/")
    assert status == 200 and "改过的看板" in page
    assert counts(replica, "results_publicboard")[1] > standby


def replayed(replica: dict[str, Any], seconds: float = 10) -> None:
    """Waits until the standby has replayed all the WAL the primary has made so far: inserted,
    not only written, as the throwaway primary commits asynchronously (ops/replica/cluster.sh)."""
    [(made,)] = clusters.execute(
        clusters.url(replica["primary"], DB), "SELECT pg_current_wal_insert_lsn()::text"
    )
    standby = clusters.url(replica["standby"], DB)
    check = f"SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '{made}') >= 0"
    _wait_for(lambda: clusters.execute(standby, check)[0][0], seconds)
    assert clusters.execute(standby, check)[0][0], "the standby has not replayed the primary's WAL"


def test_a_lagging_replica_is_skipped(replica: dict[str, Any]) -> None:
    standby_url = clusters.url(replica["standby"], DB)
    clusters.execute(standby_url, "SELECT pg_wal_replay_pause()")
    try:
        # A pause is only asked for until the standby's replay stops: a busy machine may replay
        # the marker before it does, and the standby would then be rightly fresh.
        paused = "SELECT pg_get_wal_replay_pause_state() = 'paused'"
        _wait_for(lambda: clusters.execute(standby_url, paused)[0][0], 10)
        [(made,)] = clusters.execute(
            clusters.url(replica["primary"], DB),
            "CREATE TABLE lag_marker (id int)",
            "SELECT pg_current_wal_insert_lsn()::text",
        )
        received = f"SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), '{made}') >= 0"
        _wait_for(lambda: clusters.execute(standby_url, received)[0][0], 10)  # streamed, not replayed
        time.sleep(1.5)  # past REPLICA_MAX_LAG_SECONDS
        browser = staff(replica)
        primary, standby = counts(replica, "results_figurecache")
        assert browser.request("GET", f"/dashboard/{replica['root']}/")[0] == 200
        after = counts(replica, "results_figurecache")
        assert after[1] == standby and after[0] > primary
    finally:
        clusters.execute(standby_url, "SELECT pg_wal_replay_resume()")
    replayed(replica)
    time.sleep(0.5)  # checked again since
    standby = counts(replica, "results_figurecache")[1]
    assert staff(replica).request("GET", f"/dashboard/{replica['root']}/")[0] == 200
    assert counts(replica, "results_figurecache")[1] > standby, "back on the replica once caught up"


def test_a_replica_stopped_mid_run_fails_no_request(replica: dict[str, Any]) -> None:
    """Last in the module: the replica stays down. Requests run on threads while it crashes."""
    pages = [f"/dashboard/{replica['root']}/", f"/boards/{replica['board']}/", f"/kpis/{replica['root']}/"]
    statuses: list[int] = []
    done = threading.Event()

    def load() -> None:
        browser = staff(replica)
        while not done.is_set():
            for page in pages:
                statuses.append(browser.request("GET", page)[0])

    threads = [threading.Thread(target=load) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        _wait_for(lambda: len(statuses) >= 3)
        replica["servers"].stop(replica["standby"], "immediate")
        stopped_at = len(statuses)
        _wait_for(lambda: len(statuses) >= stopped_at + 9)  # each page, by each thread, after the crash
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert len(statuses) >= stopped_at + 9
    assert set(statuses) == {200}, statuses
    assert staff(replica).request("GET", f"/dashboard/{replica['root']}/")[0] == 200


def _wait_for(condition: Callable[[], bool], seconds: float = 40) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
