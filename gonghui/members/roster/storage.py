"""Uploaded rosters and their reports live outside the web root, encrypted at rest:
they hold full ID numbers."""

import uuid
from pathlib import Path

from django.conf import settings

from gonghui.lib.crypto import cipher


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store(data: bytes, name: str | None = None) -> str:
    name = name or uuid.uuid4().hex
    (_folder() / name).write_text(cipher().encrypt(data.hex()))
    return name


def load(name: str) -> bytes:
    return bytes.fromhex(cipher().decrypt((_folder() / name).read_text()))


def report_name(name: str) -> str:
    return f"{name}.errors"


def remove(name: str) -> None:
    for path in _folder().glob(f"{name}*"):
        path.unlink(missing_ok=True)
