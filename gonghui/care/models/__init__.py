"""Care: delivery campaigns and their receipts (campaigns.py), health checks and rest-home stays
(health.py), hardship aid (hardship.py) and the rules of union money (rules.py). Every record
hangs on the tree through `path`; a member sees what was given to them."""

from .campaigns import (
    Campaign,
    CampaignKind,
    CampaignStatus,
    CampaignTarget,
    Delivery,
    GoodsKind,
    ReceiptKind,
    Recipient,
    Site,
)
from .common import CENT, ancestor_paths
from .hardship import (
    ACTIVE_FILE,
    AidGrant,
    AidKind,
    Cause,
    DocumentKind,
    FamilyFile,
    FileCause,
    FileDocument,
    FileReview,
    FileStatus,
    GrantStatus,
    Payout,
    ReviewResult,
    Standard,
)
from .health import HOLDING, Offer, OfferKind, OfferMode, Stay, StayStatus
from .rules import Allowance, MoneyRule, RuleKind

__all__ = [
    "ACTIVE_FILE",
    "CENT",
    "HOLDING",
    "AidGrant",
    "AidKind",
    "Allowance",
    "Campaign",
    "CampaignKind",
    "CampaignStatus",
    "CampaignTarget",
    "Cause",
    "Delivery",
    "DocumentKind",
    "FamilyFile",
    "FileCause",
    "FileDocument",
    "FileReview",
    "FileStatus",
    "GoodsKind",
    "GrantStatus",
    "MoneyRule",
    "Offer",
    "OfferKind",
    "OfferMode",
    "Payout",
    "ReceiptKind",
    "Recipient",
    "ReviewResult",
    "RuleKind",
    "Site",
    "Standard",
    "Stay",
    "StayStatus",
    "ancestor_paths",
]
