"""Writes of collective bargaining: the procedure up to the draft (offers.py), signing and the
filing steps (agreements.py), and the daily tick of the clocks with its alerts (clocks.py)."""

from ..errors import BargainingError
from .agreements import (
    agreement_file_hr,
    agreement_file_union,
    agreement_hr_approve,
    agreement_publish,
    agreement_sign,
    agreement_terminate,
    clock_dates,
)
from .clocks import clocks_tick, tick_clocks
from .offers import (
    draft_refer,
    draft_revise,
    offer_abandon,
    offer_answer,
    offer_send,
    round_hold,
    round_info_provided,
    round_schedule,
)

__all__ = [
    "BargainingError",
    "agreement_file_hr",
    "agreement_file_union",
    "agreement_hr_approve",
    "agreement_publish",
    "agreement_sign",
    "agreement_terminate",
    "clock_dates",
    "clocks_tick",
    "draft_refer",
    "draft_revise",
    "offer_abandon",
    "offer_answer",
    "offer_send",
    "round_hold",
    "round_info_provided",
    "round_schedule",
    "tick_clocks",
]
