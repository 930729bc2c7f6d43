"""Case documents: checked and kept as every module's documents are (`gonghui.lib.documents`),
in the folder `disputes`."""

from django.conf import settings

from gonghui.lib import documents
from gonghui.lib.documents import UploadRefused, safe_filename

__all__ = ["MAX_BYTES", "UploadRefused", "check_upload", "load", "raw", "safe_filename", "store"]

MAX_BYTES = getattr(settings, "DISPUTE_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
FOLDER = documents.EncryptedFolder("disputes")
store, load, raw = FOLDER.store, FOLDER.load, FOLDER.raw


def check_upload(data: bytes) -> str:
    """The content type of an acceptable file; raises UploadRefused."""
    return documents.check_upload(data, MAX_BYTES)
