"""Claim documents (FX-1): accepted by content, not by name; limited in size; stored
AES-GCM encrypted in a folder outside the web root; read back only through a scoped view."""

import hashlib
import hmac
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .errors import CardsError

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
ARCHIVES = (b"PK\x03\x04", b"PK\x05\x06", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")
EXECUTABLES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"#!")


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    content_type: str
    filename: str


def max_bytes() -> int:
    return int(getattr(settings, "CARDS_DOCUMENT_MAX_BYTES", MAX_BYTES))


def storage_dir() -> Path:
    return Path(getattr(settings, "CARDS_DOCUMENT_DIR", settings.VAR_DIR / "claim-documents"))


def check_upload(upload: UploadedFile) -> CheckedFile:
    limit = max_bytes()
    if (upload.size or 0) > limit:
        raise CardsError(_("文件过大：单个文件不能超过%(mb)sMB。") % {"mb": limit // (1024 * 1024)})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise CardsError(_("文件过大：单个文件不能超过%(mb)sMB。") % {"mb": limit // (1024 * 1024)})
    if not data:
        raise CardsError(_("文件是空的。"))
    for magic, content_type, extension in SIGNATURES:
        if data.startswith(magic):
            return CheckedFile(
                data=data, content_type=content_type, filename=_clean_name(upload.name, extension)
            )
    if data.startswith(ARCHIVES):
        raise CardsError(_("不接受压缩包，请直接上传PDF、JPEG或PNG文件。"))
    if data.startswith(EXECUTABLES):
        raise CardsError(_("不接受可执行文件，请上传PDF、JPEG或PNG文件。"))
    raise CardsError(_("文件格式不支持：只接受PDF、JPEG或PNG文件（按文件内容识别，不看扩展名）。"))


def _clean_name(name: str | None, extension: str) -> str:
    """The shown name: the base name without control characters, with the extension of
    what the file really is."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(". ")
    stem = os.path.splitext(base)[0][:80] or "document"
    return stem + extension


def _key() -> bytes:
    master = bytes.fromhex(settings.FIELD_ENCRYPTION_KEY)
    return hmac.new(master, b"gonghui.cards.claim-documents", hashlib.sha256).digest()


def store(data: bytes) -> tuple[str, str]:
    """Encrypt and write; returns (stored name, sha256 of the plaintext)."""
    name = secrets.token_hex(16)
    nonce = os.urandom(12)
    sealed = AESGCM(_key()).encrypt(nonce, data, name.encode())
    folder = storage_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / name
    with open(target, "xb") as handle:
        handle.write(nonce + sealed)
    os.chmod(target, 0o600)
    return name, hashlib.sha256(data).hexdigest()


def load(name: str) -> bytes:
    if not name.isalnum():
        raise CardsError(_("文件不存在。"))
    raw = (storage_dir() / name).read_bytes()
    return AESGCM(_key()).decrypt(raw[:12], raw[12:], name.encode())
