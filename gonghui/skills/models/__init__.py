"""Skills: training classes with enrolment, attendance and certificates; skill contests and
五比五赛 with entries; the technician upgrade reward with its payout ledger."""

from .contests import Contest, ContestEntry
from .rewards import REWARD_YUAN, Grade, RewardPayout, RewardQuerySet, TechnicianReward
from .training import Attendance, Enrolment, EnrolmentQuerySet, TrainingClass

__all__ = [
    "REWARD_YUAN",
    "Attendance",
    "Contest",
    "ContestEntry",
    "Enrolment",
    "EnrolmentQuerySet",
    "Grade",
    "RewardPayout",
    "RewardQuerySet",
    "TechnicianReward",
    "TrainingClass",
]
