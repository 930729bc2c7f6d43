"""The mediation network (gonghui.testing.disputes) as a fixture."""

import datetime

import pytest

from gonghui.testing.disputes import NARRATIVE, Network, make_network

__all__ = ["NARRATIVE", "Network", "make_network"]


@pytest.fixture
def network(district) -> Network:
    return make_network(district)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
