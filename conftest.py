import os
import time

import pytest
from django.db import connection

from gonghui.accounts.sms import MemoryGateway
from gonghui.testing import District, build_district


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """With CITUS_DISTRIBUTE=1, on a Citus coordinator (make citus-test): the test database's core
    tables distributed by district as a city's are (gonghui/demo/city/citus.py), before any test."""
    if os.environ.get("CITUS_DISTRIBUTE") == "1":
        from gonghui.demo.city.citus import distribute

        with django_db_blocker.unblock(), connection.cursor() as cursor:
            for change in distribute(cursor):
                print("citus:", change)


@pytest.fixture
def district(db) -> District:
    return build_district()


@pytest.fixture(autouse=True)
def _empty_outbox():
    MemoryGateway.outbox.clear()
    yield
    MemoryGateway.outbox.clear()


def pytest_configure(config):
    # Known to pytest-xdist; declared here too, so a run without xdist (-p no:xdist) accepts it.
    config.addinivalue_line("markers", "xdist_group(name): run the group's tests on one worker")


def pytest_collection_modifyitems(items):
    """Race and bulk tests open a PostgreSQL connection per thread (up to 120 at once): they run on
    one test worker, one after another, so two of them never exceed the server's max_connections."""
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.xdist_group("postgres"))


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks, pg_dump)")
    if item.get_closest_marker("postgres"):
        _wait_for_ended_backends()


def _wait_for_ended_backends(most: int = 20, seconds: float = 10) -> None:
    """The connections an earlier race test closed end on the server a moment later: wait for
    them, so this test's threads find the server's connection slots free (counted from the
    server's maintenance database, outside the test's own connections)."""
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"], "password": db["PASSWORD"]}
    deadline = time.monotonic() + seconds
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        while time.monotonic() < deadline:
            row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
            if row.fetchone()[0] <= most:  # type: ignore[index]
                return
            time.sleep(0.05)


@pytest.fixture
def flushable_append_only_tables(transactional_db):
    """On SQLite, the flush after a transactional test is a DELETE, which the append-only triggers
    (audit_no_delete) abort. Empty those tables with their trigger briefly dropped, before the flush.
    PostgreSQL flushes with TRUNCATE, which the row triggers do not see."""
    yield
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master"
            " WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%'"
        )
        for name, table, sql in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER "{name}"')
            cursor.execute(f'DELETE FROM "{table}"')
            cursor.execute(sql)
