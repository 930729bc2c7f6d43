"""The culture circles' venues with their opening days: the palace since the 1950s, the five
circles since 2015, the bases and points opened over 2013-2016; since 2017 a few new points
opened and a few closed."""

import datetime
import random

from django.utils import timezone

from gonghui.culture.models import Venue
from gonghui.organizations.models import Node

CIRCLES = ["east", "west", "south", "north", "centre"]
CIRCLE_NAMES = {"east": "东", "west": "西", "south": "南", "north": "北", "centre": "中"}
LATER_POINTS = 10
CLOSED_POINTS = 4


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(max(1, (end - start).days)))


def seed_venues(rng: random.Random, root: Node, streets: list[Node]) -> dict[str, list[Venue]]:
    circle_of = {street.pk: CIRCLES[i % 5] for i, street in enumerate(streets)}
    made: dict[str, list[Venue]] = {"core": [], "circle": [], "base": [], "point": []}
    today = timezone.localdate()

    def add(kind: str, node: Node, circle: str, name: str, capacity: int, opened: datetime.date) -> Venue:
        venue = Venue(
            name=name,
            kind=kind,
            circle=circle,
            node=node,
            path=node.path,
            address=f"{node.name}{rng.randint(1, 2000)}号",
            opening_hours="周一至周日 9:00-21:00" if kind != "point" else "工作日 12:00-13:30、17:30-20:30",
            facilities=rng.choice(["剧场、排练厅、教室", "健身房、乒乓球室", "书画室、阅览室", "多功能厅"]),
            capacity=capacity,
            opened_on=opened,
        )
        made[kind].append(venue)
        return venue

    add("core", root, "core", "沪东工人文化宫", 800, datetime.date(1953, 5, 1))
    for i, circle in enumerate(CIRCLES):
        street = next((s for s in streets if circle_of[s.pk] == circle), streets[i % len(streets)])
        add(
            "circle",
            street,
            circle,
            f"{CIRCLE_NAMES[circle]}片职工文化服务圈中心",
            300,
            datetime.date(2015, 1, 1),
        )
    for i in range(15):
        street = streets[i % len(streets)]
        name = f"{street.name.removesuffix('街道')}职工文体活动基地{i + 1}"
        add(
            "base",
            street,
            circle_of[street.pk],
            name,
            200,
            _day(rng, datetime.date(2013, 1, 1), datetime.date(2015, 12, 31)),
        )
    for i in range(50):
        street = streets[i % len(streets)]
        name = f"{street.name.removesuffix('街道')}职工文体示范点{i + 1}"
        add(
            "point",
            street,
            circle_of[street.pk],
            name,
            60,
            _day(rng, datetime.date(2014, 1, 1), datetime.date(2016, 12, 31)),
        )
    for i in range(50, 50 + LATER_POINTS):
        street = streets[i % len(streets)]
        name = f"{street.name.removesuffix('街道')}职工文体示范点{i + 1}"
        add("point", street, circle_of[street.pk], name, 60, _day(rng, datetime.date(2017, 3, 1), today))
    for venue in rng.sample(made["point"][:50], CLOSED_POINTS):
        venue.closed_on = _day(rng, datetime.date(2019, 1, 1), today - datetime.timedelta(days=30))
        venue.active = False
    for venues in made.values():
        Venue.unscoped.bulk_create(venues)
    return made


def open_on(venue: Venue, day: datetime.date) -> bool:
    return (venue.opened_on is None or venue.opened_on <= day) and (
        venue.closed_on is None or day < venue.closed_on
    )
