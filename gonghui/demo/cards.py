"""The member service card's demo data, added to a generated district: the seed's 53
partner merchants, cards for the members (enterprise card rate well over 60%), five
plan years 2012-2016 and the current one, the one-time aid of 2012-2016 (509 people,
531.5万 yuan, 80% non-enterprise workers), merchant transactions and free-service uses.
Nothing here stores a figure: the statistics pages compute them from these rows."""

import datetime
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from stdnum import luhn

from gonghui.accounts.models import User
from gonghui.cards import services
from gonghui.cards.models import (
    Card,
    CashierAccount,
    Claim,
    DiscountRule,
    EntitlementUse,
    FreeService,
    Merchant,
    Payout,
    PlanYear,
    Redemption,
    Sale,
    ServicePoint,
    ServicePointStaff,
    Store,
)
from gonghui.cards.money import discount_for
from gonghui.cards.services.cards import CARD_PREFIX
from gonghui.lib.bulk import insert_rows
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit

from .spine import DEMO_PASSWORD

YEARS = range(2012, 2017)
CARD_RATE = {"enterprise": 0.985, "other": 0.99}  # of counted members; the seed: 19万 served
CLAIM_PEOPLE = 509
CLAIM_TOTAL = Decimal("5315000.00")
CLAIM_NON_ENTERPRISE = 0.80
CLAIMS_PER_YEAR = (0.17, 0.19, 0.20, 0.21, 0.23)
SALES_PER_YEAR = 40_000
REDEMPTIONS_PER_YEAR = 24_000
MERCHANTS = [
    ("上海农工商超市", "supermarket"),
    ("苏宁云商", "electronics"),
    ("益丰大药房", "pharmacy"),
    ("联华超市", "supermarket"),
    ("华联超市", "supermarket"),
    ("世纪联华", "supermarket"),
    ("家乐福", "supermarket"),
    ("易买得超市", "supermarket"),
    ("好德便利", "supermarket"),
    ("可的便利", "supermarket"),
    ("国美电器", "electronics"),
    ("永乐电器", "electronics"),
    ("百脑汇", "electronics"),
    ("中国移动杨浦营业厅", "electronics"),
    ("中国电信杨浦营业厅", "electronics"),
    ("雷允上药房", "pharmacy"),
    ("华氏大药房", "pharmacy"),
    ("第一医药", "pharmacy"),
    ("童涵春堂", "pharmacy"),
    ("蔡同德堂", "pharmacy"),
    ("老百姓大药房", "pharmacy"),
    ("海王星辰", "pharmacy"),
    ("杏花楼", "dining"),
    ("沈大成", "dining"),
    ("老盛昌", "dining"),
    ("光明邨", "dining"),
    ("振鼎鸡", "dining"),
    ("避风塘", "dining"),
    ("小南国", "dining"),
    ("新华书店杨浦店", "books"),
    ("大众书局", "books"),
    ("博库书城", "books"),
    ("百联又一城", "apparel"),
    ("东方商厦杨浦店", "apparel"),
    ("恒源祥", "apparel"),
    ("三枪", "apparel"),
    ("古今内衣", "apparel"),
    ("回力", "apparel"),
    ("宝大祥", "apparel"),
    ("亨达利钟表", "services"),
    ("茂昌眼镜", "eyewear"),
    ("吴良材眼镜", "eyewear"),
    ("精益眼镜", "eyewear"),
    ("杨浦体育馆", "leisure"),
    ("上海国际时尚中心健身", "leisure"),
    ("大光明影城五角场店", "leisure"),
    ("星游城", "leisure"),
    ("锦江之星", "services"),
    ("如家酒店", "services"),
    ("荣昌洗衣", "services"),
    ("正章洗染", "services"),
    ("美丽华沐浴", "services"),
    ("强生出租汽车", "services"),
]
STORE_STREETS = ["控江路", "五角场", "平凉路", "四平路", "大桥", "新江湾城", "长白", "延吉"]
SERVICES = [
    ("职工技能免费培训", "training", "沪东工人文化宫", 4),
    ("免费电影", "film", "沪东工人文化宫", 12),
    ("免费职业介绍", "job", "区总工会职工援助服务中心", 3),
    ("心理咨询", "counselling", "区总工会职工援助服务中心", 6),
    ("法律援助", "legal_aid", "区总工会职工援助服务中心", 3),
    ("劳动争议调解", "mediation", "区总工会职工援助服务中心", 3),
]
ILLNESSES = [
    "恶性肿瘤，住院手术及化疗",
    "急性心肌梗死，住院治疗",
    "脑中风后遗症",
    "尿毒症，规律透析",
    "重大器官移植",
]
INJURIES = ["工作外意外摔伤，股骨骨折", "交通事故致多处骨折", "意外烫伤住院治疗"]
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _at(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.datetime:
    day = start + datetime.timedelta(days=rng.randrange(max((end - start).days, 1)))
    return datetime.datetime(
        day.year, day.month, day.day, rng.randrange(9, 21), rng.randrange(60), tzinfo=SHANGHAI
    )


def _db_dt(value: datetime.datetime | None) -> Any:
    from django.db import connection

    return connection.ops.adapt_datetimefield_value(value) if value else None


def _db_money(value: Decimal) -> Any:
    from django.db import connection

    return connection.ops.adapt_decimalfield_value(value, 12, 2)


def seed_cards(rng: random.Random, *, scale: float, actor: Any) -> str:
    district = Node.objects.filter(kind=Node.Kind.DISTRICT).order_by("path").first()
    if district is None or Card.unscoped.exists():
        return "cards: nothing to do"
    merchants = _merchants(rng, district)
    holders = _cards(rng)
    enrolled = _plans(actor)
    paid = _claims(rng, holders, actor)
    sales = _sales(rng, merchants, holders, scale)
    uses = _free_services(rng, district, holders, scale)
    return (
        f"cards: {len(merchants)} merchants, {Card.unscoped.count()} cards ({len(holders)} active), "
        f"{enrolled} enrolments, {paid} paid claims, {sales} transactions, {uses} free-service uses"
    )


def _merchants(rng: random.Random, district: Node) -> list[tuple[Merchant, DiscountRule, list[Store]]]:
    out = []
    password = make_password(DEMO_PASSWORD)
    for i, (name, category) in enumerate(MERCHANTS):
        merchant = Merchant(
            name=name,
            category=category,
            agreement_start=datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(0, 700)),
            agreement_end=datetime.date(2027, 12, 31),
            node=district,
        )
        merchant.save()
        stores = []
        for street in rng.sample(STORE_STREETS, rng.randint(1, 3)):
            store = Store(
                merchant=merchant, name=f"{street}店", address=f"杨浦区{street}{rng.randint(1, 999)}号"
            )
            store.save()
            stores.append(store)
        rate = Decimal(rng.choice(["0.10", "0.12", "0.15", "0.20", "0.25", "0.30", "0.35", "0.40", "0.45"]))
        rule = DiscountRule(
            merchant=merchant,
            name=f"持卡会员{100 - int(rate * 100)}折",
            rate=rate,
            cap=Decimal(rng.choice(["50.00", "100.00", "200.00"])) if rate >= Decimal("0.30") else None,
            starts_on=merchant.agreement_start,
            ends_on=merchant.agreement_end,
        )
        rule.save()
        cashier = User.objects.create(username=f"cashier{i + 1:02d}", role=Role.CASHIER, password=password)
        CashierAccount.objects.create(user=cashier, store=stores[0])
        out.append((merchant, rule, stores))
    return out


def _cards(rng: random.Random) -> list[tuple[int, str, bool, datetime.datetime]]:
    """Cards for the members; returns the active holders (member id, path, non-enterprise, activated)."""
    rows, holders = [], []
    members = Member.unscoped.filter(id_problem="").values_list(
        "id", "path", "status", "joined_on", "unit__ownership"
    )
    serial = 0
    for member_id, path, status, joined_on, ownership in members.order_by("id").iterator(chunk_size=5000):
        other = ownership in Unit.NON_ENTERPRISE
        if rng.random() >= CARD_RATE["other" if other else "enterprise"]:
            continue
        serial += 1
        body = f"{CARD_PREFIX}{serial:09d}"
        start = max(joined_on, datetime.date(2012, 1, 1))
        issued = _at(rng, start, max(start + datetime.timedelta(days=30), datetime.date(2016, 12, 31)))
        activated = issued + datetime.timedelta(days=rng.randrange(1, 30))
        state, closed = Card.Status.ACTIVE, None
        if status != "active":
            state, closed = Card.Status.CLOSED, activated + datetime.timedelta(days=rng.randrange(30, 900))
        elif rng.random() < 0.004:
            state = Card.Status.SUSPENDED
        else:
            holders.append((member_id, path, other, activated))
        rows.append(
            (
                body + luhn.calc_check_digit(body),
                member_id,
                state,
                _db_dt(issued),
                _db_dt(activated),
                _db_dt(closed),
                1,
                "",
            )
        )
    columns = [
        "card_no",
        "member_id",
        "status",
        "issued_at",
        "activated_at",
        "closed_at",
        "ecard_version",
        "note",
    ]
    insert_rows(Card._meta.db_table, columns, rows)
    return holders


def _plans(actor: Any) -> int:
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


def _claims(rng: random.Random, holders: list, actor: Any) -> int:
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
        occurred = _at(rng, max(activated.date(), datetime.date(year, 1, 1)), datetime.date(year, 11, 30))
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


def _live_claims(rng: random.Random, holders: list, actor: Any) -> None:
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


def _sales(rng: random.Random, merchants: list, holders: list, scale: float) -> int:
    if not holders:
        return 0
    per_year = max(50, round(SALES_PER_YEAR * scale))
    weights = [
        rng.uniform(0.3, 3) * (3 if m.category in ("supermarket", "pharmacy") else 1)
        for m, _r, _s in merchants
    ]
    used: Counter[int] = Counter()

    def rows():
        n = 0
        for year in YEARS:
            for _ in range(per_year):
                merchant, rule, stores = rng.choices(merchants, weights=weights)[0]
                member_id, path, _other, activated = rng.choice(holders)
                at = _at(rng, max(datetime.date(year, 1, 1), activated.date()), datetime.date(year, 12, 31))
                if at < activated or at.year != year:
                    continue
                amount = Decimal(round(rng.lognormvariate(4.6, 0.8), 2)).quantize(Decimal("0.01"))
                amount = max(amount, Decimal("1.00"))
                discount = discount_for(amount, rule.rate, rule.cap)
                used[rule.pk] += 1
                n += 1
                yield (
                    rng.choice(stores).pk,
                    merchant.pk,
                    rule.pk,
                    member_id,
                    _db_money(amount),
                    _db_money(discount),
                    f"demo-{year}-{n:08d}",
                    _db_dt(at),
                    path,
                )

    columns = [
        "store_id",
        "merchant_id",
        "rule_id",
        "member_id",
        "amount",
        "discount",
        "idempotency_key",
        "created_at",
        "path",
    ]
    count = insert_rows(Sale._meta.db_table, columns, rows())
    for rule_id, n in used.items():
        DiscountRule.unscoped.filter(pk=rule_id).update(used=n)
    return count


def _free_services(rng: random.Random, district: Node, holders: list, scale: float) -> int:
    catalogue = [
        FreeService.objects.create(name=name, kind=kind, provider=provider, yearly_quota=quota)
        for name, kind, provider, quota in SERVICES
    ]
    palace = ServicePoint(name="沪东工人文化宫", address="杨浦区长阳路", node=district)
    palace.save()
    palace.services.add(*catalogue[:2])
    centre = ServicePoint(name="区总工会职工援助服务中心", address="杨浦区", node=district)
    centre.save()
    centre.services.add(*catalogue[2:])
    points = {s.pk: (palace if s.kind in ("training", "film") else centre) for s in catalogue}
    desk = User.objects.create(username="desk", role=Role.VENUE_STAFF, password=make_password(DEMO_PASSWORD))
    ServicePointStaff.objects.create(user=desk, point=palace)
    if not holders:
        return 0
    per_year = max(20, round(REDEMPTIONS_PER_YEAR * scale))
    weights = [30, 40, 8, 10, 7, 5]
    uses: Counter[tuple[int, int, int]] = Counter()
    rows = []
    for year in YEARS:
        for i in range(per_year):
            service = rng.choices(catalogue, weights=weights)[0]
            member_id, path, _other, activated = rng.choice(holders)
            at = _at(rng, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            slot = (member_id, service.pk, year)
            if at < activated or uses[slot] >= service.yearly_quota:
                continue
            uses[slot] += 1
            rows.append(
                (service.pk, points[service.pk].pk, member_id, year, _db_dt(at), f"demo-{year}-{i:07d}", path)
            )
    columns = ["service_id", "point_id", "member_id", "year", "at", "idempotency_key", "path"]
    count = insert_rows(Redemption._meta.db_table, columns, rows)
    insert_rows(
        EntitlementUse._meta.db_table,
        ["member_id", "service_id", "year", "used"],
        ((m, s, y, n) for (m, s, y), n in uses.items()),
    )
    return count
