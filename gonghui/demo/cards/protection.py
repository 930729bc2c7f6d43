"""普惠: a plan year each year from 2012 to this one, enrolling those who held an active card
that year; the one-time aid of 2012-2016 (509 people, 531.5万 yuan, 80% non-enterprise
workers), about a hundred claims a year since, and this month's claims still in the queue."""

import datetime
import random
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.cards import services
from gonghui.cards.models import Card, Claim, Enrolment, Payout, PlanYear
from gonghui.lib.roles import Role
from gonghui.members.models import Member, MemberStatusChange
from gonghui.organizations.models import Unit

from .common import SHANGHAI, YEARS, Holder, holds, later_years, moment, pick_holder, year_end

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


LATER_CLAIMS_PER_YEAR = 100
LATER_AVERAGE = 11_000  # yuan per claim since 2017


def seed_plans(actor: User) -> int:
    """One plan year a year; each enrols, in one statement, the members who held an active
    card at some time in that year (cards by their activation and closing, members by their
    leaving day)."""
    enrolled = 0
    this_year = timezone.localdate().year
    for year in range(YEARS[0], this_year + 1):
        plan = services.plan_year_save(year=year, actor=actor)
        enrolled += _enrol(plan)
        if year < this_year:
            PlanYear.objects.filter(pk=plan.pk).update(status=PlanYear.Status.CLOSED)
    return enrolled


def _enrol(plan: PlanYear) -> int:
    # In member order, so the ledger's indexes grow at their end (several times faster).
    ops = connection.ops
    start = datetime.datetime(plan.year, 1, 1, tzinfo=SHANGHAI)
    end = datetime.datetime(plan.year + 1, 1, 1, tzinfo=SHANGHAI)
    non_enterprise = ", ".join(f"'{code}'" for code in Unit.NON_ENTERPRISE)
    sql = f"""
        INSERT INTO {Enrolment._meta.db_table}
            (plan_year_id, member_id, card_id, path, non_enterprise,
             district_premium, city_premium, enrolled_at)
        SELECT %s, m.id, c.id, m.path, COALESCE(u.ownership IN ({non_enterprise}), FALSE), %s, %s,
            CASE WHEN c.activated_at > %s THEN c.activated_at ELSE %s END
        FROM {Card._meta.db_table} c
        JOIN {Member._meta.db_table} m ON m.id = c.member_id
        LEFT JOIN {Unit._meta.db_table} u ON u.id = m.unit_id
        WHERE c.activated_at < %s AND (c.closed_at IS NULL OR c.closed_at >= %s) AND m.id_problem = ''
          AND (m.status = 'active' OR EXISTS (
            SELECT 1 FROM {MemberStatusChange._meta.db_table} s
            WHERE s.member_id = m.id AND s.from_status = 'active' AND s.to_status <> 'active' AND s.at >= %s))
        ORDER BY m.id
        ON CONFLICT (plan_year_id, member_id) DO NOTHING
    """
    day_one = ops.adapt_datetimefield_value(start + datetime.timedelta(days=9, hours=10))
    bounds = [ops.adapt_datetimefield_value(v) for v in (end, start, start)]
    params = [
        plan.pk,
        ops.adapt_decimalfield_value(plan.district_premium, 12, 2),
        ops.adapt_decimalfield_value(plan.city_premium, 12, 2),
        day_one,
        day_one,
        *bounds,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        added: int = max(cursor.rowcount, 0)
    PlanYear.objects.filter(pk=plan.pk).update(enrolled_at=timezone.now())
    return added


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
    early = [h for h in holders if h[3].date() < datetime.date(2016, 6, 1) and holds(h, _end_of_2016())]
    pools = {flag: [h for h in early if h[2] == flag] for flag in (True, False)}
    n_other = round(CLAIM_PEOPLE * CLAIM_NON_ENTERPRISE)
    people = rng.sample(pools[True], min(n_other, len(pools[True])))
    people += rng.sample(pools[False], min(CLAIM_PEOPLE - len(people), len(pools[False])))
    amounts = _amounts(rng, len(people), CLAIM_TOTAL)
    claims = []
    for (member_id, path, other, activated, _ended), amount in zip(people, amounts, strict=True):
        year = max(activated.year, rng.choices(list(YEARS), weights=CLAIMS_PER_YEAR)[0])
        occurred = moment(rng, max(activated.date(), datetime.date(year, 1, 1)), datetime.date(year, 11, 15))
        claims.append(_claim(rng, plans[year], (member_id, path, other), occurred, amount, reviewer, actor))
    claims += _later_claims(rng, holders, plans, reviewer, actor)
    Claim.unscoped.bulk_create(claims, batch_size=500)
    now = timezone.now()
    payouts = [
        Payout(
            claim=c,
            member_id=c.member_id,
            amount=c.amount_approved or c.amount_requested,
            paid_at=(c.approved_at or c.filed_at) + datetime.timedelta(days=5),
            paid_by=actor,
            reference=f"ZF{c.filed_at:%Y}{i:05d}",
            path=c.path,
            non_enterprise=c.non_enterprise,
        )
        for i, c in enumerate(Claim.unscoped.filter(status=Claim.Status.PAID).order_by("id"), start=1)
    ]
    assert all(p.paid_at < now for p in payouts)
    Payout.unscoped.bulk_create(payouts, batch_size=500)
    _live_claims(rng, holders, actor)
    return len(payouts)


def _end_of_2016() -> datetime.datetime:
    return datetime.datetime(2016, 12, 31, 23, tzinfo=SHANGHAI)


def _claim(
    rng: random.Random,
    plan: PlanYear,
    who: tuple[int, str, bool],
    occurred: datetime.datetime,
    amount: Decimal,
    reviewer: User,
    actor: User,
    status: str = Claim.Status.PAID,
) -> Claim:
    """A claim filed a few days after what happened, reviewed, approved and paid (or stopped
    on the way, for the queue of this month)."""
    member_id, path, other = who
    kind = rng.choices(["illness", "injury", "disability", "death"], weights=[60, 15, 10, 15])[0]
    filed = occurred + datetime.timedelta(days=rng.randrange(5, 25))
    reviewed = status in (
        Claim.Status.REVIEWED,
        Claim.Status.APPROVED,
        Claim.Status.PAID,
        Claim.Status.REJECTED,
    )
    approved = status in (Claim.Status.APPROVED, Claim.Status.PAID)
    return Claim(
        member_id=member_id,
        plan_year=plan,
        kind=kind,
        occurred_on=occurred.date(),
        health_details=rng.choice(INJURIES if kind in ("injury", "disability") else ILLNESSES),
        amount_requested=amount,
        amount_approved=amount if approved else None,
        status=status,
        path=path,
        non_enterprise=other,
        filed_at=filed,
        filed_by=reviewer,
        reviewed_at=filed + datetime.timedelta(days=3) if reviewed else None,
        reviewed_by=reviewer if reviewed else None,
        approved_at=filed + datetime.timedelta(days=7) if approved else None,
        approved_by=actor if approved else None,
        decision_note="不符合重大疾病保障范围" if status == Claim.Status.REJECTED else "",
    )


def _later_claims(
    rng: random.Random, holders: list[Holder], plans: dict[int, PlanYear], reviewer: User, actor: User
) -> list[Claim]:
    """About a hundred claims a year since 2017: paid once the month is over, a few refused,
    those of the last five weeks still on their way."""
    now = timezone.now()
    claims = []
    for year in later_years():
        for _ in range(LATER_CLAIMS_PER_YEAR):
            occurred = moment(rng, datetime.date(year, 1, 1), year_end(year))
            if occurred + datetime.timedelta(days=40) >= now:
                status = rng.choice([Claim.Status.SUBMITTED, Claim.Status.REVIEWED, Claim.Status.APPROVED])
                occurred = min(occurred, now - datetime.timedelta(days=40))
            else:
                status = Claim.Status.REJECTED if rng.random() < 0.05 else Claim.Status.PAID
            holder = pick_holder(rng, holders, occurred)
            if holder is None:
                continue
            amount = Decimal(max(10, round(rng.lognormvariate(0, 0.6) * LATER_AVERAGE / 120)) * 100)
            claim = _claim(
                rng,
                plans[year],
                holder[:3],
                occurred,
                amount.quantize(Decimal("0.01")),
                reviewer,
                actor,
                status,
            )
            claims.append(claim)
    return claims


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
