"""The card module's test world (gonghui.testing.cards) as fixtures."""

import pytest

from gonghui.testing.cards import World, build_world

__all__ = ["World", "build_world"]


@pytest.fixture(autouse=True)
def _documents_dir(settings, tmp_path):
    settings.CARDS_DOCUMENT_DIR = tmp_path / "claim-documents"


@pytest.fixture
def world(district) -> World:
    return build_world(district)
