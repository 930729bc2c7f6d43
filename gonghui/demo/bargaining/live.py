"""A few live items made through the services, around the demo chair's union: a wage-agreement
draft waiting for its workers' congress (the congress demo puts it to the vote), offers waiting
for an answer (one overdue), talks whose information is due, and a fresh agreement whose filing
is late; then the clocks' tick raises their alerts."""

import datetime

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.bargaining import services
from gonghui.bargaining.models import Kind, Level
from gonghui.organizations.models import Node, Unit
from gonghui.organizations.selectors import referral_of
from gonghui.organizations.services import referral_decide

DAY = datetime.timedelta(days=1)


def _units_with_union(street_path: str, n: int) -> list[Unit]:
    return list(
        Unit.unscoped.filter(path__startswith=street_path, union__isnull=False)
        .exclude(ownership__in=Unit.NON_ENTERPRISE)
        .select_related("union")
        .order_by("path", "id")[:n]
    )


def seed_live(actor: User) -> int:
    today = timezone.localdate()
    chair_union = Node.objects.filter(kind=Node.Kind.GRASSROOTS).order_by("path").first()
    if chair_union is None:
        return 0
    street = Node.objects.get_ancestors(chair_union).filter(kind=Node.Kind.STREET).first() or chair_union
    own = Unit.unscoped.filter(union=chair_union).order_by("id").first()
    made = 0
    if own is not None:  # the draft the chair's congress votes on
        offer = services.offer_send(
            node=chair_union,
            kind=Kind.WAGE,
            level=Level.ENTERPRISE,
            unit=own,
            counterpart=own.name,
            sent_on=today - 45 * DAY,
            action_month=False,
            actor=actor,
        )
        services.offer_answer(offer=offer, accepted=True, on=today - 33 * DAY, actor=actor)
        talks = services.round_schedule(offer=offer, talks_on=today, actor=actor)
        services.round_info_provided(talks=talks, on=today, actor=actor)
        services.round_hold(
            talks=talks, minutes="双方就2027年度工资增长幅度、最低工资标准和支付办法达成一致。", actor=actor
        )
        services.draft_refer(
            offer=offer,
            actor=actor,
            draft=(
                "一、2027年度职工工资平均增长6%，一线职工不低于7%。\n二、最低工资不低于本市标准的120%。\n"
                "三、工资于每月10日前足额支付。"
            ),
        )
        made += 1
    others = [u for u in _units_with_union(street.path, 8) if u.pk != getattr(own, "pk", None)]
    plans = [(25, False), (6, False), (40, True), (70, True)]  # days ago sent; goes to talks
    for unit, (days_ago, to_talks) in zip(others, plans, strict=False):
        assert unit.union is not None
        offer = services.offer_send(
            node=unit.union,
            kind=Kind.CONTRACT,
            level=Level.ENTERPRISE,
            unit=unit,
            counterpart=unit.name,
            sent_on=today - days_ago * DAY,
            action_month=False,
            actor=actor,
        )
        made += 1
        if not to_talks:
            continue
        services.offer_answer(offer=offer, accepted=True, on=offer.sent_on + 12 * DAY, actor=actor)
        round_ = services.round_schedule(offer=offer, talks_on=today + 3 * DAY, actor=actor)
        if days_ago == 70:  # carried on to a signed agreement, filed late
            round_.talks_on = today
            round_.save(update_fields=["talks_on"])
            services.round_hold(talks=round_, minutes="集体合同条款逐条协商一致。", actor=actor)
            services.draft_refer(offer=offer, draft="集体合同草案（三年期）", actor=actor)
            referral = referral_of(offer.source)
            assert referral is not None
            signed = today - 9 * DAY
            referral_decide(referral=referral, adopted=True, decided_by="demo", on=signed, actor=actor)
            services.agreement_sign(
                offer=offer,
                title=f"{unit.name}集体合同（2026—2029）",
                signed_on=signed,
                starts_on=signed,
                ends_on=signed.replace(year=signed.year + 3) - DAY,
                workers_covered=unit.workforce,
                actor=actor,
            )
    services.clocks_tick(today=today)
    return made
