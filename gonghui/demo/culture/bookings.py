"""Bookings of the held sessions (check-ins add up to each year's person-times; some no-shows
and cancellations), and bookings already taken on the coming sessions."""

import datetime
import random
from collections import defaultdict

from django.db import connection
from django.utils import timezone

from gonghui.culture.models import Booking, BookingStatus, NoShow, Session
from gonghui.lib.bulk import insert_rows
from gonghui.members.models import Member, MemberStatusChange

# Person-times a year at scale 1: 5.3万 over 2015-2016 (the seed), growing a little since.
PERSON_TIMES = {2015: 26_000, 2016: 27_000}
LATER_GROWTH = 0.02
COLUMNS = [
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
    "district",
]


def person_times(year: int) -> int:
    return PERSON_TIMES.get(year) or round(PERSON_TIMES[2016] * (1 + LATER_GROWTH) ** (year - 2016))


def _members_by_year(years: list[int]) -> dict[int, list[int]]:
    """Members counted at some time of each year: joined by its end, not gone before it."""
    gone = dict(
        MemberStatusChange.objects.filter(from_status="active")
        .exclude(to_status="active")
        .values_list("member_id", "at")
    )
    rows = Member.unscoped.filter(id_problem="").values_list("id", "status", "joined_on").order_by("id")
    pools: dict[int, list[int]] = defaultdict(list)
    if not years:
        return pools
    first, last = years[0], years[-1]
    for member_id, status, joined in rows.iterator(chunk_size=20000):
        left = gone.get(member_id)
        if status != "active" and left is None:
            continue
        for year in range(max(joined.year, first), (left.year if left else last) + 1):
            pools[year].append(member_id)
    return pools


def seed_bookings(rng: random.Random, sessions: list[Session], *, scale: float) -> tuple[int, int]:
    now = timezone.now()
    held = [s for s in sessions if s.ends_at <= now and s.status == Session.Status.SCHEDULED]
    coming = [s for s in sessions if s.starts_at > now]
    years = sorted({s.starts_at.year for s in held})
    pools = _members_by_year(years)
    places: dict[int, int] = defaultdict(int)
    for s in held:
        places[s.starts_at.year] += s.capacity
    rows: list[tuple] = []
    counts: dict[int, int] = {}
    for session in held:
        year = session.starts_at.year
        pool = pools[year]
        target = person_times(year) * scale * _share_of_year(year)
        attended = min(round(target * session.capacity / places[year]), session.capacity, len(pool))
        no_shows = min(int(attended * 0.05), session.capacity - attended)
        cancelled = int(attended * 0.08)
        chosen = rng.sample(pool, min(attended + no_shows + cancelled, len(pool)))
        booked_at = session.opens_at + datetime.timedelta(hours=rng.randint(0, 100))
        for n, member_id in enumerate(chosen):
            status = (
                BookingStatus.CHECKED_IN
                if n < attended
                else BookingStatus.NO_SHOW
                if n < attended + no_shows
                else BookingStatus.CANCELLED
            )
            rows.append(_row(session, member_id, status, booked_at, n))
        counts[session.pk] = attended + no_shows
    # The coming weeks: those already open for booking are partly taken.
    pool = pools[years[-1]] if years else []
    for session in coming:
        if session.opens_at > now or not pool:
            continue
        taken = min(round(session.capacity * rng.uniform(0.1, 0.7)), len(pool))
        booked_at = max(session.opens_at, now - datetime.timedelta(days=3))
        for n, member_id in enumerate(rng.sample(pool, taken)):
            rows.append(_row(session, member_id, BookingStatus.CONFIRMED, booked_at, n))
        counts[session.pk] = taken
    insert_rows(Booking._meta.db_table, COLUMNS, rows)
    with connection.cursor() as cursor:  # one plain UPDATE each: bulk_update's CASE is slow here
        cursor.executemany(
            f"UPDATE {Session._meta.db_table} SET booked = %s WHERE id = %s",
            [(n, pk) for pk, n in counts.items()],
        )
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
    checked_in = sum(1 for r in rows if r[2] == BookingStatus.CHECKED_IN.value)
    return len(rows), checked_in


def _share_of_year(year: int) -> float:
    """The part of the year already past (1 for the years before this one)."""
    today = timezone.localdate()
    if year < today.year:
        return 1.0
    return ((today - datetime.date(year, 1, 1)).days + 1) / 365


def _row(session: Session, member_id: int, status: str, booked_at: datetime.datetime, n: int) -> tuple:
    return (
        session.pk,
        member_id,
        str(status),
        Booking.Channel.PORTAL.value if n % 5 else Booking.Channel.STAFF.value,
        booked_at.isoformat(),
        False,
        0,
        booked_at.isoformat(),
        session.starts_at.isoformat() if status == BookingStatus.CHECKED_IN else None,
        session.starts_at.isoformat() if status == BookingStatus.CANCELLED else None,
        session.path,
        session.district,
    )
