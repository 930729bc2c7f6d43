"""Read queries of the congress module: quorum, composition, the member's place, the board,
and the figures of the KPI registry (`congress_figures`)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gonghui.lib.figures import Period
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit

from .models import (
    Assessment,
    Congress,
    CongressUnit,
    Constituency,
    Election,
    Proposal,
    Representative,
    Seat,
    Session,
    SignIn,
)


def has_quorum(present: int, seated: int) -> bool:
    """Two thirds of the seated representatives, exactly two thirds included (integers only:
    no rounding decides a quorum)."""
    return seated > 0 and present * 3 >= seated * 2


@dataclass(frozen=True)
class Quorum:
    seated: int
    present: int

    @property
    def needed(self) -> int:
        return -(-self.seated * 2 // 3)  # the smallest n with 3n >= 2 * seated

    @property
    def met(self) -> bool:
        return has_quorum(self.present, self.seated)


def seated_count(congress_id: int) -> int:
    return Representative.unscoped.filter(congress_id=congress_id, status=Seat.ACTIVE).count()


def quorum(session: Session) -> Quorum:
    present = SignIn.objects.filter(session=session, representative__status=Seat.ACTIVE).count()
    return Quorum(seated=seated_count(session.congress_id), present=present)


@dataclass(frozen=True)
class Composition:
    seated: int
    frontline: int
    women: int
    frontline_min: Decimal
    women_min: Decimal

    @property
    def frontline_ok(self) -> bool:
        return self.frontline >= self.frontline_min * self.seated

    @property
    def women_ok(self) -> bool:
        return self.women >= self.women_min * self.seated


def composition(congress: Congress) -> Composition:
    seats = Representative.unscoped.filter(congress=congress, status=Seat.ACTIVE).aggregate(
        n=Count("id"),
        frontline=Count("id", filter=Q(frontline=True)),
        women=Count("id", filter=Q(woman=True)),
    )
    return Composition(
        seated=seats["n"],
        frontline=seats["frontline"],
        women=seats["women"],
        frontline_min=congress.frontline_share,
        women_min=congress.women_share,
    )


def seat_of(member: Member | None, congress_id: int) -> Representative | None:
    """The member's seat in the congress now, if they hold one."""
    if member is None:
        return None
    return (
        Representative.unscoped.filter(member=member, congress_id=congress_id, status=Seat.ACTIVE)
        .select_related("member")
        .first()
    )


def congress_units(congress: Congress) -> QuerySet[Unit]:
    return Unit.unscoped.filter(pk__in=CongressUnit.unscoped.filter(congress=congress).values("unit_id"))


def signed_in(session_id: int, representative_id: int) -> bool:
    return SignIn.objects.filter(session_id=session_id, representative_id=representative_id).exists()


def constituency_of(election: Election, member: Member) -> Constituency | None:
    """The constituency the member votes in: the one that holds their unit."""
    if member.unit_id is None:
        return None
    return Constituency.objects.filter(election=election, units=member.unit_id).first()


def board_counts(proposals: QuerySet[Proposal]) -> dict[str, int]:
    """Proposals by the board's status (待办 / 在办 / 已答复 / 已反馈)."""
    counts = dict.fromkeys(Proposal.Board.values, 0)
    for proposal in proposals.only("status"):
        counts[proposal.board] += 1
    return counts


# --- figures -------------------------------------------------------------------------------


class CongressFigures(TypedDict):
    units_with_congress: int
    establishment_rate: float | None
    non_enterprise_establishment_rate: float | None
    representatives: int
    representative_performance_rate: float | None
    proposals: int
    proposals_answered_rate: float | None
    sessions_held: int


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def units_with_congress(prefix: str, day: datetime.date) -> QuerySet[CongressUnit]:
    """The links of units to a congress that stood on `day`."""
    return CongressUnit.unscoped.filter(
        path__startswith=prefix, since__lte=day, congress__established_on__lte=day
    ).filter(Q(congress__dissolved_on__isnull=True) | Q(congress__dissolved_on__gt=day))


def _establishment(prefix: str, day: datetime.date) -> tuple[int, float | None, float | None]:
    with_congress = units_with_congress(prefix, day).values("unit_id")
    covered = Unit.unscoped.filter(path__startswith=prefix, union__isnull=False, covered_on__lte=day)
    counts = covered.aggregate(
        covered=Count("id"),
        with_congress=Count("id", filter=Q(pk__in=with_congress)),
        non_enterprise=Count("id", filter=Q(ownership__in=Unit.NON_ENTERPRISE)),
        non_enterprise_with=Count("id", filter=Q(ownership__in=Unit.NON_ENTERPRISE, pk__in=with_congress)),
    )
    return (
        units_with_congress(prefix, day).count(),
        _rate(counts["with_congress"], counts["covered"]),
        _rate(counts["non_enterprise_with"], counts["non_enterprise"]),
    )


def representatives_on(prefix: str, day: datetime.date) -> QuerySet[Representative]:
    return Representative.unscoped.filter(path__startswith=prefix, elected_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def congress_figures(node: Node, period: Period | None = None) -> CongressFigures:
    """The congress figures of a node's subtree: stocks on the period's last day (today without
    a period), flows within it (over all the records without one)."""
    day = period.end if period else timezone.localdate()
    assessments = Assessment.unscoped.filter(path__startswith=node.path)
    proposals = Proposal.unscoped.filter(path__startswith=node.path)
    sessions = Session.unscoped.filter(path__startswith=node.path, status=Session.Status.CLOSED)
    if period is not None:
        start, end = period.bounds()
        assessments = assessments.filter(assessed_on__gte=period.start, assessed_on__lte=period.end)
        proposals = proposals.filter(submitted_at__gte=start, submitted_at__lt=end)
        sessions = sessions.filter(starts_at__gte=start, starts_at__lt=end)
    graded = assessments.aggregate(n=Count("id"), passed=Count("id", filter=Q(grade__in=Assessment.PASSING)))
    handled = proposals.filter(
        status__in=[
            Proposal.Status.ACCEPTED,
            Proposal.Status.OPINION,
            Proposal.Status.ASSIGNED,
            Proposal.Status.ANSWERED,
            Proposal.Status.RATED,
        ]
    ).aggregate(n=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False)))
    units, rate, non_enterprise_rate = _establishment(node.path, day)
    return {
        "units_with_congress": units,
        "establishment_rate": rate,
        "non_enterprise_establishment_rate": non_enterprise_rate,
        "representatives": representatives_on(node.path, day).count(),
        "representative_performance_rate": _rate(graded["passed"], graded["n"]),
        "proposals": proposals.count(),
        "proposals_answered_rate": _rate(handled["answered"], handled["n"]),
        "sessions_held": sessions.count(),
    }
