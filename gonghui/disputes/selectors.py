"""Read queries: the KPIs of the mediation network per node and period.

`disputes_figures(node, period=None)` is what the KPI registry (figures.py) calls. Every
figure is computed from records in the node's subtree; with a period, case figures count
the cases received in it (inspections by their date, letters by their issue date, legal aid
by its application, court mediation funding by its year), while the network figures describe
it as it stood on the period's last day (today when no period is given)."""

import datetime
import statistics
from decimal import Decimal
from typing import TypedDict

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

from .models import (
    AidStatus,
    Case,
    CaseStatus,
    Channel,
    Inspection,
    InspectionVisit,
    Lawyer,
    LawyerAssignment,
    LegalAidApplication,
    Letter,
    LetterKind,
    LetterStatus,
    MediationFunding,
    MediationOrg,
    Mediator,
    OrgKind,
    Outcome,
)


class NetworkFigures(TypedDict):
    mediation_orgs: int
    mediation_orgs_by_kind: dict[str, int]
    grassroots_unions: int
    unions_with_committee: int
    committee_rate: float | None
    mediators: int
    court_invited_mediators: int
    lawyers_matched_streets: int


class CaseFigures(TypedDict):
    cases: int
    cases_by_channel: dict[str, int]
    cases_by_outcome: dict[str, int]
    cases_open: int
    cases_refused: int
    cases_closed: int
    success_rate: float | None
    amount_recovered: str  # 元 with 2 places, as a string: it goes to JSON unchanged
    median_days_to_close: float | None
    overdue_cases: int
    court_entrusted_cases: int
    satisfaction_average: float | None


class ActivityFigures(TypedDict):
    inspections: int
    inspections_by_kind: dict[str, int]
    enterprises_inspected: int
    inspection_findings: int
    letters_issued: int
    letters_answered: int
    letters_resolved: int
    letters_by_kind: dict[str, int]
    legal_aid_applications: int
    legal_aid_granted: int


class FundingFigures(TypedDict):
    court_mediation_funding_yuan: str  # 元 with 2 places


class DisputesFigures(NetworkFigures, FundingFigures, CaseFigures, ActivityFigures):
    pass


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def lawyers_for(case: Case) -> QuerySet[Lawyer]:
    """The active panel lawyers matched to the street of the case's employer."""
    return Lawyer.unscoped.filter(active=True, assignments__street_id=case.unit.street_id).order_by("name")


def _in_force(start: str, end: str, day: datetime.date) -> Q:
    """Begun by `day` (or without a known start) and not ended by then."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day})
    )


def network_figures(prefix: str, day: datetime.date | None = None) -> NetworkFigures:
    """The network as it stood at the end of `day` (today when not given): organizations
    established and not closed, mediators appointed and not gone, lawyers matched, grassroots
    unions founded by then. Today's figures also need the record switched on."""
    today = timezone.localdate()
    day = day or today
    now = day >= today
    orgs = MediationOrg.unscoped.filter(
        _in_force("established_on", "closed_on", day), path__startswith=prefix
    )
    seats = Mediator.unscoped.filter(
        _in_force("appointed_on", "left_on", day), _in_force("org__established_on", "org__closed_on", day)
    ).filter(path__startswith=prefix)
    matched = LawyerAssignment.unscoped.filter(_in_force("since", "until", day), path__startswith=prefix)
    if now:
        orgs, seats = orgs.filter(active=True), seats.filter(active=True, org__active=True)
        matched = matched.filter(lawyer__active=True)
    by_kind = {row["kind"]: row["n"] for row in orgs.values("kind").annotate(n=Count("id")).order_by()}
    unions = Node.objects.filter(path__startswith=prefix, kind=Node.Kind.GRASSROOTS).filter(
        Q(founded_on__isnull=True) | Q(founded_on__lte=day)
    )
    with_committee = (
        orgs.filter(kind=OrgKind.ENTERPRISE_COMMITTEE, node__in=unions).values("node_id").distinct().count()
    )
    grassroots = unions.count()
    return {
        "mediation_orgs": sum(by_kind.values()),
        "mediation_orgs_by_kind": {kind: by_kind.get(kind, 0) for kind in OrgKind.values},
        "grassroots_unions": grassroots,
        "unions_with_committee": with_committee,
        "committee_rate": _rate(with_committee, grassroots),
        "mediators": seats.values("user").distinct().count(),
        "court_invited_mediators": seats.filter(invited=True, org__kind=OrgKind.COURT_ROOM).count(),
        "lawyers_matched_streets": matched.values("street").distinct().count(),
    }


def funding_figures(prefix: str, period: Period | None) -> FundingFigures:
    """Court mediation funding of the years the period covers (all years when not given)."""
    rows = MediationFunding.unscoped.filter(path__startswith=prefix, org__kind=OrgKind.COURT_ROOM)
    if period is not None:
        rows = rows.filter(year__gte=period.start.year, year__lte=period.end.year)
    total = rows.aggregate(s=Sum("amount", default=Decimal("0")))["s"]
    return {"court_mediation_funding_yuan": str(total.quantize(Decimal("0.01")))}


def case_figures(prefix: str, period: Period | None, today: datetime.date) -> CaseFigures:
    cases = Case.unscoped.filter(path__startswith=prefix)
    if period is not None:
        start, end = period.bounds()
        cases = cases.filter(received_at__gte=start, received_at__lt=end)
    by_channel = {
        row["channel"]: row["n"] for row in cases.values("channel").annotate(n=Count("id")).order_by()
    }
    closed = cases.filter(status=CaseStatus.CLOSED)
    by_outcome = {
        row["outcome"]: row["n"] for row in closed.values("outcome").annotate(n=Count("id")).order_by()
    }
    agreements = by_outcome.get(Outcome.AGREEMENT, 0)
    amount = closed.aggregate(total=Sum("amount_recovered", default=Decimal("0")))["total"]
    durations = [
        (closed_at - accepted_at).total_seconds() / 86400
        for accepted_at, closed_at in closed.filter(accepted_at__isnull=False).values_list(
            "accepted_at", "closed_at"
        )
        if accepted_at and closed_at
    ]
    overdue = cases.filter(
        Q(status=CaseStatus.ACCEPTED, due_on__lt=today)
        | Q(status=CaseStatus.CLOSED, due_on__isnull=False, closed_at__date__gt=F("due_on"))
    ).count()
    rated = closed.filter(satisfaction__isnull=False).values_list("satisfaction", flat=True)
    ratings = [r for r in rated if r is not None]
    return {
        "cases": sum(by_channel.values()),
        "cases_by_channel": {channel: by_channel.get(channel, 0) for channel in Channel.values},
        "cases_by_outcome": {o: by_outcome.get(o, 0) for o in Outcome.values if o},
        "cases_open": cases.filter(status__in=[CaseStatus.RECEIVED, CaseStatus.ACCEPTED]).count(),
        "cases_refused": cases.filter(status=CaseStatus.REFUSED).count(),
        "cases_closed": sum(by_outcome.values()),
        "success_rate": _rate(agreements, sum(by_outcome.values())),
        "amount_recovered": str(amount.quantize(Decimal("0.01"))),
        "median_days_to_close": round(statistics.median(durations), 1) if durations else None,
        "overdue_cases": overdue,
        "court_entrusted_cases": by_channel.get(Channel.COURT, 0),
        "satisfaction_average": round(sum(ratings) / len(ratings), 2) if ratings else None,
    }


def activity_figures(prefix: str, period: Period | None) -> ActivityFigures:
    inspections = Inspection.unscoped.filter(path__startswith=prefix)
    letters = Letter.unscoped.filter(path__startswith=prefix)
    aid = LegalAidApplication.unscoped.filter(path__startswith=prefix)
    if period is not None:
        start, end = period.bounds()
        inspections = inspections.filter(date__gte=period.start, date__lte=period.end)
        letters = letters.filter(issued_on__gte=period.start, issued_on__lte=period.end)
        aid = aid.filter(applied_at__gte=start, applied_at__lt=end)
    visits = InspectionVisit.objects.filter(inspection__in=inspections)
    letter_counts = letters.aggregate(
        issued=Count("id"),
        answered=Count("id", filter=Q(replied_on__isnull=False)),
        **{f"kind_{k}": Count("id", filter=Q(kind=k)) for k in LetterKind.values},
    )
    return {
        "inspections": inspections.count(),
        "inspections_by_kind": {
            row["kind"]: row["n"] for row in inspections.values("kind").annotate(n=Count("id")).order_by()
        },
        "enterprises_inspected": visits.count(),
        "inspection_findings": visits.filter(has_issue=True).count(),
        "letters_issued": letter_counts["issued"],
        "letters_answered": letter_counts["answered"],
        "letters_resolved": letters.filter(status=LetterStatus.RESOLVED).count(),
        "letters_by_kind": {
            LetterKind(k).name.lower(): letter_counts[f"kind_{k}"] for k in LetterKind.values
        },
        "legal_aid_applications": aid.count(),
        "legal_aid_granted": aid.filter(status=AidStatus.GRANTED).count(),
    }


def disputes_figures(node: Node, period: Period | None = None) -> DisputesFigures:
    """All dispute KPIs of a node's subtree (see figures.py for each key)."""
    today = timezone.localdate()
    return {
        **network_figures(node.path, period.end if period else today),
        **funding_figures(node.path, period),
        **case_figures(node.path, period, today),
        **activity_figures(node.path, period),
    }
