"""The demo's care records since 2012 (the seed's third "令箭": festival warmth and summer cooling
for the front line, health checks and rest-home stays for the competitions' front-line workers,
the "five deliveries"), the district's hardship files and aid, and the rules of union money,
going on to today with items still open and ahead."""

import datetime
import random
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.care import services
from gonghui.care.models import HOLDING, AidGrant, Allowance, Delivery, GrantStatus, Stay

from .campaigns import seed_campaigns
from .common import maker, pool
from .hardship import seed_hardship
from .health import seed_health

__all__ = ["seed_care"]


def seed_care(rng: random.Random, *, scale: float, actor: User) -> str:
    members = pool()
    services.rulebook_install(node=members.root, valid_from=datetime.date(2012, 1, 1), actor=actor)
    # The festival cap was raised in 2018: a new version of the rule, the old one kept.
    cap = services.rules_binding(members.root.path, datetime.date(2012, 1, 1))
    old = next(r for r in cap if r.code == "festival-yearly-cap")
    services.rule_add(
        node=members.root,
        code=old.code,
        name=old.name,
        kind=old.kind,
        campaign_kinds=old.campaign_kinds,
        amount=Decimal("2000.00"),
        basis=old.basis,
        reason=old.reason,
        valid_from=datetime.date(2018, 1, 1),
        actor=actor,
    )
    campaigns = seed_campaigns(rng, members, scale=scale, maker=maker(), checker=actor)
    health = seed_health(rng, members, scale=scale, actor=actor)
    hardship = seed_hardship(rng, members, scale=scale, checker=actor)
    allowances_from_records()
    return f"care: {campaigns}; {health}; {hardship}"


def allowances_from_records() -> None:
    """This year's (and next year's) use of the yearly caps, from the records the demo wrote
    directly, so a live delivery, booking or aid today counts what came before it."""
    year = timezone.localdate().year
    rows: dict[tuple[int, int, str], Decimal] = {}
    gifts = Delivery.unscoped.filter(delivered_at__year=year, kind__in=["warmth", "cooling"])
    for member, used in gifts.values_list("member_id").annotate(used=Sum("value")).order_by():
        rows[(member, year, "festival-yearly-cap")] = used
    stays = Stay.unscoped.filter(status__in=HOLDING, offer__starts_on__year__gte=year)
    for member, kind, at_year, n in (
        stays.values_list("member_id", "kind", "offer__starts_on__year").annotate(n=Count("id")).order_by()
    ):
        code = "rest-home-once-a-year" if kind == "rest_home" else "health-check-once-a-year"
        rows[(member, at_year, code)] = Decimal(n)
    aid = AidGrant.unscoped.filter(year=year, status__in=[GrantStatus.APPROVED, GrantStatus.PAID])
    for member, used in aid.values_list("file__member_id").annotate(used=Sum("amount")).order_by():
        rows[(member, year, "aid-yearly-cap")] = used
    Allowance.objects.filter(year__gte=year).delete()  # the live items' own uses are in the sums
    Allowance.objects.bulk_create(
        [Allowance(member_id=m, year=y, rule_code=code, used=used) for (m, y, code), used in rows.items()],
        batch_size=2000,
    )
