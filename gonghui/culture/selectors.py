"""Read queries of the culture module; `culture_figures` is what KPIs and dashboards call."""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count, F, Model, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.lib.db import load_row, select_list
from gonghui.lib.figures import Period
from gonghui.lib.scoping import scope_of
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from .models import (
    ACTIVE_STATUSES,
    PLACE_STATUSES,
    Booking,
    BookingStatus,
    Circle,
    Funding,
    NoShow,
    Programme,
    Session,
    Venue,
)


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _bucket() -> dict[str, Any]:
    return {"sessions_held": 0, "places_offered": 0, "person_times": 0, "no_shows": 0}


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    row["occupancy"] = _rate(row["person_times"], row["places_offered"])
    row["no_show_rate"] = _rate(row["no_shows"], row["person_times"] + row["no_shows"])
    return row


def culture_figures(node: Node, period: Period | None = None) -> dict[str, Any]:
    """Figures of the culture circles for a node's subtree, computed from the records.

    Sessions, bookings and no-shows count where they happen (the venue's node); funding
    counts where its programme was published. A session is held once it has ended and was
    not cancelled; person-times are check-ins; occupancy = person-times / places of held
    sessions; no-show rate = no-shows / (check-ins + no-shows). Months are local (YYYY-MM).
    Sessions and funding count within the period (all of them when not given); venues are
    those open on the period's last day (today when not given).
    """
    now = timezone.now()
    sessions = Session.unscoped.filter(path__startswith=node.path)
    funding = Funding.unscoped.filter(path__startswith=node.path)
    if period is not None:
        start, end = period.bounds()
        sessions = sessions.filter(starts_at__gte=start, starts_at__lt=end)
        funding = funding.filter(paid_on__gte=period.start, paid_on__lte=period.end)
    held = sessions.filter(status=Session.Status.SCHEDULED, ends_at__lte=now)

    per: dict[tuple[str, str], dict[str, Any]] = defaultdict(_bucket)
    for row in (
        held.annotate(month=TruncMonth("starts_at"))
        .values("venue__circle", "month")
        .annotate(n=Count("id"), places=Sum("capacity"))
        .order_by()
    ):
        bucket = per[(row["venue__circle"], f"{row['month']:%Y-%m}")]
        bucket["sessions_held"] += row["n"]
        bucket["places_offered"] += row["places"] or 0
    bookings = Booking.unscoped.filter(
        session__in=held,
        status__in=[BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW],
        # Always true (a booking has its session's path); it makes the join one on the key of a
        # cluster distributed by district, which joins the two tables only so (docs/scale-out.md).
        session__district=F("district"),
    )
    for brow in (
        bookings.annotate(month=TruncMonth("session__starts_at"))
        .values("session__venue__circle", "month")
        .annotate(
            seen=Count("id", filter=Q(status=BookingStatus.CHECKED_IN)),
            missed=Count("id", filter=Q(status=BookingStatus.NO_SHOW)),
        )
        .order_by()
    ):
        bucket = per[(brow["session__venue__circle"], f"{brow['month']:%Y-%m}")]
        bucket["person_times"] += brow["seen"]
        bucket["no_shows"] += brow["missed"]

    by_circle: dict[str, dict[str, Any]] = {c.value: _bucket() for c in Circle}
    by_circle_month: dict[str, dict[str, Any]] = {c.value: {} for c in Circle}
    total = _bucket()
    for (circle, month), bucket in sorted(per.items()):
        by_circle_month[circle][month] = _finish(dict(bucket))
        for key in total:
            by_circle[circle][key] += bucket[key]
            total[key] += bucket[key]
    money_by_circle = {
        row["circle"]: row["s"] for row in funding.values("circle").annotate(s=Sum("amount")).order_by()
    }
    for circle, crow in by_circle.items():
        _finish(crow)
        crow["funding_yuan"] = _yuan(money_by_circle.get(circle))
    total_money = funding.aggregate(s=Sum("amount"))["s"] or Decimal("0.00")
    figures = {
        "venues": venues_open_on(node, period.end if period else timezone.localdate()),
        "sessions_scheduled": sessions.filter(status=Session.Status.SCHEDULED).count(),
        **_finish(total),
        "funding_yuan": _yuan(total_money),
        "by_circle": by_circle,
        "by_circle_month": by_circle_month,
    }
    return figures


def _yuan(amount: Decimal | None) -> str:
    """Money as a string with two decimals, whatever the database's sum gives back."""
    return str((amount or Decimal(0)).quantize(Decimal("0.01")))


def venues_open_on(node: Node, day: datetime.date) -> dict[str, int]:
    """Venues of the subtree open on `day`, by kind: opened by then (or without a known
    opening) and not closed by then; on today or later, only those switched on."""
    venues = Venue.unscoped.filter(path__startswith=node.path).filter(
        Q(opened_on__isnull=True) | Q(opened_on__lte=day), Q(closed_on__isnull=True) | Q(closed_on__gt=day)
    )
    if day >= timezone.localdate():
        venues = venues.filter(active=True)
    counts = {row["kind"]: row["n"] for row in venues.values("kind").annotate(n=Count("id")).order_by()}
    return {kind.value: counts.get(kind.value, 0) for kind in Venue.Kind}


def funding_by_programme(node: Node, period: Period | None = None) -> list[dict[str, Any]]:
    rows = Funding.unscoped.filter(path__startswith=node.path)
    if period is not None:
        rows = rows.filter(paid_on__gte=period.start, paid_on__lte=period.end)
    found = rows.values("programme__title", "circle").annotate(total=Sum("amount")).order_by("-total")[:200]
    return [dict(row) for row in found]


# --- for pages -----------------------------------------------------------------------------


def open_sessions_for(member: Member | None, *, now: datetime.datetime | None = None) -> QuerySet[Session]:
    """The member's menu: published, upcoming sessions the member may book. The menu is
    public to members, so it is read with the explicit unscoped manager and filtered here."""
    now = now or timezone.now()
    qs = Session.unscoped.filter(
        status=Session.Status.SCHEDULED, programme__published=True, starts_at__gt=now, opens_at__lte=now
    ).select_related("programme", "venue")
    if member is None:
        return qs.none()
    street_paths = [member.path[: 4 * depth] for depth in range(1, len(member.path) // 4 + 1)]
    return qs.filter(Q(eligibility=Session.Eligibility.MEMBERS) | Q(street__path__in=street_paths)).order_by(
        "starts_at"
    )


def menu_streets() -> list[tuple[int, str]]:
    """The streets a member may filter the menu by (street names are public)."""
    return list(Node.objects.filter(kind=Node.Kind.STREET).order_by("path").values_list("pk", "name"))


def street_path_of(member: Member | None) -> str | None:
    """The path of the street the member's union belongs to."""
    if member is None or not member.path:
        return None
    street = Node.objects.filter(kind=Node.Kind.STREET, path__in=_prefixes(member.path)).first()
    return street.path if street else None


def street_path(pk: int) -> str | None:
    street = Node.objects.filter(kind=Node.Kind.STREET, pk=pk).only("path").first()
    return street.path if street else None


def _prefixes(path: str) -> list[str]:
    return [path[: Node.steplen * depth] for depth in range(1, len(path) // Node.steplen + 1)]


# --- the booking path: hand-written reads ---------------------------------------------------
# A flash sale makes these thousands of times a second (architecture.md, rule 10). Their SQL
# stays in this file; each has a test that it reads what the ORM reads (test_hot_reads).

_SESSION_PARTS: tuple[type[Model], ...] = (Session, Programme, Venue, Node)
_ACTIVE = [s.value for s in ACTIVE_STATUSES]
_ACTIVE_SQL = f"b.status IN ({', '.join(['%s'] * len(_ACTIVE))})"


@cache
def _session_parts_sql() -> tuple[str, str]:
    """The columns and the FROM clause of a session with its programme, venue and street, as
    `_session_from_row` reads them; a statement adds its WHERE (and may join more)."""
    columns = ", ".join(
        select_list(model, alias) for model, alias in zip(_SESSION_PARTS, "spvn", strict=True)
    )
    joins = """FROM culture_session s
        JOIN culture_programme p ON p.id = s.programme_id
        JOIN culture_venue v ON v.id = s.venue_id
        LEFT JOIN organizations_node n ON n.id = s.street_id"""
    return columns, joins


def _session_parts_width() -> int:
    return sum(len(model._meta.concrete_fields) for model in _SESSION_PARTS)


def _session_from_row(row: Sequence[Any]) -> Session:
    session: Session
    session, programme, venue, street = load_row(row, _SESSION_PARTS)
    session.programme, session.venue = programme, venue
    if street is not None:
        session.street = street
    return session


def session_with_parts(pk: int) -> Session | None:
    """A session with its programme, venue and street, in one hand-written query: the session
    page reads it for the scope check."""
    columns, joins = _session_parts_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} {joins} WHERE s.id = %s", [pk])
        row = cursor.fetchone()
    return None if row is None else _session_from_row(row)


@dataclass(frozen=True)
class Look:
    """What one statement saw of a session for a member: the session with its parts and its
    live counter, the booking an earlier try with `key` made (whoever made it: booking_create
    refuses someone else's), and whether the member already holds an active booking of it."""

    session: Session
    key: str | None
    twin: Booking | None
    holds_one: bool


def booking_look(session_id: int, member: Member, key: str | None) -> Look | None:
    """One statement, so one snapshot: a twin committed in the same snapshot as the place it
    took, so "full and no twin" cannot hide a twin that got in. None if there is no such
    session. The member's booking page makes its scope check on it too."""
    with connection.cursor() as cursor:
        cursor.execute(_look_sql(), [session_id, member.pk, *_ACTIVE, key, session_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    width = _session_parts_width()
    found = [b for row in rows if (b := load_row(row[width:], (Booking,))[0]) is not None]
    twin = next((b for b in found if key and b.idempotency_key == key), None)
    holds_one = any(
        b.session_id == session_id and b.member_id == member.pk and b.status in _ACTIVE for b in found
    )
    return Look(_session_from_row(rows[0]), key, twin, holds_one)


@cache
def _look_sql() -> str:
    # The booking's session is the parameter, not s.id: the (session, member) unique index then
    # finds the member's booking directly (joined on s.id, the plan read every booking of the
    # session, or every entry of that index, to find it). Joined on the district too: on a
    # cluster distributed by district, a session's bookings are on its shard.
    columns, joins = _session_parts_sql()
    return (
        f"SELECT {columns}, {select_list(Booking, 'b')} {joins}"
        f" LEFT JOIN culture_booking b ON b.district = s.district AND"
        f" ((b.session_id = %s AND b.member_id = %s AND {_ACTIVE_SQL}) OR b.idempotency_key = %s)"
        " WHERE s.id = %s LIMIT 2"
    )


def _bookings_where(condition: str, params: Sequence[int | str]) -> list[Booking]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select_list(Booking, 'b')} FROM culture_booking b WHERE {condition}", params)
        return [load_row(row, (Booking,))[0] for row in cursor.fetchall()]


def booking_by_key(key: str) -> Booking | None:
    """The booking made with this idempotency key, whoever made it."""
    found = _bookings_where("b.idempotency_key = %s", [key])
    return found[0] if found else None


def own_booking(member: Member | None, session: Session) -> Booking | None:
    """The member's latest active booking of the session: the session page shows it."""
    if member is None:
        return None
    found = _bookings_where(
        f"b.session_id = %s AND b.member_id = %s AND {_ACTIVE_SQL} ORDER BY b.id DESC LIMIT 1",
        [session.pk, member.pk, *_ACTIVE],
    )
    return found[0] if found else None


# --- other reads for pages -----------------------------------------------------------------


def member_may_see(member: Member, session: Session, *, holds_one: bool = False) -> bool:
    """Published and open to the member, or one they booked (`holds_one`: an active booking
    of it is already known to exist)."""
    if not session.programme.published:
        return False
    if session.eligibility == Session.Eligibility.MEMBERS or (
        session.street is not None and member.path.startswith(session.street.path)
    ):
        return True
    return holds_one or Booking.unscoped.filter(session=session, member=member).exists()


def session_for_member(member: Member | None, pk: int) -> Session | None:
    """A session the member may see (`member_may_see`)."""
    if member is None:
        return None
    session = session_with_parts(pk)
    return session if session is not None and member_may_see(member, session) else None


def place_count(session_id: int) -> int:
    """What the session's counter (`booked`) must always equal."""
    return Booking.unscoped.filter(session_id=session_id, status__in=PLACE_STATUSES).count()


def no_show_count(member: Member, *, since: datetime.datetime) -> int:
    return NoShow.objects.filter(member=member, excused=False, at__gt=since).count()


def sessions_by_day(
    sessions: QuerySet[Session], first: datetime.date, last: datetime.date
) -> dict[datetime.date, list[Session]]:
    """The sessions of each local day from `first` to `last` inclusive, by start time: "an
    activity every day, a salon every week, a contest every month"."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
    end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time()))
    days: dict[datetime.date, list[Session]] = defaultdict(list)
    for session in (
        sessions.filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("programme", "venue")
        .order_by("starts_at", "id")
    ):
        days[timezone.localdate(session.starts_at)].append(session)
    return days


def programmes_for_scheduling(user: User) -> QuerySet[Programme]:
    """The menu items a staff member may put sessions on: those of their own subtree, and
    the published items of the nodes above them (the district's menu is delivered in the
    streets). Editing an item still needs it inside the subtree (`visible_to`)."""
    scope = scope_of(user)
    if scope is None:
        return Programme.unscoped.none()
    step = Node.steplen
    above = [scope[: step * depth] for depth in range(1, len(scope) // step)]
    return Programme.unscoped.filter(Q(path__startswith=scope) | Q(path__in=above, published=True)).order_by(
        "title", "pk"
    )


def upcoming_sessions(prefix: str, *, days: int = 14, limit: int = 40) -> list[dict[str, Any]]:
    """Published sessions starting within `days` at the venues of a subtree, for the public
    boards: what, where, when and the places left; nothing about who booked."""
    now = timezone.now()
    rows = (
        Session.unscoped.filter(
            path__startswith=prefix,
            status=Session.Status.SCHEDULED,
            programme__published=True,
            starts_at__gt=now,
            starts_at__lt=now + datetime.timedelta(days=days),
        )
        .order_by("starts_at", "pk")
        .values(
            "programme__title", "programme__category", "venue__name", "venue__circle", "starts_at", "ends_at"
        )
        .annotate(left=F("capacity") - F("booked"))[:limit]
    )
    categories, circles = dict(Programme.Category.choices), dict(Circle.choices)
    return [
        {
            "title": row["programme__title"],
            "category": str(categories.get(row["programme__category"], "")),
            "venue": row["venue__name"],
            "circle": str(circles.get(row["venue__circle"], "")),
            "starts_at": row["starts_at"],
            "ends_at": row["ends_at"],
            "places_left": row["left"],
        }
        for row in rows
    ]
