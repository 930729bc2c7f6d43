"""Fifteen years of delivery campaigns: every year a Spring Festival warmth (送温暖) and a summer
cooling (送清凉) for the front line, and from 2015 the other deliveries of the "five" (training,
care, protection, culture); each with its list, sites and one signed delivery per person served.
Today a winter warmth for outdoor workers is running (sites today and ahead), and next Spring
Festival's campaign waits for the district's approval."""

import datetime
import random
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.care import services
from gonghui.care.models import Campaign, CampaignStatus, CampaignTarget, Delivery, Recipient, Site
from gonghui.lib.bulk import insert_rows
from gonghui.lib.crypto import cipher

from .common import FRONT_LINE, Pool, at, years

SPRING_FESTIVAL = {
    2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28),
    2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22),
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6),
}  # fmt: skip
# kind, name, window (month, day, days), goods, people at scale 1, places
FIVE = [
    ("training", "送培训进工地", (4, 1, 60), "安全生产与技能培训", 300, "培训点"),
    ("protection", "送保障进企业", (5, 1, 45), "职工互助保障计划", 300, "服务点"),
    ("culture", "送文化进园区", (9, 1, 30), "文艺演出、电影放映", 400, "演出点"),
    ("care", "送关爱进楼宇", (10, 8, 40), "心理咨询、健康讲座", 300, "服务站"),
]
PLACES = {"warmth": "慰问点", "cooling": "工地"}
# A blank 1×1 PNG: what a drawn signature is stored as (a data URL, encrypted).
SIGNATURE = "data:image/png;base64," + (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def _spec(year: int) -> list[dict]:
    month, day = SPRING_FESTIVAL[year]
    festival = datetime.date(year, month, day)
    step = year - 2012
    specs = [
        {
            "kind": "warmth",
            "name": f"{year}年春节送温暖",
            "starts_on": festival - datetime.timedelta(days=21),
            "ends_on": festival - datetime.timedelta(days=1),
            "goods": "米、油、年货礼包",
            "unit_value": Decimal(min(300 + 20 * step, 600)),
            "people": 2000,
        },
        {
            "kind": "cooling",
            "name": f"{year}年夏季送清凉",
            "starts_on": datetime.date(year, 7, 1),
            "ends_on": datetime.date(year, 8, 31),
            "goods": "清凉饮料、毛巾、防暑药品",
            "unit_value": Decimal(100 + 10 * step),
            "people": 2500,
        },
    ]
    if year >= 2015:
        for kind, name, (m, d, days), goods, people, _place in FIVE:
            start = datetime.date(year, m, d)
            specs.append(
                {
                    "kind": kind,
                    "name": f"{year}年{name}",
                    "starts_on": start,
                    "ends_on": start + datetime.timedelta(days=days),
                    "goods": goods,
                    "unit_value": Decimal(80),
                    "people": people,
                }
            )
    return specs


def _sites(rng: random.Random, campaign: Campaign, pool: Pool, n: int, place: str) -> list[Site]:
    window = (campaign.ends_on - campaign.starts_on).days
    sites = [
        Site(
            campaign=campaign,
            node=street,
            path=street.path,
            name=f"{street.name.removesuffix('街道')}{place}{i + 1}",
            address=f"{street.name}{rng.randint(1, 1500)}号",
            on_day=campaign.starts_on + datetime.timedelta(days=rng.randint(0, window)),
        )
        for i, street in enumerate(pool.streets[j % len(pool.streets)] for j in range(n))
    ]
    return Site.unscoped.bulk_create(sites)


def _campaign(spec: dict, root, status: str, maker: User, checker: User, people: int) -> Campaign:
    return Campaign.unscoped.create(
        name=spec["name"],
        kind=spec["kind"],
        node=root,
        starts_on=spec["starts_on"],
        ends_on=spec["ends_on"],
        goods_kind="service" if spec["kind"] in ("training", "care", "culture", "protection") else "goods",
        goods=spec["goods"],
        unit_value=spec["unit_value"],
        budget=(spec["unit_value"] * people * Decimal("1.05")).quantize(Decimal("1")),
        status=status,
        created_by=maker,
        approved_by=checker if status != CampaignStatus.DRAFT else None,
        approved_at=at(spec["starts_on"] - datetime.timedelta(days=7), random.Random(0))
        if status != "draft"
        else None,
        closed_at=at(spec["ends_on"], random.Random(0)) if status == CampaignStatus.CLOSED else None,
    )


def _fill(
    rng: random.Random,
    campaign: Campaign,
    pool: Pool,
    people: int,
    served_share: float,
    today: datetime.date,
    checker: User,
) -> tuple[int, int]:
    """The list, sites and deliveries of one campaign, set-based."""
    candidates = pool.joined_by(pool.front_line, campaign.starts_on) or pool.front_line
    chosen = rng.sample(candidates, min(people, len(candidates)))
    label = "全区一线职工（建筑、物流、餐饮、居民服务业）"
    CampaignTarget.objects.create(campaign=campaign, node=pool.root, industries=FRONT_LINE, label=label)
    insert_rows(
        Recipient._meta.db_table,
        ["campaign_id", "member_id", "source", "path"],
        ((campaign.pk, member_id, label, path) for member_id, path, _street, _joined in chosen),
    )
    place = PLACES.get(campaign.kind) or next(p for k, *_r, p in FIVE if k == campaign.kind)
    sites = _sites(rng, campaign, pool, max(3, round(len(chosen) / 150)), place)
    by_street: dict[int, list[Site]] = {}
    for site in sites:
        by_street.setdefault(site.node_id, []).append(site)
    ops = connection.ops
    signature = cipher().encrypt(SIGNATURE)  # one drawing stands for all: stored as a real one is
    rows = []
    for member_id, path, street, _joined in chosen:
        site = rng.choice(by_street.get(street) or sites)
        if site.on_day > today or rng.random() > served_share:
            continue
        rows.append(
            (
                campaign.pk,
                site.pk,
                member_id,
                campaign.kind,
                ops.adapt_decimalfield_value(campaign.unit_value),
                *(("pass", "") if rng.random() < 0.8 else ("signature", signature)),
                ops.adapt_datetimefield_value(at(site.on_day, rng)),
                checker.pk,
                path,
            )
        )
    insert_rows(
        Delivery._meta.db_table,
        [
            "campaign_id",
            "site_id",
            "member_id",
            "kind",
            "value",
            "receipt",
            "signature",
            "delivered_at",
            "delivered_by_id",
            "path",
        ],
        rows,
    )
    return len(chosen), len(rows)


def seed_campaigns(rng: random.Random, pool: Pool, *, scale: float, maker: User, checker: User) -> str:
    today = timezone.localdate()
    made = served = 0
    for year in years():
        for spec in _spec(year):
            if spec["starts_on"] > today:
                continue
            status = CampaignStatus.CLOSED if spec["ends_on"] < today else CampaignStatus.APPROVED
            people = max(30, round(spec["people"] * scale))
            campaign = _campaign(spec, pool.root, status, maker, checker, people)
            _listed, delivered = _fill(rng, campaign, pool, people, 0.95, today, checker)
            made, served = made + 1, served + delivered
    live = _live(rng, pool, scale=scale, maker=maker, checker=checker, today=today)
    return f"{made} campaigns with {served} deliveries, {live}"


def _live(
    rng: random.Random, pool: Pool, *, scale: float, maker: User, checker: User, today: datetime.date
) -> str:
    """A winter warmth for outdoor workers running now, with sites today and ahead; next Spring
    Festival's campaign drafted by district2 for the 'district' login to check."""
    spec = {
        "kind": "warmth",
        "name": f"{today.year}年冬季送温暖（户外职工）",
        "goods": "防寒服、手套、热饮",
        "starts_on": today - datetime.timedelta(days=5),
        "ends_on": today + datetime.timedelta(days=19),
        "unit_value": Decimal("200"),
    }
    people = max(30, round(1500 * scale))
    winter = _campaign(spec, pool.root, CampaignStatus.APPROVED, maker, checker, people)
    _fill(rng, winter, pool, people, 0.6, today, checker)
    for site in Site.unscoped.filter(campaign=winter).order_by("id")[: len(pool.streets)]:
        Site.unscoped.filter(pk=site.pk).update(on_day=today)  # every street has a site today
    year = today.year + 1 if today.month >= 3 else today.year
    month, day = SPRING_FESTIVAL.get(year, (2, 1))
    festival = datetime.date(year, month, day)
    draft = services.campaign_create(
        name=f"{year}年春节送温暖",
        kind="warmth",
        node=pool.root,
        starts_on=festival - datetime.timedelta(days=21),
        ends_on=festival - datetime.timedelta(days=1),
        goods_kind="goods",
        goods="米、油、年货礼包",
        unit_value=Decimal("600"),
        budget=Decimal(max(30, round(3000 * scale)) * 600),
        actor=maker,
    )
    services.campaign_target_add(campaign=draft, node=pool.streets[0], industries=FRONT_LINE[:2], actor=maker)
    listed = services.recipients_build(campaign=draft, actor=maker)
    return f"'{winter.name}' running, '{draft.name}' ({listed} listed) waiting for approval"
