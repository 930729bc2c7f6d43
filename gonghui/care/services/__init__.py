"""Writes of the care module, one file per aggregate: the money rules, campaigns and their sites,
deliveries at the sites, health checks and rest-home stays, hardship files and aid. Each is one
transaction with its audit record; views, tasks and the demo call these, through this module."""

from ..errors import CareError
from .aid import PAYOUT_PURPOSE, grant_approve, grant_propose, grant_refuse, payout_make, voucher_number
from .campaigns import (
    campaign_approve,
    campaign_close,
    campaign_create,
    campaign_target_add,
    recipients_build,
    site_add,
)
from .deliveries import DELIVERY_PURPOSE, Verification, delivery_record, delivery_verify, mask_name
from .hardship import (
    document_open,
    document_upload,
    file_approve,
    file_close,
    file_number,
    file_open,
    file_read,
    file_review,
    file_yearly_review,
    income_test,
    standard_for,
    standard_set,
)
from .health import eligible, offer_create, stay_assign, stay_book, stay_cancel, stay_done
from .rulebook import RULEBOOK, rulebook_install
from .rules import refusal, rule_add, rule_end, rules_binding

__all__ = [
    "DELIVERY_PURPOSE",
    "PAYOUT_PURPOSE",
    "RULEBOOK",
    "CareError",
    "Verification",
    "campaign_approve",
    "campaign_close",
    "campaign_create",
    "campaign_target_add",
    "delivery_record",
    "delivery_verify",
    "document_open",
    "document_upload",
    "eligible",
    "file_approve",
    "file_close",
    "file_number",
    "file_open",
    "file_read",
    "file_review",
    "file_yearly_review",
    "grant_approve",
    "grant_propose",
    "grant_refuse",
    "income_test",
    "mask_name",
    "offer_create",
    "payout_make",
    "recipients_build",
    "refusal",
    "rule_add",
    "rule_end",
    "rulebook_install",
    "rules_binding",
    "site_add",
    "standard_for",
    "standard_set",
    "stay_assign",
    "stay_book",
    "stay_cancel",
    "stay_done",
    "voucher_number",
]
