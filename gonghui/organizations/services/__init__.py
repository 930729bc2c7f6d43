"""Writes on the tree that modules ask for: a union founded for an employer unit (founding.py),
and a matter one module puts to another's deciding body (referrals.py)."""

from .founding import FOUNDING_PARENTS, OrganizationError, union_found
from .referrals import ReferralError, referral_decide, referral_open, referral_withdraw

__all__ = [
    "FOUNDING_PARENTS",
    "OrganizationError",
    "ReferralError",
    "referral_decide",
    "referral_open",
    "referral_withdraw",
    "union_found",
]
