"""Writes on members: joining, admission, status, transfers, reveals (membership.py), and the
named lists modules share (groups.py)."""

from .groups import member_group_sync
from .membership import (
    MembershipError,
    join_application_approve,
    join_application_reject,
    join_application_submit,
    member_correct_id,
    member_create,
    member_read,
    member_reveal,
    member_set_status,
    response_due,
    transfer_approve,
    transfer_reject,
    transfer_request,
)
from .numbers import (
    allocate_member_numbers,
    allocate_member_numbers_apart,
    release_member_numbers,
    release_member_numbers_apart,
)
from .profile import CORRECTABLE_FIELDS, clean_member_value, field_label, member_update

__all__ = [
    "CORRECTABLE_FIELDS",
    "MembershipError",
    "allocate_member_numbers",
    "allocate_member_numbers_apart",
    "clean_member_value",
    "field_label",
    "join_application_approve",
    "join_application_reject",
    "join_application_submit",
    "member_correct_id",
    "member_create",
    "member_group_sync",
    "member_read",
    "member_reveal",
    "member_set_status",
    "member_update",
    "release_member_numbers",
    "release_member_numbers_apart",
    "response_due",
    "transfer_approve",
    "transfer_reject",
    "transfer_request",
]
