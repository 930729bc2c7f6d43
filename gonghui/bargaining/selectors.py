"""Read queries of collective bargaining: coverage as of a day (by street and by industry), the
clocks that are overdue, and the figures of the KPI registry (`bargaining_figures`)."""

import datetime
from typing import TypedDict

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.lib.figures import Period
from gonghui.organizations.models import Node, Unit

from .models import Agreement, AgreementUnit, Offer

ENTERPRISES = ~Q(ownership__in=Unit.NON_ENTERPRISE)


def in_force_on(day: datetime.date, prefix: str = "") -> QuerySet[Agreement]:
    return Agreement.unscoped.filter(
        path__startswith=prefix, signed_on__lte=day, starts_on__lte=day, ends_on__gte=day
    ).filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=day))


def covered_units(prefix: str, day: datetime.date) -> QuerySet[Unit]:
    """The units of the subtree covered by an agreement in force on `day` (where a unit is
    counts, whoever signed the agreement: an industry agreement covers units of many streets)."""
    links = AgreementUnit.objects.filter(path__startswith=prefix, agreement__in=in_force_on(day))
    # An uncorrelated subquery (not EXISTS): a cluster that distributes units can then read the
    # links, which it keeps on one node, before it asks the shards (docs/scale-out.md).
    return Unit.unscoped.filter(pk__in=links.values("unit_id"))


def enterprises_covered(prefix: str, day: datetime.date) -> int:
    return covered_units(prefix, day).filter(ENTERPRISES).count()


def coverage_by(prefix: str, day: datetime.date, field: str) -> dict[str, int]:
    """Enterprises covered, by street (its id) or by industry (its letter)."""
    rows = (
        covered_units(prefix, day).filter(ENTERPRISES).values(field).annotate(n=Count("id")).order_by(field)
    )
    return {str(row[field]): row["n"] for row in rows}


def average_growth(start: int, end: int, years: float) -> float | None:
    """The yearly rate that takes `start` to `end` in `years` (compound)."""
    if start <= 0 or years <= 0:
        return None
    return round(float((end / start) ** (1 / years)) - 1, 4)


def years_between(first: datetime.date, last: datetime.date) -> float:
    """Whole years between the same day of two years; otherwise days over the mean year."""
    if (first.month, first.day) == (last.month, last.day):
        return float(last.year - first.year)
    return (last - first).days / 365.2425


def overdue_filing(prefix: str, day: datetime.date) -> QuerySet[Agreement]:
    """Agreements in force on `day` with a filing step past its due date and not done by then."""

    def late(due: str, done: str) -> Q:
        return Q(**{f"{due}__lt": day}) & (Q(**{f"{done}__isnull": True}) | Q(**{f"{done}__gt": day}))

    publish = late("publish_due", "published_on") & Q(hr_decided_on__lte=day)
    return in_force_on(day, prefix).filter(
        late("hr_file_due", "hr_filed_on") | late("union_file_due", "union_filed_on") | publish
    )


def offers_overdue(prefix: str, day: datetime.date) -> QuerySet[Offer]:
    return Offer.unscoped.filter(
        path__startswith=prefix, status=Offer.Status.SENT, answered_on__isnull=True, answer_due__lt=day
    )


class BargainingFigures(TypedDict):
    agreements_in_force: int
    enterprises_covered: int
    workers_covered: int
    coverage_growth_avg: float | None
    offers: int
    offers_answered_in_time_rate: float | None
    agreements_overdue_filing: int


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def bargaining_figures(node: Node, period: Period | None = None) -> BargainingFigures:
    """Stocks on the period's last day (today without one); flows within the period (all the
    records without one); the growth from the day before the period to its last day."""
    today = timezone.localdate()
    day = period.end if period else today
    covered = covered_units(node.path, day)
    offers = Offer.unscoped.filter(path__startswith=node.path)
    growth = None
    if period is not None:
        offers = offers.filter(sent_on__gte=period.start, sent_on__lte=period.end)
        before = period.start - datetime.timedelta(days=1)
        years = years_between(before, period.end)
        growth = average_growth(
            enterprises_covered(node.path, before), enterprises_covered(node.path, day), years
        )
    # offers whose answer is in or due, and those answered within the 20 days
    answers = offers.filter(Q(answered_on__isnull=False) | Q(answer_due__lt=today)).aggregate(
        due=Count("id"), in_time=Count("id", filter=Q(answered_on__lte=F("answer_due")))
    )
    return {
        "agreements_in_force": in_force_on(day, node.path).count(),
        "enterprises_covered": covered.filter(ENTERPRISES).count(),
        "workers_covered": covered.aggregate(n=Sum("workforce", default=0))["n"],
        "coverage_growth_avg": growth,
        "offers": offers.count(),
        "offers_answered_in_time_rate": _rate(answers["in_time"], answers["due"]),
        "agreements_overdue_filing": overdue_filing(node.path, day).count(),
    }
