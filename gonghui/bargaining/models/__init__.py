"""Collective bargaining: offers and rounds of talks (offers.py), agreements, the units they
cover and the filing clocks with their alerts (agreements.py)."""

from .agreements import (
    HR_FILE_DAYS,
    HR_REVIEW_DAYS,
    PUBLISH_DAYS,
    RENEGOTIATE_DAYS_BEFORE,
    UNION_FILE_DAYS,
    Agreement,
    AgreementUnit,
    Alert,
    Clock,
)
from .common import Kind, Level
from .offers import ANSWER_DAYS, INFO_DAYS_BEFORE, Offer, Round

__all__ = [
    "ANSWER_DAYS",
    "HR_FILE_DAYS",
    "HR_REVIEW_DAYS",
    "INFO_DAYS_BEFORE",
    "PUBLISH_DAYS",
    "RENEGOTIATE_DAYS_BEFORE",
    "UNION_FILE_DAYS",
    "Agreement",
    "AgreementUnit",
    "Alert",
    "Clock",
    "Kind",
    "Level",
    "Offer",
    "Round",
]
