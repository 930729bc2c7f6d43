"""Contest and evidence images (FX-1): accepted by their content, not their name: Pillow must
read them as JPEG or PNG, within limits of bytes and pixels checked before decoding; they are
re-encoded (which drops EXIF, GPS positions included) and stored outside the web root, read
back only through scoped views."""

import io
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .errors import FederationError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 8000 x 5000 photo; more is a decompression bomb, not a photo
MIN_SIDE = 64
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


@dataclass(frozen=True)
class CheckedImage:
    data: bytes  # re-encoded
    content_type: str
    width: int
    height: int


def check_image(data: bytes) -> CheckedImage:
    if not data:
        raise FederationError(_("文件为空。"), "empty")
    if len(data) > MAX_BYTES:
        raise FederationError(_("图片过大，最大 %(mb)s MB。") % {"mb": MAX_BYTES // (1024 * 1024)}, "too_big")
    if not data.startswith(SIGNATURES):
        raise FederationError(_("只接受 JPEG 或 PNG 图片。"), "type")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, (width, height) = probe.format, probe.size
            if kind not in FORMATS:
                raise FederationError(_("只接受 JPEG 或 PNG 图片。"), "type")
            if width * height > MAX_PIXELS:
                raise FederationError(_("图片像素过多。"), "too_big")
            if min(width, height) < MIN_SIDE:
                raise FederationError(_("图片太小，请上传清晰的作品。"), "too_small")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            out = io.BytesIO()
            if kind == "JPEG":
                image.convert("RGB").save(out, "JPEG", quality=88)
            else:
                image.save(out, "PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise FederationError(_("图片已损坏或无法识别。"), "corrupt") from None
    assert kind is not None
    return CheckedImage(out.getvalue(), FORMATS[kind], width, height)


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "federation"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store(image: CheckedImage) -> str:
    name = uuid.uuid4().hex
    (_folder() / name).write_bytes(image.data)
    return name


def load(name: str) -> bytes:
    if not re.fullmatch(r"[0-9a-f]{32}", name):
        raise FileNotFoundError(name)
    return (_folder() / name).read_bytes()
