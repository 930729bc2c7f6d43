"""The card module's public surface: its writes, one transaction and one audit record each,
and the counter a scan reads. Views, the portal, tasks and the demo import from here, not
from the files behind it."""

from ..errors import CardsError
from .benefits import redemption_record, redemption_verify
from .cards import (
    CARD_PREFIX,
    card_activate,
    card_issue,
    card_replace,
    card_report_lost,
    card_resume,
    card_suspend,
    ecard_pass,
)
from .merchants import (
    Verification,
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
from .scan import Counter, counter_of

__all__ = [
    "CARD_PREFIX",
    "CardsError",
    "Counter",
    "Verification",
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
    "counter_of",
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
