"""The culture calendar from 2015 to today and the coming weeks: about 1,000 events a year ("an
activity every day, a salon every week, a contest every month", plus classes, films and open
venue hours), at the venues open that day."""

import datetime
import random

from django.db import connection
from django.utils import timezone

from gonghui.culture.models import Programme, Session, Venue
from gonghui.lib.bulk import insert_rows
from gonghui.lib.scoping import district_of

from .venues import open_on

FIRST_YEAR = 2015
PROGRAMMES = [
    # title, category, capacity range, provider index or None
    ("职工健身操", Programme.Category.ACTIVITY, (20, 60), 1),
    ("职工书画沙龙", Programme.Category.SALON, (20, 40), 2),
    ("职工文体赛事", Programme.Category.CONTEST, (60, 200), 0),
    ("合唱培训班", Programme.Category.CLASS, (20, 40), 3),
    ("免费电影放映", Programme.Category.FILM, (100, 300), 7),
    ("羽毛球馆开放", Programme.Category.VENUE, (12, 24), 1),
    ("职工心理沙龙", Programme.Category.SALON, (15, 30), 5),
    ("瑜伽培训班", Programme.Category.CLASS, (15, 30), 6),
]


def local(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def schedule(
    rng: random.Random, first: datetime.date, last: datetime.date
) -> list[tuple[int, datetime.date, int]]:
    """(programme index, day, hour) of the events from `first` to `last`."""
    events = []
    day = first
    while day <= last:
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


def seed_sessions(
    rng: random.Random, venues: dict[str, list[Venue]], programmes: list[Programme], *, weeks_ahead: int = 5
) -> list[Session]:
    """Every event from 2015 to `weeks_ahead` weeks from today; booking opens a week before a
    session, and the coming weeks' are all open already, so the menu has something to offer."""
    every_venue = [v for kind in ("core", "circle", "base", "point") for v in venues[kind]]
    big = venues["core"] + venues["circle"]
    today, now = timezone.localdate(), timezone.now()
    drafts = []
    for index, day, hour in schedule(
        rng, datetime.date(FIRST_YEAR, 1, 1), today + datetime.timedelta(weeks=weeks_ahead)
    ):
        low, high = PROGRAMMES[index][2]
        candidates = [v for v in (big if index in (2, 4) else every_venue) if open_on(v, day)]
        venue = rng.choice(candidates)
        starts = local(day, hour)
        drafts.append(
            Session(
                programme=programmes[index],
                venue=venue,
                path=venue.path,
                district=district_of(venue.path),  # raw rows below: no pre_save
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                capacity=min(rng.randint(low, high), venue.capacity),
                mode=Session.Mode.LOTTERY
                if index == 4 and rng.random() < 0.3 and day.year < 2020
                else Session.Mode.FIRST_COME,
                # The coming weeks are all on the menu already.
                opens_at=min(starts - datetime.timedelta(days=7), now - datetime.timedelta(days=1)),
                closes_at=starts - datetime.timedelta(hours=2),
                cancel_by=starts - datetime.timedelta(hours=4),
                status=Session.Status.CANCELLED
                if rng.random() < 0.01 and day < today
                else Session.Status.SCHEDULED,
            )
        )
    # Raw rows (bulk_create compiles every value: seconds for twelve years of sessions), then
    # the ids the database gave them, in the order they were written.
    last = Session.unscoped.order_by("-id").values_list("id", flat=True).first() or 0
    fields = [f for f in Session._meta.concrete_fields if f.column != "id"]
    insert_rows(
        Session._meta.db_table,
        [str(f.column) for f in fields],
        ([f.get_db_prep_save(getattr(s, f.attname), connection) for f in fields] for s in drafts),
    )
    for session, pk in zip(
        drafts, Session.unscoped.filter(id__gt=last).order_by("id").values_list("id", flat=True), strict=True
    ):
        session.pk = session.id = pk
    return drafts
