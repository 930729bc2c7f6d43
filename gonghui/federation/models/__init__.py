"""The federation's own work (自身建设), one file per aggregate: founding unions and joining
drives, service stations, model unions, cadres' visits, the reform list, cadres, the 12351
hotline and online contests. Every record that hangs on the tree carries `path`."""

from .cadres import Assignment, Grade, Training, UnionWorker
from .contests import Contest, Entry, EntryStatus, Vote, VoteDay
from .founding import OPEN_FOUNDING, DriveJoining, FoundingApplication, FoundingStatus, JoiningDrive
from .hotline import HotlineCategory, OrderChannel, OrderStatus, WorkOrder
from .model_unions import (
    AllowanceTier,
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    ChairAllowance,
    ModelTitle,
    Part,
    StandardItem,
)
from .reform import MeasureStatus, Milestone, ProgressReport, ReformMeasure, ReformTask
from .stations import Criterion, ServiceKind, Station, StationCheck, StationKind, StationService, StationVisit
from .visits import Problem, ProblemStatus, ResearchReport, Visit, VisitPlan

__all__ = [
    "OPEN_FOUNDING",
    "AllowanceTier",
    "Assessment",
    "AssessmentScore",
    "AssessmentStatus",
    "Assignment",
    "ChairAllowance",
    "Contest",
    "Criterion",
    "DriveJoining",
    "Entry",
    "EntryStatus",
    "FoundingApplication",
    "FoundingStatus",
    "Grade",
    "HotlineCategory",
    "JoiningDrive",
    "MeasureStatus",
    "Milestone",
    "ModelTitle",
    "OrderChannel",
    "OrderStatus",
    "Part",
    "Problem",
    "ProblemStatus",
    "ProgressReport",
    "ReformMeasure",
    "ReformTask",
    "ResearchReport",
    "ServiceKind",
    "StandardItem",
    "Station",
    "StationCheck",
    "StationKind",
    "StationService",
    "StationVisit",
    "Training",
    "UnionWorker",
    "Visit",
    "VisitPlan",
    "Vote",
    "VoteDay",
    "WorkOrder",
]
