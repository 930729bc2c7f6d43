"""The congress module's test world (gonghui.testing.congress) as a fixture."""

import pytest

from gonghui.testing.congress import CongressWorld


@pytest.fixture
def world(district):
    return CongressWorld(district)
