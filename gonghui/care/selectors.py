"""Read queries: the care figures of a node's subtree for a period, and the counts the pages show.

`care_figures(node, period=None)` is what the KPI registry (figures.py) calls. Flows count the
records of the period by their own dates (a delivery when it was signed for, a stay when it was
taken, a payout when it was paid, a campaign when it starts); the open hardship files are a stock
as of the period's last day, from the days each file was opened and closed."""

import datetime
from decimal import Decimal
from typing import TypedDict

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

from .models import (
    Campaign,
    CampaignKind,
    CampaignStatus,
    Delivery,
    FamilyFile,
    OfferKind,
    Payout,
    Recipient,
    Site,
    Stay,
    StayStatus,
)


class CampaignFigures(TypedDict):
    campaigns: int
    people_served: int
    person_times: int
    spend_yuan: dict[str, str]  # by campaign kind, 元 with 2 places


class StayFigures(TypedDict):
    health_checks: int
    rest_home_stays: int


class HardshipFigures(TypedDict):
    hardship_files_open: int
    hardship_aid_paid_yuan: str
    hardship_files_closed: int


class CareFigures(CampaignFigures, StayFigures, HardshipFigures):
    pass


def yuan(value: Decimal | None) -> str:
    return str((value or Decimal("0")).quantize(Decimal("0.01")))


def deliveries_in(prefix: str, period: Period | None) -> QuerySet[Delivery]:
    deliveries = Delivery.unscoped.filter(path__startswith=prefix)
    if period is not None:
        start, end = period.bounds()
        deliveries = deliveries.filter(delivered_at__gte=start, delivered_at__lt=end)
    return deliveries


def campaign_figures(prefix: str, period: Period | None) -> CampaignFigures:
    deliveries = deliveries_in(prefix, period)
    # A campaign counts where it was organized and wherever it served someone.
    campaigns = Campaign.unscoped.exclude(status=CampaignStatus.DRAFT).filter(
        Q(path__startswith=prefix) | Q(pk__in=deliveries.values("campaign_id"))
    )
    if period is not None:
        campaigns = campaigns.filter(starts_on__gte=period.start, starts_on__lte=period.end)
    spend = {
        row["kind"]: row["total"] for row in deliveries.values("kind").annotate(total=Sum("value")).order_by()
    }
    return {
        "campaigns": campaigns.count(),
        "people_served": deliveries.values("member_id").distinct().count(),
        "person_times": deliveries.count(),
        "spend_yuan": {kind: yuan(spend.get(kind)) for kind in CampaignKind.values},
    }


def stay_figures(prefix: str, period: Period | None) -> StayFigures:
    stays = Stay.unscoped.filter(path__startswith=prefix, status=StayStatus.DONE)
    if period is not None:
        stays = stays.filter(done_on__gte=period.start, done_on__lte=period.end)
    counts = {row["kind"]: row["n"] for row in stays.values("kind").annotate(n=Count("id")).order_by()}
    return {
        "health_checks": counts.get(OfferKind.HEALTH_CHECK, 0),
        "rest_home_stays": counts.get(OfferKind.REST_HOME, 0),
    }


def hardship_figures(prefix: str, period: Period | None, today: datetime.date) -> HardshipFigures:
    files = FamilyFile.unscoped.filter(path__startswith=prefix, opened_on__isnull=False)
    as_of = period.end if period is not None else today
    still_open = files.filter(opened_on__lte=as_of).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))
    closed = files.filter(closed_on__isnull=False)
    payouts = Payout.unscoped.filter(path__startswith=prefix)
    if period is not None:
        start, end = period.bounds()
        closed = closed.filter(closed_on__gte=period.start, closed_on__lte=period.end)
        payouts = payouts.filter(paid_at__gte=start, paid_at__lt=end)
    return {
        "hardship_files_open": still_open.count(),
        "hardship_aid_paid_yuan": yuan(payouts.aggregate(total=Sum("amount"))["total"]),
        "hardship_files_closed": closed.count(),
    }


def care_figures(node: Node, period: Period | None = None) -> CareFigures:
    """All care figures of a node's subtree (see figures.py for each key)."""
    today = timezone.localdate()
    return {
        **campaign_figures(node.path, period),
        **stay_figures(node.path, period),
        **hardship_figures(node.path, period, today),
    }


# What the pages show beside the records ---------------------------------------------------------


class CampaignCounts(TypedDict):
    listed: int
    served: int
    spent: str
    sites: int


def campaign_counts(campaign: Campaign) -> CampaignCounts:
    served = Delivery.unscoped.filter(campaign=campaign).aggregate(n=Count("id"), total=Sum("value"))
    return {
        "listed": Recipient.unscoped.filter(campaign=campaign).count(),
        "served": served["n"],
        "spent": yuan(served["total"]),
        "sites": Site.unscoped.filter(campaign=campaign).count(),
    }


def served_at(site: Site) -> int:
    return Delivery.unscoped.filter(site=site).count()
