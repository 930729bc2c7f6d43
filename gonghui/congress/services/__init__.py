"""Writes of the congress module, one file per part: congresses and seats, elections, sessions
and sign-in, items and votes, proposals, duty reports and assessments. Each is one transaction
with its audit record; views, tasks and the demo call these."""

from ..errors import CongressError
from .congresses import congress_establish, representative_end, representative_seat
from .duties import assessment_record, duty_report_submit
from .elections import (
    candidate_nominate,
    constituency_add,
    election_announce,
    election_create,
    election_open,
    election_publish,
    election_vote,
)
from .proposals import (
    SECONDS_NEEDED,
    proposal_answer,
    proposal_assign,
    proposal_decide,
    proposal_rate,
    proposal_second,
    proposal_submit,
)
from .sessions import door_token, session_close, session_open, session_schedule, sign_in
from .voting import item_add, item_close, item_open, vote_cast

__all__ = [
    "SECONDS_NEEDED",
    "CongressError",
    "assessment_record",
    "candidate_nominate",
    "congress_establish",
    "constituency_add",
    "door_token",
    "duty_report_submit",
    "election_announce",
    "election_create",
    "election_open",
    "election_publish",
    "election_vote",
    "item_add",
    "item_close",
    "item_open",
    "proposal_answer",
    "proposal_assign",
    "proposal_decide",
    "proposal_rate",
    "proposal_second",
    "proposal_submit",
    "representative_end",
    "representative_seat",
    "session_close",
    "session_open",
    "session_schedule",
    "sign_in",
    "vote_cast",
]
