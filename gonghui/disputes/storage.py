"""Case documents: accepted by their content (magic bytes), not their name; stored
encrypted outside the web root; read back only through the scoped view (FX-1)."""

import base64
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.lib.crypto import cipher

MAX_BYTES = getattr(settings, "DISPUTE_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
SIGNATURES = [
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
]
EXTENSIONS = {content_type: ext for _magic, content_type, ext in SIGNATURES}


class UploadRefused(ValidationError):
    pass


def check_upload(data: bytes) -> str:
    """The content type of an acceptable file; refuses anything else."""
    if not data:
        raise UploadRefused(_("文件为空。"))
    if len(data) > MAX_BYTES:
        raise UploadRefused(_("文件过大，最大 %(mb)s MB。") % {"mb": MAX_BYTES // (1024 * 1024)})
    for magic, content_type, _ext in SIGNATURES:
        if data.startswith(magic):
            return content_type
    raise UploadRefused(_("只接受 PDF、JPEG 或 PNG 文件。"))


def safe_filename(name: str, content_type: str) -> str:
    """A display name without path parts or odd characters, with the extension its content has."""
    stem = Path(name.replace("\\", "/")).name.rsplit(".", 1)[0]
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", stem).strip("_")[:80] or "document"
    return stem + EXTENSIONS[content_type]


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "disputes"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store(data: bytes) -> str:
    name = uuid.uuid4().hex
    (_folder() / name).write_text(cipher().encrypt(base64.b64encode(data).decode()))
    return name


def load(name: str) -> bytes:
    if not re.fullmatch(r"[0-9a-f]{32}", name):
        raise FileNotFoundError(name)
    return base64.b64decode(cipher().decrypt((_folder() / name).read_text()))


def raw(name: str) -> bytes:
    """The bytes at rest (for tests that prove they are not the plaintext)."""
    return (_folder() / name).read_bytes()
