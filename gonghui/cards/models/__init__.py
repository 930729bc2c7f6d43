"""The member service card and its three kinds of benefit, one file per part:
the card itself, 商惠 merchant discounts, 普惠 basic protection, 特惠 free services."""

from .benefits import EntitlementUse, FreeService, Redemption, ServicePoint, ServicePointStaff
from .card import Card, CardStatusChange
from .merchants import (
    CashierAccount,
    DiscountRule,
    Merchant,
    MerchantStatusChange,
    RuleMemberUsage,
    Sale,
    Store,
)
from .protection import Claim, ClaimDocument, Enrolment, Payout, PlanYear

__all__ = [
    "Card",
    "CardStatusChange",
    "CashierAccount",
    "Claim",
    "ClaimDocument",
    "DiscountRule",
    "Enrolment",
    "EntitlementUse",
    "FreeService",
    "Merchant",
    "MerchantStatusChange",
    "Payout",
    "PlanYear",
    "Redemption",
    "RuleMemberUsage",
    "Sale",
    "ServicePoint",
    "ServicePointStaff",
    "Store",
]
