import pytest

from gonghui.lib.figures import Period


@pytest.fixture(autouse=True)
def _reports(settings, tmp_path):
    settings.REPORTS_DIR = tmp_path / "reports"


@pytest.fixture
def five_years() -> Period:
    return Period.years(2012, 2016)
