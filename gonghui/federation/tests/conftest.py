"""The federation module's test world (gonghui.testing.federation) as a fixture; images go to a
temporary folder."""

import pytest

from gonghui.testing.federation import Federation


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def fed(district):
    return Federation(district)
