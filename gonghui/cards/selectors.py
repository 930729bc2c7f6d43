"""Read queries: the card's KPIs for any node (`cards_figures`) and the statistics pages.
Figures are computed from the records; money comes back as Decimal strings (元, 2 places)."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    Max,
    Min,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear, TruncDate
from django.utils import timezone

from gonghui.lib.db import fetch_all, first_per, sql_of
from gonghui.lib.figures import Period
from gonghui.members.models import IdProblem, Member, MemberStatus
from gonghui.members.selectors import in_subtree_since, members_counted_on
from gonghui.organizations.models import Node, Unit

from .models import (
    Card,
    CardStatusChange,
    Claim,
    DiscountRule,
    Enrolment,
    Merchant,
    MerchantStatusChange,
    Payout,
    Redemption,
    Sale,
)
from .money import yuan


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _in_year[M: Model](qs: QuerySet[M], field: str, year: int | None) -> QuerySet[M]:
    return _in_period(qs, field, None if year is None else Period.year(year))


def _in_period[M: Model](qs: QuerySet[M], field: str, period: Period | None) -> QuerySet[M]:
    """Rows whose `field` (a date-time) falls in the period; all rows without one."""
    if period is None:
        return qs
    start, end = period.bounds()
    return qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})


def _in_years[M: Model](qs: QuerySet[M], field: str, period: Period | None) -> QuerySet[M]:
    """Rows whose `field` (a year number) falls in the period's years."""
    if period is None:
        return qs
    return qs.filter(**{f"{field}__gte": period.start.year, f"{field}__lte": period.end.year})


def counted_members(prefix: str) -> QuerySet[Member]:
    return Member.unscoped.filter(
        path__startswith=prefix, status=MemberStatus.ACTIVE, id_problem=IdProblem.NONE
    )


def _holding() -> Exists:
    # The district too (a card has its member's): a cluster distributed by it joins on it.
    return Exists(
        Card.unscoped.filter(member=OuterRef("pk"), district=OuterRef("district"), status=Card.Status.ACTIVE)
    )


def _day_end(day: datetime.date) -> datetime.datetime:
    return Period(day, day).bounds()[1]


def _status_then(history: QuerySet[Any], after: datetime.datetime) -> Coalesce:
    """The status a row had just before `after`, read back from its history (the
    `from_status` of its first change since), or its status now."""
    first_change = history.filter(at__gte=after).order_by("at", "id").values("from_status")[:1]
    return Coalesce(Subquery(first_change), F("status"))


def _holders_on(prefix: str, day: datetime.date) -> tuple[str, list[Any]]:
    """SQL of the (member_id, district) of the subtree's members (those of then included) who
    held an active card at the end of `day`: activated by then, and active then by its history
    (the `from_status` of its first change since, or its status now when nothing changed)."""
    after = _day_end(day)
    cards = (
        Card.unscoped.filter(in_subtree_since(prefix, after, member="member_id"))
        .filter(activated_at__lt=after)
        .values("id", "member_id", "district", "status")
    )
    changes = first_per(
        CardStatusChange.objects.filter(at__gte=after), "card_id", ("at", "id"), "from_status"
    )
    (c, c_params), (h, h_params) = sql_of(cards), sql_of(changes)
    sql = (
        f"SELECT DISTINCT c.member_id, c.district FROM ({c}) c LEFT JOIN ({h}) h ON h.card_id = c.id"
        " WHERE COALESCE(h.from_status, c.status) = %s"
    )
    return sql, [*c_params, *h_params, Card.Status.ACTIVE]


def _by_employer_on(prefix: str, day: datetime.date) -> list[tuple[int | None, int, int]]:
    """(employer, members, card holders among them) at the end of `day`, from the history."""
    members, m_params = members_counted_on(prefix, day)
    holders, h_params = _holders_on(prefix, day)
    sql = (
        "SELECT t.unit_id, COUNT(*), SUM(CASE WHEN h.member_id IS NULL THEN 0 ELSE 1 END)"
        f" FROM ({members}) t LEFT JOIN ({holders}) h ON h.member_id = t.id AND h.district = t.district"
        " GROUP BY t.unit_id"
    )
    return fetch_all(Member.unscoped.db, sql, [*m_params, *h_params])


def holder_figures(prefix: str, day: datetime.date | None = None) -> dict[str, int]:
    """Members in good standing and the card holders among them, in all and in enterprises:
    now, or at the end of `day` (membership and cards as they were then, by their history;
    the employer is the member's present one).

    Counted per employer, then added up by the employer's ownership: a member's employer may be
    in another district, and a cluster distributed by district cannot outer-join a member to it."""
    by_employer: Iterable[tuple[int | None, int, int]]
    if day is None or day >= timezone.localdate():
        by_employer = (
            counted_members(prefix)
            .annotate(holds=_holding())
            .values_list("unit_id")
            .annotate(n=Count("id"), holders=Count("id", filter=Q(holds=True)))
            .order_by()
        )
    else:
        by_employer = _by_employer_on(prefix, day)
    others = set(Unit.unscoped.filter(ownership__in=Unit.NON_ENTERPRISE).values_list("pk", flat=True))
    totals = dict.fromkeys(("members", "holders", "enterprise", "enterprise_holders"), 0)
    for unit_id, n, holders in by_employer:
        totals["members"] += n
        totals["holders"] += holders
        if unit_id is not None and unit_id not in others:
            totals["enterprise"] += n
            totals["enterprise_holders"] += holders
    return totals


def cards_figures(node: Node, period: Period | None = None) -> dict[str, Any]:
    """The card, protection, merchant and free-service KPIs of a node's subtree (see
    figures.py for each key). Flows count within the period (all time when not given);
    stocks (holders, card rates, merchants and discounts) are as of the period's last day
    (today when not given)."""
    prefix = node.path
    day = period.end if period else timezone.localdate()
    holders = holder_figures(prefix, day)
    cards = _in_period(Card.unscoped.filter(path__startswith=prefix), "issued_at", period)
    enrolments = _in_years(Enrolment.unscoped.filter(path__startswith=prefix), "plan_year__year", period)
    premiums = enrolments.aggregate(n=Count("id"), district=Sum("district_premium"), city=Sum("city_premium"))
    district, city = premiums["district"] or Decimal(0), premiums["city"] or Decimal(0)
    claims = _in_period(Claim.unscoped.filter(path__startswith=prefix), "filed_at", period)
    payouts = _in_period(Payout.unscoped.filter(path__startswith=prefix), "paid_at", period).aggregate(
        n=Count("id"),
        people=Count("member", distinct=True),
        amount=Sum("amount"),
        non_enterprise_people=Count("member", distinct=True, filter=Q(non_enterprise=True)),
    )
    sold = _in_period(Sale.unscoped.filter(path__startswith=prefix), "created_at", period)
    sales = sold.aggregate(n=Count("id"), amount=Sum("amount"), discount=Sum("discount"))
    redemptions = _in_years(Redemption.unscoped.filter(path__startswith=prefix), "year", period)
    reached = Card.unscoped.filter(path__startswith=prefix)
    if period is not None:
        reached = reached.filter(issued_at__lt=period.bounds()[1])
    return {
        "card_holders": holders["holders"],
        "card_rate": _rate(holders["holders"], holders["members"]),
        "enterprise_members": holders["enterprise"],
        "enterprise_card_holders": holders["enterprise_holders"],
        "enterprise_card_rate": _rate(holders["enterprise_holders"], holders["enterprise"]),
        "members_reached": reached.values("member").distinct().count(),
        "cards_issued": cards.count(),
        "enrolled": premiums["n"],
        "premiums_district": yuan(district),
        "premiums_city": yuan(city),
        "premiums_paid": yuan(district + city),
        "claims": claims.count(),
        "claims_paid": payouts["n"],
        "claim_people_paid": payouts["people"],
        "claim_amount_paid": yuan(payouts["amount"]),
        "claims_non_enterprise_share": _rate(payouts["non_enterprise_people"], payouts["people"]),
        **merchant_figures(prefix, day),
        "merchant_transactions": sales["n"],
        "merchant_sales_amount": yuan(sales["amount"]),
        "discount_given": yuan(sales["discount"]),
        "sales_by_merchant": sales_by_merchant(sold),
        "services_redeemed": redemptions.count(),
    }


def merchant_figures(prefix: str, day: datetime.date) -> dict[str, Any]:
    """Partner merchants whose agreement is in force on `day` and who were not suspended or
    ended then (by their history), and the range of the discounts their rules in force give
    that day."""
    history = MerchantStatusChange.objects.filter(merchant=OuterRef("pk"))
    merchants = (
        Merchant.unscoped.filter(path__startswith=prefix, agreement_start__lte=day, agreement_end__gte=day)
        .annotate(status_then=_status_then(history, _day_end(day)))
        .filter(status_then=Merchant.Status.ACTIVE)
    )
    rates = DiscountRule.unscoped.filter(
        merchant__in=merchants.values("pk"), active=True, starts_on__lte=day, ends_on__gte=day
    ).aggregate(low=Min("rate"), high=Max("rate"))
    return {
        "merchants": merchants.count(),
        "discount_rate_min": _rate_value(rates["low"]),
        "discount_rate_max": _rate_value(rates["high"]),
    }


def sales_by_merchant(sales: QuerySet[Sale], limit: int = 30) -> dict[str, int]:
    """Discounted sales per merchant, the busiest first (at most `limit` merchants)."""
    rows = sales.values("merchant__name").annotate(n=Count("id")).order_by("-n", "merchant__name")[:limit]
    return {row["merchant__name"]: row["n"] for row in rows}


def _rate_value(rate: Decimal | None) -> float | None:
    return None if rate is None else round(float(rate), 4)


RATE_ORDERS = {
    "members": ("-members", "unit_id"),
    "rate": ("-rate", "-members", "unit_id"),
    "-rate": ("rate", "-members", "unit_id"),
    "name": ("unit_name", "unit_id"),
}


def card_rate_by_unit(
    members: QuerySet[Member], *, order: str = "members", enterprise: bool | None = None, name: str = ""
) -> QuerySet[Any, Any]:
    """Card rate per employer unit, from a members queryset already scoped by the caller: one
    row per unit (unit_id, unit_name, ownership, members, holders, rate), in the order asked
    for, optionally only enterprises (or only the others) or units whose name has `name`.
    The units are read by subqueries on the unit's id and district, not joined on the id alone
    (which a city's cluster refuses between two distributed tables)."""
    rows = members.filter(status=MemberStatus.ACTIVE, id_problem=IdProblem.NONE, unit__isnull=False)
    unit = Unit.unscoped.filter(pk=OuterRef("unit_id"), district=OuterRef("district"))
    if enterprise is not None:
        other = Exists(unit.filter(ownership__in=Unit.NON_ENTERPRISE))
        rows = rows.exclude(other) if enterprise else rows.filter(other)
    if name:
        rows = rows.filter(Exists(unit.filter(name__contains=name)))
    return (
        rows.annotate(holds=_holding())
        .values("unit_id", "district")
        .annotate(members=Count("id"), holders=Count("id", filter=Q(holds=True)))
        .annotate(
            rate=Cast("holders", FloatField()) / F("members"),
            unit_name=Subquery(unit.values("name")),
            ownership=Subquery(unit.values("ownership")),
        )
        .order_by(*RATE_ORDERS.get(order, RATE_ORDERS["members"]))
    )


def is_enterprise(ownership: str) -> bool:
    return ownership not in Unit.NON_ENTERPRISE


def claims_by_year(payouts: QuerySet[Payout]) -> list[dict[str, Any]]:
    rows = (
        payouts.annotate(year=ExtractYear("paid_at"))
        .values("year")
        .annotate(
            n=Count("id"),
            people=Count("member", distinct=True),
            amount=Sum("amount"),
            non_enterprise=Count("member", distinct=True, filter=Q(non_enterprise=True)),
        )
        .order_by("year")
    )
    return [{**row, "share": _rate(row["non_enterprise"], row["people"])} for row in rows]


def claims_totals(payouts: QuerySet[Payout]) -> dict[str, Any]:
    row = payouts.aggregate(
        n=Count("id"),
        people=Count("member", distinct=True),
        amount=Sum("amount"),
        non_enterprise=Count("member", distinct=True, filter=Q(non_enterprise=True)),
    )
    return {
        **row,
        "amount": row["amount"] or Decimal(0),
        "share": _rate(row["non_enterprise"], row["people"]),
    }


def reconciliation(
    sales: QuerySet[Sale], *, start: datetime.date, end: datetime.date
) -> list[Mapping[str, Any]]:
    """Per merchant and day: transactions, amounts and discounts, for settling with the merchant."""
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return list(
        sales.filter(created_at__gte=since, created_at__lt=until)
        .annotate(day=TruncDate("created_at", tzinfo=tz))
        .values("merchant_id", "merchant__name", "day")
        .annotate(n=Count("id"), amount=Sum("amount"), discount=Sum("discount"))
        .order_by("-day", "merchant__name")
    )


def merchant_usage(sales: QuerySet[Sale], year: int | None = None) -> list[Mapping[str, Any]]:
    return list(
        _in_year(sales, "created_at", year)
        .values("merchant_id", "merchant__name", "merchant__category")
        .annotate(
            n=Count("id"),
            members=Count("member", distinct=True),
            amount=Sum("amount"),
            discount=Sum("discount"),
        )
        .order_by("-n")
    )


def services_usage(redemptions: QuerySet[Redemption], year: int | None = None) -> list[Mapping[str, Any]]:
    if year is not None:
        redemptions = redemptions.filter(year=year)
    return list(
        redemptions.values("service__name", "service__kind", "year")
        .annotate(n=Count("id"), members=Count("member", distinct=True))
        .order_by("-year", "-n")
    )


def years_of(values: Iterable[int]) -> list[int]:
    return sorted({v for v in values if v}, reverse=True)
