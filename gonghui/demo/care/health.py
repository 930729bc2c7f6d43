"""Health checks and rest-home stays since 2012: each year the front line of the merit
competitions (a member list, as a competition keeps one) gets a free health check, four rest-home
trips take model and front-line workers, and from 2020 anyone may sign up for one more trip.
Ahead: a health check in the coming days and next spring's trip, open for booking."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.care.models import Offer, Stay, StayStatus
from gonghui.members.models import Member, MemberGroup
from gonghui.members.services import member_group_sync

from .common import Pool, years

TRIPS = [
    (4, "无锡太湖工人疗养院"),
    (5, "杭州职工疗休养基地"),
    (9, "黄山职工疗养院"),
    (10, "宁波象山职工疗休养基地"),
]


def _group(year: int, pool: Pool, rng: random.Random, size: int, actor: User) -> MemberGroup:
    chosen = rng.sample(pool.front_line, min(size, len(pool.front_line)))
    return member_group_sync(
        source=f"demo.frontline:{year}",
        name=f"{year}年立功竞赛一线职工",
        node=pool.root,
        members=Member.unscoped.filter(pk__in=[row[0] for row in chosen]),
        actor=actor,
    )


def _offer(pool: Pool, actor: User, **fields: object) -> Offer:
    starts = fields["starts_on"]
    assert isinstance(starts, datetime.date)
    fields.setdefault("ends_on", starts + datetime.timedelta(days=4))
    fields.setdefault("book_by", starts - datetime.timedelta(days=14))
    return Offer.unscoped.create(node=pool.root, created_by=actor, **fields)  # type: ignore[arg-type]


def _stays(
    rng: random.Random, offer: Offer, members: list[tuple[int, str]], today: datetime.date, actor: User
) -> list[Stay]:
    stays = []
    for member_id, path in members:
        happened = offer.ends_on < today
        roll = rng.random()
        status = (StayStatus.DONE if roll < 0.92 else StayStatus.NO_SHOW) if happened else StayStatus.ASSIGNED
        if offer.mode == "booking" and not happened:
            status = StayStatus.BOOKED
        done_on = offer.starts_on + datetime.timedelta(
            days=rng.randint(0, (offer.ends_on - offer.starts_on).days)
        )
        stays.append(
            Stay(
                offer=offer,
                member_id=member_id,
                kind=offer.kind,
                status=status,
                path=path,
                created_at=timezone.make_aware(datetime.datetime.combine(offer.book_by, datetime.time(10))),
                created_by=actor,
                done_on=done_on if status == StayStatus.DONE else None,
            )
        )
    Offer.unscoped.filter(pk=offer.pk).update(taken=len(stays))
    return stays


def seed_health(rng: random.Random, pool: Pool, *, scale: float, actor: User) -> str:
    today = timezone.localdate()
    stays: list[Stay] = []
    offers = 0
    paths = {row[0]: row[1] for row in pool.everyone}
    for year in years():
        group = _group(year, pool, rng, max(20, round(600 * scale)), actor)
        listed = list(group.members.values_list("id", flat=True))
        check_day = datetime.date(year, 10, 10)
        if check_day <= today:
            check = _offer(
                pool,
                actor,
                kind="health_check",
                title=f"{year}年立功竞赛一线职工免费体检",
                place="区中心医院体检中心",
                group=group,
                mode="assignment",
                starts_on=check_day,
                ends_on=datetime.date(year, 11, 30),
                places=len(listed),
                unit_cost=Decimal("450"),
            )
            stays += _stays(rng, check, [(m, paths[m]) for m in listed if m in paths], today, actor)
            offers += 1
        travellers = rng.sample(pool.everyone, min(len(pool.everyone), max(5, round(30 * scale)) * 5))
        trips = [(m, place) for m, place in TRIPS] + ([(11, "舟山职工疗休养基地")] if year >= 2020 else [])
        for i, (month, place) in enumerate(trips):
            starts = datetime.date(year, month, 12)
            if starts > today:
                continue
            booking = month == 11
            trip = _offer(
                pool,
                actor,
                kind="rest_home",
                title=f"{year}年{month}月职工疗休养（{place}）",
                place=place,
                group=None if booking else group,
                mode="booking" if booking else "assignment",
                starts_on=starts,
                places=max(5, round(30 * scale)),
                unit_cost=Decimal("2200"),
            )
            size = max(5, round(30 * scale))
            party = travellers[i * size : (i + 1) * size]  # one trip a person a year
            stays += _stays(rng, trip, [(row[0], row[1]) for row in party], today, actor)
            offers += 1
    offers += _ahead(rng, pool, today, actor, stays)
    Stay.unscoped.bulk_create(stays, batch_size=2000)
    done = sum(1 for s in stays if s.status == StayStatus.DONE)
    return f"{offers} health-check and rest-home offers, {len(stays)} places ({done} taken)"


def _ahead(rng: random.Random, pool: Pool, today: datetime.date, actor: User, stays: list[Stay]) -> int:
    # This year's check of the competitions' front line is done: the winter one is for others.
    checked = set(
        MemberGroup.unscoped.get(source=f"demo.frontline:{today.year}").members.values_list("id", flat=True)
    )
    listed = [(row[0], row[1]) for row in pool.front_line if row[0] not in checked][:40]
    check = _offer(
        pool,
        actor,
        kind="health_check",
        title=f"{today.year}年冬季重大工程建设者免费体检",
        place="区中心医院体检中心",
        group=None,
        mode="assignment",
        starts_on=today + datetime.timedelta(days=7),
        ends_on=today + datetime.timedelta(days=21),
        places=max(40, len(listed)),
        unit_cost=Decimal("450"),
    )
    stays += _stays(rng, check, listed[: len(listed) // 2], today, actor)
    spring = today + datetime.timedelta(days=100)
    trip = _offer(
        pool,
        actor,
        kind="rest_home",
        title=f"{spring.year}年春季职工疗休养（自愿报名）",
        place="无锡太湖工人疗养院",
        group=None,
        mode="booking",
        starts_on=spring,
        book_by=spring - datetime.timedelta(days=20),
        places=60,
        unit_cost=Decimal("2300"),
    )
    early = rng.sample(pool.everyone, min(12, len(pool.everyone)))
    stays += _stays(rng, trip, [(row[0], row[1]) for row in early], today, actor)
    return 2
