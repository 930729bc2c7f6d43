"""Writes on the network, cases, legal aid, inspections and letters, one file per aggregate.
Each is one transaction with its audit record (and a case's timeline step); views, tasks
and the demo call these, through this module."""

from ..errors import DisputeError
from .cases import (
    ALERT_DAYS_BEFORE,
    Worker,
    agreement_document,
    case_accept,
    case_assign,
    case_close,
    case_note,
    case_rate,
    case_read,
    case_refuse,
    case_register,
    deadline_alerts_scan,
    document_open,
    document_upload,
    legal_due,
)
from .funding import FUNDED_KINDS, mediation_funding_save
from .inspections import WEDNESDAY, inspection_schedule, inspection_visit_record, wednesdays
from .legal_aid import aid_eligible, legal_aid_apply, legal_aid_decide
from .letters import LETTER_REPLY_DAYS, letter_body, letter_follow_up, letter_issue, letter_reply
from .network import (
    lawyer_assign,
    mediation_org_close,
    mediation_org_create,
    mediator_appoint,
    mediator_leave,
    route,
)

__all__ = [
    "ALERT_DAYS_BEFORE",
    "FUNDED_KINDS",
    "LETTER_REPLY_DAYS",
    "WEDNESDAY",
    "DisputeError",
    "Worker",
    "agreement_document",
    "aid_eligible",
    "case_accept",
    "case_assign",
    "case_close",
    "case_note",
    "case_rate",
    "case_read",
    "case_refuse",
    "case_register",
    "deadline_alerts_scan",
    "document_open",
    "document_upload",
    "inspection_schedule",
    "inspection_visit_record",
    "lawyer_assign",
    "legal_aid_apply",
    "legal_aid_decide",
    "legal_due",
    "letter_body",
    "letter_follow_up",
    "letter_issue",
    "letter_reply",
    "mediation_funding_save",
    "mediation_org_close",
    "mediation_org_create",
    "mediator_appoint",
    "mediator_leave",
    "route",
    "wednesdays",
]
