import pytest
from django.db import connection

from gonghui.accounts.sms import MemoryGateway
from gonghui.testing import District, build_district


@pytest.fixture
def district(db) -> District:
    return build_district()


@pytest.fixture(autouse=True)
def _empty_outbox():
    MemoryGateway.outbox.clear()
    yield
    MemoryGateway.outbox.clear()


def pytest_collection_modifyitems(items):
    """Race and bulk tests open a PostgreSQL connection per thread (up to 120 at once): they run on
    one test worker, one after another, so two of them never exceed the server's max_connections."""
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.xdist_group("postgres"))


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks, pg_dump)")


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
