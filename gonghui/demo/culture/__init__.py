"""Demo data of the culture service circles, as the seed describes them (2015-2016), going on
to today: one core (沪东工人文化宫), five circles, 15 activity bases and 50 demonstration points
by the end of 2016 (a few points opened or closed since); about 1,000 events a year; ~5.3万
person-times over 2015-2016 (scaled with the district) and a little more each year since;
102万 yuan of funding over the two years and about 55万 a year since; the coming weeks on the
menu, partly booked. Figures are computed from these rows."""

import random
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password

from gonghui.accounts.models import User
from gonghui.culture.models import Programme, Provider, VenueStaff
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from ..spine import DEMO_PASSWORD
from .bookings import seed_bookings
from .funding import FUNDING_YUAN, YEARS, seed_funding
from .sessions import PROGRAMMES, seed_sessions
from .venues import seed_venues

__all__ = ["seed_culture"]

PROVIDERS = [
    "杨浦区阳光文体社会服务中心",
    "上海悦动体育发展中心",
    "杨浦区睦邻书画艺术社",
    "上海乐韵合唱团",
    "杨浦工社社会工作服务中心",
    "上海心桥心理咨询服务社",
    "杨浦区健康生活促进会",
    "上海光影电影文化服务社",
]


def seed_culture(rng: random.Random, *, scale: float, actor: Any) -> str:
    root = Node.objects.get_root_nodes().first()
    if root is None:
        return "culture: no district"
    streets = list(Node.objects.filter(kind=Node.Kind.STREET).order_by("path"))
    venues = seed_venues(rng, root, streets)
    providers = Provider.objects.bulk_create([Provider(name=name) for name in PROVIDERS])
    programmes = [
        Programme(
            title=title,
            category=category,
            node=root,
            path=root.path,
            circle="core",
            provider=providers[provider] if provider is not None else None,
            cost=Decimal(rng.randrange(20_000, 120_000)).quantize(Decimal("1.00")),
            description=f"{title}：工会会员免费参加。",
        )
        for title, category, _cap, provider in PROGRAMMES
    ]
    Programme.unscoped.bulk_create(programmes)
    sessions = seed_sessions(rng, venues, programmes)
    bookings, checked_in = seed_bookings(rng, sessions, scale=scale)
    seed_funding(rng, programmes)
    # One venue staff account at the cultural palace (password: the demo password of the spine).
    staff, _created = User.objects.get_or_create(
        username="venue", defaults={"role": Role.VENUE_STAFF, "password": make_password(DEMO_PASSWORD)}
    )
    VenueStaff.objects.get_or_create(venue=venues["core"][0], user=staff)
    return (
        f"culture: {sum(len(v) for v in venues.values())} venues (1 core, 5 circles, 15 bases, "
        f"{len(venues['point'])} points), {len(sessions)} sessions, {bookings} bookings "
        f"({checked_in} person-times), funding {FUNDING_YUAN} yuan over {YEARS[0]}-{YEARS[-1]} "
        "and every year since; venue staff login 'venue'"
    )
