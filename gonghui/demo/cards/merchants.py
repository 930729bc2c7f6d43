"""商惠 and 特惠: the seed's 53 partner merchants with their stores, rules and cashiers, their
transactions, and the free services with their service points and uses."""

import datetime
import itertools
import random
from collections import Counter
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from gonghui.accounts.models import User
from gonghui.cards.models import (
    CashierAccount,
    DiscountRule,
    EntitlementUse,
    FreeService,
    Merchant,
    Redemption,
    Sale,
    ServicePoint,
    ServicePointStaff,
    Store,
)
from gonghui.cards.money import discount_for
from gonghui.lib.bulk import insert_rows
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from ..spine import DEMO_PASSWORD
from .common import YEARS, Holder, db_dt, db_money, later_years, moment, pick_holder, year_end

SALES_PER_YEAR = 40_000
REDEMPTIONS_PER_YEAR = 24_000
# Since 2017, a little less each year than in the campaign years of the review.
LATER_SALES_PER_YEAR = 15_000
LATER_REDEMPTIONS_PER_YEAR = 10_000
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

type Partner = tuple[Merchant, DiscountRule, list[Store]]


def seed_merchants(rng: random.Random, district: Node) -> list[Partner]:
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


def seed_sales(rng: random.Random, merchants: list[Partner], holders: list[Holder], scale: float) -> int:
    """Discounted sales, each year of the review period and every year since up to today, at
    the merchants in partnership that day, by members holding an active card then."""
    if not holders:
        return 0
    weights = list(
        itertools.accumulate(
            rng.uniform(0.3, 3) * (3 if m.category in ("supermarket", "pharmacy") else 1)
            for m, _r, _s in merchants
        )
    )
    used: Counter[int] = Counter()
    years = [(y, SALES_PER_YEAR) for y in YEARS] + [(y, LATER_SALES_PER_YEAR) for y in later_years()]

    def rows():
        n = 0
        for year, count in years:
            last = year_end(year)
            share = ((last - datetime.date(year, 1, 1)).days + 1) / 365
            for _ in range(max(20, round(count * scale * share))):
                merchant, rule, stores = rng.choices(merchants, cum_weights=weights)[0]
                at = moment(rng, datetime.date(year, 1, 1), last)
                holder = pick_holder(rng, holders, at)
                if holder is None or not rule.starts_on <= at.date() <= rule.ends_on:
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
                    holder[0],
                    db_money(amount),
                    db_money(discount),
                    f"demo-{year}-{n:08d}",
                    db_dt(at),
                    holder[1],
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


def seed_free_services(rng: random.Random, district: Node, holders: list[Holder], scale: float) -> int:
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
    weights = [30, 40, 8, 10, 7, 5]
    uses: Counter[tuple[int, int, int]] = Counter()
    rows = []
    years = [(y, REDEMPTIONS_PER_YEAR) for y in YEARS] + [
        (y, LATER_REDEMPTIONS_PER_YEAR) for y in later_years()
    ]
    for year, count in years:
        last = year_end(year)
        share = ((last - datetime.date(year, 1, 1)).days + 1) / 365
        for i in range(max(20, round(count * scale * share))):
            service = rng.choices(catalogue, weights=weights)[0]
            at = moment(rng, datetime.date(year, 1, 1), last)
            holder = pick_holder(rng, holders, at)
            if holder is None:
                continue
            member_id, path = holder[0], holder[1]
            slot = (member_id, service.pk, year)
            if uses[slot] >= service.yearly_quota:
                continue
            uses[slot] += 1
            rows.append(
                (service.pk, points[service.pk].pk, member_id, year, db_dt(at), f"demo-{year}-{i:07d}", path)
            )
    columns = ["service_id", "point_id", "member_id", "year", "at", "idempotency_key", "path"]
    count = insert_rows(Redemption._meta.db_table, columns, rows)
    insert_rows(
        EntitlementUse._meta.db_table,
        ["member_id", "service_id", "year", "used"],
        ((m, s, y, n) for (m, s, y), n in uses.items()),
    )
    return count
