"""The culture module's test world (gonghui.testing.culture) as a fixture."""

import pytest

from gonghui.testing.culture import Culture


@pytest.fixture
def culture(district):
    return Culture(district)
