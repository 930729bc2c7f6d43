"""Labour-dispute mediation and legal aid: the network of mediation organizations,
cases and their timeline, legal aid, joint inspections and the 一函两书 letters.

Every record hangs on a node of the tree through `path`. Back-office staff see
their subtree; a mediator sees the records of the organizations they serve in;
a member sees the cases they filed themselves."""

from .activities import (
    CHECKLISTS,
    Inspection,
    InspectionKind,
    InspectionStatus,
    InspectionVisit,
    Letter,
    LetterKind,
    LetterStatus,
)
from .cases import (
    LEGAL_DAYS,
    AidStatus,
    AlertKind,
    Case,
    CaseDocument,
    CaseEvent,
    CaseParty,
    CaseQuerySet,
    CaseStatus,
    Category,
    Channel,
    DeadlineAlert,
    EventKind,
    LegalAidApplication,
    Outcome,
    PartyKind,
)
from .funding import MediationFunding
from .network import Lawyer, LawyerAssignment, MediationOrg, MediationOrgQuerySet, Mediator, OrgKind

__all__ = [
    "CHECKLISTS",
    "LEGAL_DAYS",
    "AidStatus",
    "AlertKind",
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseParty",
    "CaseQuerySet",
    "CaseStatus",
    "Category",
    "Channel",
    "DeadlineAlert",
    "EventKind",
    "Inspection",
    "InspectionKind",
    "InspectionStatus",
    "InspectionVisit",
    "Lawyer",
    "LawyerAssignment",
    "LegalAidApplication",
    "Letter",
    "LetterKind",
    "LetterStatus",
    "MediationFunding",
    "MediationOrg",
    "MediationOrgQuerySet",
    "Mediator",
    "OrgKind",
    "Outcome",
    "PartyKind",
]
