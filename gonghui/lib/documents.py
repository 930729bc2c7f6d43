"""Uploaded documents (FX-1): accepted by their content (magic bytes), not their name, and kept
encrypted in a folder of VAR_DIR, outside the web root. Each module names its folder and its
size limit, and reads its files back only through its own scoped, audited views."""

import base64
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .crypto import cipher

SIGNATURES = [
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
]
EXTENSIONS = {content_type: ext for _magic, content_type, ext in SIGNATURES}


class UploadRefused(ValidationError):
    pass


def check_upload(data: bytes, max_bytes: int) -> str:
    """The content type of an acceptable file; refuses anything else."""
    if not data:
        raise UploadRefused(_("文件为空。"))
    if len(data) > max_bytes:
        raise UploadRefused(_("文件过大，最大 %(mb)s MB。") % {"mb": max_bytes // (1024 * 1024)})
    for magic, content_type, _ext in SIGNATURES:
        if data.startswith(magic):
            return content_type
    raise UploadRefused(_("只接受 PDF、JPEG 或 PNG 文件。"))


def safe_filename(name: str, content_type: str) -> str:
    """A display name without path parts or odd characters, with the extension its content has."""
    stem = Path(name.replace("\\", "/")).name.rsplit(".", 1)[0]
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", stem).strip("_")[:80] or "document"
    return stem + EXTENSIONS[content_type]


@dataclass(frozen=True)
class EncryptedFolder:
    """A folder of encrypted files under random names; `setting`, when set, may move it."""

    name: str
    setting: str = ""

    def path(self) -> Path:
        default = Path(settings.VAR_DIR) / self.name
        folder = Path(getattr(settings, self.setting, default)) if self.setting else default
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def store(self, data: bytes) -> str:
        name = uuid.uuid4().hex
        (self.path() / name).write_text(cipher().encrypt(base64.b64encode(data).decode()))
        return name

    def load(self, name: str) -> bytes:
        if not re.fullmatch(r"[0-9a-f]{32}", name):
            raise FileNotFoundError(name)
        return base64.b64decode(cipher().decrypt((self.path() / name).read_text()))

    def raw(self, name: str) -> bytes:
        """The bytes at rest (for tests that prove they are not the plaintext)."""
        return (self.path() / name).read_bytes()
