"""普惠: five plan years 2012-2016 and the current one, and the one-time aid of 2012-2016
(509 people, 531.5万 yuan, 80% non-enterprise workers), with a few claims of this year
waiting in the queue."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.cards import services
from gonghui.cards.models import Claim, Payout, PlanYear
from gonghui.lib.roles import Role
from gonghui.members.models import Member

from .common import YEARS, Holder, moment

CLAIM_PEOPLE = 509
CLAIM_TOTAL = Decimal("5315000.00")
CLAIM_NON_ENTERPRISE = 0.80
CLAIMS_PER_YEAR = (0.17, 0.19, 0.20, 0.21, 0.23)
ILLNESSES = [
    "恶性肿瘤，住院手术及化疗",
    "急性心肌梗死，住院治疗",
    "脑中风后遗症",
    "尿毒症，规律透析",
    "重大器官移植",
]
INJURIES = ["工作外意外摔伤，股骨骨折", "交通事故致多处骨折", "意外烫伤住院治疗"]


def seed_plans(actor: User) -> int:
    enrolled = 0
    for year in [*YEARS, timezone.localdate().year]:
        plan = services.plan_year_save(year=year, actor=actor)
        enrolled += services.plan_year_enrol(plan=plan, actor=actor)
        if year < timezone.localdate().year:
            PlanYear.objects.filter(pk=plan.pk).update(status=PlanYear.Status.CLOSED)
    return enrolled


def _amounts(rng: random.Random, n: int, total: Decimal) -> list[Decimal]:
    """n amounts in whole hundreds of yuan adding up to exactly `total`."""
    raw = [rng.choice([3, 5, 5, 8, 8, 10, 10, 10, 15, 20, 30]) * rng.uniform(0.8, 1.2) for _ in range(n)]
    factor = float(total) / 100 / sum(raw)
    hundreds = [max(1, round(r * factor)) for r in raw]
    hundreds[hundreds.index(max(hundreds))] += int(total / 100) - sum(hundreds)
    return [Decimal(h * 100).quantize(Decimal("0.01")) for h in hundreds]


def seed_claims(rng: random.Random, holders: list[Holder], actor: User) -> int:
    reviewer = User.objects.filter(role=Role.STREET_CADRE).order_by("id").first() or actor
    plans = {p.year: p for p in PlanYear.objects.all()}
    early = [h for h in holders if h[3].date() < datetime.date(2016, 6, 1)]
    pools = {flag: [h for h in early if h[2] == flag] for flag in (True, False)}
    n_other = round(CLAIM_PEOPLE * CLAIM_NON_ENTERPRISE)
    people = rng.sample(pools[True], min(n_other, len(pools[True])))
    people += rng.sample(pools[False], min(CLAIM_PEOPLE - len(people), len(pools[False])))
    amounts = _amounts(rng, len(people), CLAIM_TOTAL)
    claims = []
    for (member_id, path, other, activated), amount in zip(people, amounts, strict=True):
        year = max(activated.year, rng.choices(list(YEARS), weights=CLAIMS_PER_YEAR)[0])
        occurred = moment(rng, max(activated.date(), datetime.date(year, 1, 1)), datetime.date(year, 11, 30))
        kind = rng.choices(["illness", "injury", "disability", "death"], weights=[60, 15, 10, 15])[0]
        filed = occurred + datetime.timedelta(days=rng.randrange(5, 25))
        claims.append(
            Claim(
                member_id=member_id,
                plan_year=plans[year],
                kind=kind,
                occurred_on=occurred.date(),
                health_details=rng.choice(INJURIES if kind in ("injury", "disability") else ILLNESSES),
                amount_requested=amount,
                amount_approved=amount,
                status=Claim.Status.PAID,
                path=path,
                non_enterprise=other,
                filed_at=filed,
                filed_by=reviewer,
                reviewed_at=filed + datetime.timedelta(days=3),
                reviewed_by=reviewer,
                approved_at=filed + datetime.timedelta(days=7),
                approved_by=actor,
            )
        )
    Claim.unscoped.bulk_create(claims, batch_size=500)
    payouts = [
        Payout(
            claim=c,
            member_id=c.member_id,
            amount=c.amount_requested,
            paid_at=c.filed_at + datetime.timedelta(days=12),
            paid_by=actor,
            reference=f"ZF{c.filed_at:%Y}{i:05d}",
            path=c.path,
            non_enterprise=c.non_enterprise,
        )
        for i, c in enumerate(Claim.unscoped.filter(status=Claim.Status.PAID).order_by("id"), start=1)
    ]
    Payout.unscoped.bulk_create(payouts, batch_size=500)
    _live_claims(rng, holders, actor)
    return len(payouts)


def _live_claims(rng: random.Random, holders: list[Holder], actor: User) -> None:
    """A few claims of this year waiting in the queue."""
    today = timezone.localdate()
    for member_id, *_rest in rng.sample(holders, min(6, len(holders))):
        member = Member.unscoped.get(pk=member_id)
        try:
            services.claim_file(
                member=member,
                kind=rng.choice(["illness", "injury"]),
                occurred_on=today - datetime.timedelta(days=rng.randrange(1, 60)),
                health_details=rng.choice(ILLNESSES + INJURIES),
                amount_requested=Decimal(rng.choice(["5000.00", "10000.00", "20000.00"])),
                actor=actor,
            )
        except services.CardsError:
            continue
