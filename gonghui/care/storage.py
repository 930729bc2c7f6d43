"""Documents of hardship files and drawn signatures: documents are checked and kept as every
module's are (`gonghui.lib.documents`, folder `care`); a signature is a PNG drawn on the phone."""

import base64
import binascii

from django.utils.translation import gettext as _

from gonghui.lib import documents
from gonghui.lib.documents import safe_filename

from .errors import CareError

__all__ = ["check_signature", "check_upload", "load", "raw", "safe_filename", "store"]

MAX_BYTES = 10 * 1024 * 1024
MAX_SIGNATURE_BYTES = 200 * 1024
PNG = b"\x89PNG\r\n\x1a\n"
DATA_URL = "data:image/png;base64,"
FOLDER = documents.EncryptedFolder("care", setting="CARE_DOCUMENT_DIR")
store, load, raw = FOLDER.store, FOLDER.load, FOLDER.raw


def check_upload(data: bytes) -> str:
    """The content type of an acceptable file; refuses anything else."""
    try:
        return documents.check_upload(data, MAX_BYTES)
    except documents.UploadRefused as refused:
        raise CareError(refused.messages[0], "upload") from None


def check_signature(data_url: str) -> str:
    """A signature drawn on the phone: a PNG as a data URL, of a sensible size."""
    if not data_url.startswith(DATA_URL):
        raise CareError(_("请职工在屏幕上签名。"), "signature")
    try:
        image = base64.b64decode(data_url[len(DATA_URL) :], validate=True)
    except (binascii.Error, ValueError):
        raise CareError(_("签名图像无效，请重新签名。"), "signature") from None
    if not image.startswith(PNG) or len(image) > MAX_SIGNATURE_BYTES:
        raise CareError(_("签名图像无效，请重新签名。"), "signature")
    return data_url
