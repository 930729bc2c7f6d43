"""Writes of the federation's own work, one file per aggregate. Each is one transaction with its
audit record; views, the demo and tests call these."""

from ..errors import FederationError
from .cadres import training_record, worker_assign, worker_grade, worker_hire
from .contests import contest_create, entry_review, entry_submit, member_may_enter, vote_cast
from .founding import (
    FOUNDING_RESPONSE_WORKING_DAYS,
    drive_create,
    drive_joining_record,
    founding_accept,
    founding_record,
    founding_reject,
    founding_route,
    founding_submit,
)
from .hotline import (
    mediation_prefill,
    order_answer,
    order_follow_up,
    order_read,
    order_register,
    order_route,
    order_to_mediation,
)
from .model_unions import (
    TOP_TEN,
    ItemScore,
    allowance_end,
    allowance_grant,
    assessment_assign,
    assessment_confirm,
    assessment_score,
)
from .reform import measure_create, milestone_reach, progress_report, task_create
from .stations import (
    STATION_FIELDS,
    station_check,
    station_check_in,
    station_close,
    station_create,
    street_of,
)
from .visits import ProblemDraft, plan_create, problem_close, report_create, visit_record

__all__ = [
    "FOUNDING_RESPONSE_WORKING_DAYS",
    "STATION_FIELDS",
    "TOP_TEN",
    "FederationError",
    "ItemScore",
    "ProblemDraft",
    "allowance_end",
    "allowance_grant",
    "assessment_assign",
    "assessment_confirm",
    "assessment_score",
    "contest_create",
    "drive_create",
    "drive_joining_record",
    "entry_review",
    "entry_submit",
    "founding_accept",
    "founding_record",
    "founding_reject",
    "founding_route",
    "founding_submit",
    "measure_create",
    "mediation_prefill",
    "member_may_enter",
    "milestone_reach",
    "order_answer",
    "order_follow_up",
    "order_read",
    "order_register",
    "order_route",
    "order_to_mediation",
    "plan_create",
    "problem_close",
    "progress_report",
    "report_create",
    "station_check",
    "station_check_in",
    "station_close",
    "station_create",
    "street_of",
    "task_create",
    "training_record",
    "visit_record",
    "vote_cast",
    "worker_assign",
    "worker_grade",
    "worker_hire",
]
