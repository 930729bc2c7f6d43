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


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks, pg_dump)")
