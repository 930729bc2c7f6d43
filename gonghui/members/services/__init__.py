"""Writes on members: joining, admission, status, transfers, reveals (membership.py), and the
named lists modules share (groups.py)."""

from .groups import member_group_sync
from .membership import (
    MembershipError,
    allocate_member_numbers,
    join_application_approve,
    join_application_reject,
    join_application_submit,
    member_correct_id,
    member_create,
    member_read,
    member_reveal,
    member_set_status,
    release_member_numbers,
    response_due,
    transfer_approve,
    transfer_reject,
    transfer_request,
)
from .profile import CORRECTABLE_FIELDS, clean_member_value, field_label, member_update

__all__ = [
    "CORRECTABLE_FIELDS",
    "MembershipError",
    "allocate_member_numbers",
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
    "response_due",
    "transfer_approve",
    "transfer_reject",
    "transfer_request",
]
