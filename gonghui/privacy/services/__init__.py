"""Writes for a member's rights over their data: the download (download.py), correction and
deletion requests (requests.py), erasure (erasure.py) and retention (retention.py)."""

from .download import FORMATS, DataFile, PrivacyError, personal_data_download
from .erasure import ERASABLE_STATUSES, member_erase
from .requests import correction_request, deletion_request, request_apply, request_due, request_refuse
from .retention import ERASED_KINDS, retention_enforce

__all__ = [
    "ERASABLE_STATUSES",
    "ERASED_KINDS",
    "FORMATS",
    "DataFile",
    "PrivacyError",
    "correction_request",
    "deletion_request",
    "member_erase",
    "personal_data_download",
    "request_apply",
    "request_due",
    "request_refuse",
    "retention_enforce",
]
