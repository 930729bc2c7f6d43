"""Merit competitions: the competition and its indicators and periods, the teams with their
reporters and front-line participants, progress reports and scores, the red flag and awards."""

from .competitions import Competition, Indicator, Round
from .progress import Award, IndicatorScore, ProgressReport, RedFlag, ReportQuerySet
from .teams import Participant, Team, TeamQuerySet, TeamReporter

__all__ = [
    "Award",
    "Competition",
    "Indicator",
    "IndicatorScore",
    "Participant",
    "ProgressReport",
    "RedFlag",
    "ReportQuerySet",
    "Round",
    "Team",
    "TeamQuerySet",
    "TeamReporter",
]
