"""Writes of the merit competitions, one file per part: the competition with its indicators,
periods, flag and awards; the teams with their reporters and participants; progress reports
and their check. Each is one transaction with its audit record."""

from ..errors import CompetitionError
from .competitions import (
    award_give,
    competition_close,
    competition_create,
    indicator_add,
    period_after,
    round_close,
    round_open,
)
from .progress import (
    is_reporter,
    judged_indicators,
    progress_report_confirm,
    progress_report_return,
    progress_report_submit,
    quantity,
)
from .teams import (
    competition_source,
    participant_add,
    participants_publish,
    reporter_add,
    team_add,
    team_source,
)

__all__ = [
    "CompetitionError",
    "award_give",
    "competition_close",
    "competition_create",
    "competition_source",
    "indicator_add",
    "is_reporter",
    "judged_indicators",
    "participant_add",
    "participants_publish",
    "period_after",
    "progress_report_confirm",
    "progress_report_return",
    "progress_report_submit",
    "quantity",
    "reporter_add",
    "round_close",
    "round_open",
    "team_add",
    "team_source",
]
