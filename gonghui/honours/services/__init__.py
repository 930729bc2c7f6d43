"""Writes of the honours module: the roll and the innovation studios, each one transaction
with its audit record."""

from ..errors import HonoursError
from .roll import honour_award, honour_revoke
from .studios import studio_create, studio_member_add, studio_result_add

__all__ = [
    "HonoursError",
    "honour_award",
    "honour_revoke",
    "studio_create",
    "studio_member_add",
    "studio_result_add",
]
