"""Writes of the card module, one transaction and one audit record each. Views, the
portal, tasks and the demo all call these."""

from ..errors import CardsError
from .benefits import redemption_record, redemption_verify
from .cards import (
    card_activate,
    card_issue,
    card_replace,
    card_report_lost,
    card_resume,
    card_suspend,
    ecard_pass,
)
from .merchants import (
    cashier_account_create,
    merchant_create,
    merchant_set_status,
    rule_create,
    sale_record,
    sale_verify,
    store_create,
)
from .protection import (
    claim_approve,
    claim_document_add,
    claim_document_open,
    claim_file,
    claim_pay,
    claim_read,
    claim_reject,
    claim_reveal,
    claim_review,
    enrolment_export_audit,
    plan_year_enrol,
    plan_year_save,
)

__all__ = [
    "CardsError",
    "card_activate",
    "card_issue",
    "card_replace",
    "card_report_lost",
    "card_resume",
    "card_suspend",
    "cashier_account_create",
    "claim_approve",
    "claim_document_add",
    "claim_document_open",
    "claim_file",
    "claim_pay",
    "claim_read",
    "claim_reject",
    "claim_reveal",
    "claim_review",
    "ecard_pass",
    "enrolment_export_audit",
    "merchant_create",
    "merchant_set_status",
    "plan_year_enrol",
    "plan_year_save",
    "redemption_record",
    "redemption_verify",
    "rule_create",
    "sale_record",
    "sale_verify",
    "store_create",
]
