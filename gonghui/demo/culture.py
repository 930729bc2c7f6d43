"""Demo data of the culture service circles, as the seed describes them (2015-2016):
one core (沪东工人文化宫), five circles, 15 activity bases and 50 demonstration points;
about 1,000 events a year ("an activity every day, a salon every week, a contest every
month", plus classes, films and open venue hours); ~5.3万 person-times over the two years
(scaled with the district) and 102万 yuan of funding. Figures are computed from these rows.
"""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.culture.models import (
    Booking,
    BookingStatus,
    Funding,
    NoShow,
    Programme,
    Provider,
    Session,
    Venue,
    VenueStaff,
)
from gonghui.lib.bulk import insert_rows
from gonghui.lib.roles import Role
from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node

YEARS = (2015, 2016)
PERSON_TIMES = 53_000  # over the two years, at scale 1
FUNDING_YUAN = Decimal("1020000.00")
CIRCLES = ["east", "west", "south", "north", "centre"]
CIRCLE_NAMES = {"east": "东", "west": "西", "south": "南", "north": "北", "centre": "中"}
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
PROGRAMMES = [
    # title, category, mode, capacity range, provider index or None
    ("职工健身操", Programme.Category.ACTIVITY, (20, 60), 1),
    ("职工书画沙龙", Programme.Category.SALON, (20, 40), 2),
    ("职工文体赛事", Programme.Category.CONTEST, (60, 200), 0),
    ("合唱培训班", Programme.Category.CLASS, (20, 40), 3),
    ("免费电影放映", Programme.Category.FILM, (100, 300), 7),
    ("羽毛球馆开放", Programme.Category.VENUE, (12, 24), 1),
    ("职工心理沙龙", Programme.Category.SALON, (15, 30), 5),
    ("瑜伽培训班", Programme.Category.CLASS, (15, 30), 6),
]


def _local(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _venues(rng: random.Random, root: Node, streets: list[Node]) -> dict[str, list[Venue]]:
    circle_of = {street.pk: CIRCLES[i % 5] for i, street in enumerate(streets)}
    made: dict[str, list[Venue]] = {"core": [], "circle": [], "base": [], "point": []}

    def add(kind: str, node: Node, circle: str, name: str, capacity: int) -> None:
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
        )
        made[kind].append(venue)

    add("core", root, "core", "沪东工人文化宫", 800)
    for i, circle in enumerate(CIRCLES):
        street = next((s for s in streets if circle_of[s.pk] == circle), streets[i % len(streets)])
        add("circle", street, circle, f"{CIRCLE_NAMES[circle]}片职工文化服务圈中心", 300)
    for i in range(15):
        street = streets[i % len(streets)]
        add(
            "base",
            street,
            circle_of[street.pk],
            f"{street.name.removesuffix('街道')}职工文体活动基地{i + 1}",
            200,
        )
    for i in range(50):
        street = streets[i % len(streets)]
        add(
            "point",
            street,
            circle_of[street.pk],
            f"{street.name.removesuffix('街道')}职工文体示范点{i + 1}",
            60,
        )
    for venues in made.values():
        Venue.unscoped.bulk_create(venues)
    return made


def _schedule(rng: random.Random, year: int) -> list[tuple[int, datetime.date, int]]:
    """(programme index, day, hour) for about 1,000 events in a year."""
    events = []
    day = datetime.date(year, 1, 1)
    while day.year == year:
        events.append((0, day, 18))  # an activity every day
        if day.weekday() >= 5:
            events.append((0, day, 10))  # and a morning one at weekends
        if day.weekday() == 2:
            events.append((rng.choice([1, 6]), day, 19))  # a salon every week
        if day.day == 15:
            events.append((2, day, 14))  # a contest every month
        if day.weekday() in (1, 3):
            events.append((rng.choice([3, 7]), day, 19))  # classes twice a week
        if day.weekday() == 5:
            events.append((4, day, 14))  # a film on Saturdays
            events.append((4, day, 19))
        if day.weekday() != 5:
            events.append((5, day, 12))  # open venue hours
        day += datetime.timedelta(days=1)
    return events


def seed_culture(rng: random.Random, *, scale: float, actor: Any) -> str:
    root = Node.objects.get_root_nodes().first()
    if root is None:
        return "culture: no district"
    streets = list(Node.objects.filter(kind=Node.Kind.STREET).order_by("path"))
    venues = _venues(rng, root, streets)
    every_venue = [v for kind in ("core", "circle", "base", "point") for v in venues[kind]]
    providers = Provider.objects.bulk_create([Provider(name=name) for name in PROVIDERS])
    programmes = []
    for title, category, _cap, provider in PROGRAMMES:
        programmes.append(
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
        )
    Programme.unscoped.bulk_create(programmes)

    # Sessions: two years of the calendar, held at the core, circles, bases and points.
    drafts = []
    for year in YEARS:
        for index, day, hour in _schedule(rng, year):
            low, high = PROGRAMMES[index][2]
            if index in (2, 4):
                venue = rng.choice(venues["core"] + venues["circle"])
            else:
                venue = rng.choice(every_venue)
            starts = _local(day, hour)
            drafts.append(
                Session(
                    programme=programmes[index],
                    venue=venue,
                    path=venue.path,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    capacity=min(rng.randint(low, high), venue.capacity),
                    mode=Session.Mode.LOTTERY
                    if index == 4 and rng.random() < 0.3
                    else Session.Mode.FIRST_COME,
                    opens_at=starts - datetime.timedelta(days=7),
                    closes_at=starts - datetime.timedelta(hours=2),
                    cancel_by=starts - datetime.timedelta(hours=4),
                )
            )
    today = timezone.localdate()
    for offset in range(1, 31):  # the coming month, bookable in the portal
        day = today + datetime.timedelta(days=offset)
        for index, hour in ((0, 18), (4, 19)) if offset % 7 == 5 else ((0, 18),):
            venue = venues["core"][0] if index == 4 else rng.choice(every_venue)
            starts = _local(day, hour)
            drafts.append(
                Session(
                    programme=programmes[index],
                    venue=venue,
                    path=venue.path,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    capacity=min(rng.randint(*PROGRAMMES[index][2]), venue.capacity),
                    mode=Session.Mode.FIRST_COME,
                    opens_at=timezone.now() - datetime.timedelta(days=1),
                    closes_at=starts - datetime.timedelta(hours=2),
                    cancel_by=starts - datetime.timedelta(hours=4),
                )
            )
    sessions = Session.unscoped.bulk_create(drafts, batch_size=1000)
    past = [s for s in sessions if s.starts_at.year in YEARS]

    # Bookings of the two years: check-ins add up to the person-times; some no-shows, some cancels.
    member_ids = list(
        Member.unscoped.filter(status=MemberStatus.ACTIVE, id_problem="").values_list("id", flat=True)
    )
    target = int(PERSON_TIMES * scale)
    total_places = sum(s.capacity for s in past)
    rows, counts = [], {}
    for session in past:
        attended = min(round(target * session.capacity / total_places), session.capacity, len(member_ids))
        no_shows = min(int(attended * 0.05), session.capacity - attended)
        cancelled = int(attended * 0.08)
        chosen = rng.sample(member_ids, min(attended + no_shows + cancelled, len(member_ids)))
        booked_at = session.opens_at + datetime.timedelta(hours=rng.randint(0, 100))
        for n, member_id in enumerate(chosen):
            status = (
                BookingStatus.CHECKED_IN
                if n < attended
                else BookingStatus.NO_SHOW
                if n < attended + no_shows
                else BookingStatus.CANCELLED
            )
            rows.append(
                (
                    session.pk,
                    member_id,
                    status.value,
                    Booking.Channel.PORTAL.value if n % 5 else Booking.Channel.STAFF.value,
                    booked_at.isoformat(),
                    False,
                    0,
                    booked_at.isoformat(),
                    session.starts_at.isoformat() if status == BookingStatus.CHECKED_IN else None,
                    session.starts_at.isoformat() if status == BookingStatus.CANCELLED else None,
                    session.path,
                )
            )
        counts[session.pk] = attended + no_shows
    insert_rows(
        Booking._meta.db_table,
        [
            "session_id",
            "member_id",
            "status",
            "channel",
            "created_at",
            "lost_draw",
            "queue_rank",
            "confirmed_at",
            "checked_in_at",
            "cancelled_at",
            "path",
        ],
        rows,
    )
    for session in past:
        session.booked = counts[session.pk]
    Session.unscoped.bulk_update(past, ["booked"], batch_size=1000)
    missed = Booking.unscoped.filter(status=BookingStatus.NO_SHOW).values_list(
        "pk", "member_id", "path", "session__starts_at"
    )
    NoShow.objects.bulk_create(
        [
            NoShow(booking_id=pk, member_id=m, path=path, at=starts + datetime.timedelta(minutes=30))
            for pk, m, path, starts in missed
        ],
        batch_size=2000,
    )

    # Funding: 102万 yuan over the two years, per programme, circle and quarter.
    slots = [(p, c, y, q) for p in programmes for c in ["core", *CIRCLES] for y in YEARS for q in range(4)]
    weights = [rng.random() + 0.2 for _ in slots]
    scale_to = FUNDING_YUAN / Decimal(str(sum(weights)))
    amounts = [(Decimal(str(w)) * scale_to).quantize(Decimal("0.01")) for w in weights]
    amounts[-1] += FUNDING_YUAN - sum(amounts)
    kinds = [Funding.Kind.SUBSIDY, Funding.Kind.PROJECT, Funding.Kind.PURCHASE]
    Funding.unscoped.bulk_create(
        [
            Funding(
                programme=p,
                circle=c,
                kind=kinds[i % 3],
                amount=amount,
                paid_on=datetime.date(y, 3 * q + 2, 10),
                path=p.path,
                note=f"{y}年第{q + 1}季度",
            )
            for i, ((p, c, y, q), amount) in enumerate(zip(slots, amounts, strict=True))
        ]
    )

    # One venue staff account at the cultural palace (password: the demo password of the spine).
    from .spine import DEMO_PASSWORD

    staff, _created = User.objects.get_or_create(
        username="venue", defaults={"role": Role.VENUE_STAFF, "password": make_password(DEMO_PASSWORD)}
    )
    VenueStaff.objects.get_or_create(venue=venues["core"][0], user=staff)
    checked_in = sum(1 for r in rows if r[2] == BookingStatus.CHECKED_IN.value)
    return (
        f"culture: {sum(len(v) for v in venues.values())} venues (1 core, 5 circles, 15 bases, 50 points), "
        f"{len(sessions)} sessions, {len(rows)} bookings ({checked_in} person-times), "
        f"funding {FUNDING_YUAN} yuan over {YEARS[0]}-{YEARS[-1]}; venue staff login 'venue'"
    )
