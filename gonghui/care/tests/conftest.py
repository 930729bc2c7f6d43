"""The care module's test world (gonghui.testing.care) as a fixture."""

import pytest

from gonghui.testing.care import Care


@pytest.fixture
def care(district) -> Care:
    return Care(district)


@pytest.fixture(autouse=True)
def _documents_dir(settings, tmp_path):
    settings.CARE_DOCUMENT_DIR = tmp_path / "care-documents"
