"""Documents of hardship files and drawn signatures: accepted by their content (magic bytes), not
their name; files stored encrypted outside the web root and read back only through the scoped,
audited view (FX-1)."""

import base64
import binascii
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from gonghui.lib.crypto import cipher

from .errors import CareError

MAX_BYTES = 10 * 1024 * 1024
MAX_SIGNATURE_BYTES = 200 * 1024
PNG = b"\x89PNG\r\n\x1a\n"
SIGNATURES = [
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (PNG, "image/png", ".png"),
]
EXTENSIONS = {content_type: ext for _magic, content_type, ext in SIGNATURES}
DATA_URL = "data:image/png;base64,"


def check_upload(data: bytes) -> str:
    """The content type of an acceptable file; refuses anything else."""
    if not data:
        raise CareError(_("文件为空。"), "upload")
    if len(data) > MAX_BYTES:
        raise CareError(_("文件过大，最大 %(mb)s MB。") % {"mb": MAX_BYTES // (1024 * 1024)}, "upload")
    for magic, content_type, _ext in SIGNATURES:
        if data.startswith(magic):
            return content_type
    raise CareError(_("只接受 PDF、JPEG 或 PNG 文件。"), "upload")


def check_signature(data_url: str) -> str:
    """A signature drawn on the phone: a PNG as a data URL, of a sensible size."""
    if not data_url.startswith(DATA_URL):
        raise CareError(_("请职工在屏幕上签名。"), "signature")
    try:
        raw = base64.b64decode(data_url[len(DATA_URL) :], validate=True)
    except (binascii.Error, ValueError):
        raise CareError(_("签名图像无效，请重新签名。"), "signature") from None
    if not raw.startswith(PNG) or len(raw) > MAX_SIGNATURE_BYTES:
        raise CareError(_("签名图像无效，请重新签名。"), "signature")
    return data_url


def safe_filename(name: str, content_type: str) -> str:
    stem = Path(name.replace("\\", "/")).name.rsplit(".", 1)[0]
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", stem).strip("_")[:80] or "document"
    return stem + EXTENSIONS[content_type]


def _folder() -> Path:
    folder = Path(getattr(settings, "CARE_DOCUMENT_DIR", Path(settings.VAR_DIR) / "care"))
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
