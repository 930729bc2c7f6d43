"""Writes of the skills module, one file per part: training classes, contests, and the
technician upgrade reward. Each is one transaction with its audit record."""

from ..errors import SkillsError
from .contests import contest_create, contest_finish, entry_add, entry_result
from .rewards import reward_apply, reward_approve, reward_pay, reward_reject, reward_verify
from .training import (
    attendance_record,
    certificate_number,
    class_create,
    enrolment_complete,
    enrolment_create,
    enrolment_withdraw,
    fee_for,
    member_may_enrol,
)

__all__ = [
    "SkillsError",
    "attendance_record",
    "certificate_number",
    "class_create",
    "contest_create",
    "contest_finish",
    "enrolment_complete",
    "enrolment_create",
    "enrolment_withdraw",
    "entry_add",
    "entry_result",
    "fee_for",
    "member_may_enrol",
    "reward_apply",
    "reward_approve",
    "reward_pay",
    "reward_reject",
    "reward_verify",
]
