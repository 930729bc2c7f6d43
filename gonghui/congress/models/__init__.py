"""Workers' congresses: the congress and its representatives (congresses.py), elections
(elections.py), sessions, items and votes (sessions.py), proposals, duty reports and
assessments (proposals.py). Every record hangs on the congress's node through `path`."""

from .congresses import Congress, CongressScopedQuerySet, CongressUnit, Reach, Representative, Seat
from .elections import Candidate, Constituency, Election, ElectionBallot, ElectionVote
from .proposals import Assessment, DutyReport, Proposal, ProposalSecond
from .sessions import APPRAISAL_CHOICES, MOTION_CHOICES, Ballot, Choice, Item, Power, Session, SignIn, Vote

__all__ = [
    "APPRAISAL_CHOICES",
    "MOTION_CHOICES",
    "Assessment",
    "Ballot",
    "Candidate",
    "Choice",
    "Congress",
    "CongressScopedQuerySet",
    "CongressUnit",
    "Constituency",
    "DutyReport",
    "Election",
    "ElectionBallot",
    "ElectionVote",
    "Item",
    "Power",
    "Proposal",
    "ProposalSecond",
    "Reach",
    "Representative",
    "Seat",
    "Session",
    "SignIn",
    "Vote",
]
