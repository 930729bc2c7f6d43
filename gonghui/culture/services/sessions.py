"""Writes on sessions: publish, edit, move and cancel. Everyone holding a place is told of
a change; extra places go to the waiting list."""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.scoping import locked, repath
from gonghui.organizations.models import Node

from ..models import Booking, BookingStatus, LotteryDraw, NoShow, Notice, Programme, Session, Venue
from .errors import CultureError
from .notices import notice_later
from .places import quota_give_back
from .waitlist import waitlist_promote_later


def session_records_repath(sessions: QuerySet[Session], path: str) -> None:
    """The bookings, draws and no-shows of sessions moved to `path` (their venue's) follow
    them, each by a subquery on ids: on Citus two distributed tables join on their district or
    not at all, and an uncorrelated subquery is planned first."""
    bookings = Booking.unscoped.filter(session__in=sessions.values("pk"))
    repath(bookings, path)
    LotteryDraw.objects.filter(session__in=sessions.values("pk")).update(path=path)
    NoShow.objects.filter(booking__in=bookings.values("pk")).update(path=path)


def _check_session(
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    venue: Venue,
    eligibility: str,
    street: Node | None,
) -> None:
    if ends_at <= starts_at:
        raise CultureError(_("结束时间必须晚于开始时间。"), "time")
    if capacity < 1:
        raise CultureError(_("名额至少为 1。"), "capacity")
    if venue.capacity and capacity > venue.capacity:
        raise CultureError(_("名额不能超过场馆容纳人数。"), "capacity")
    if eligibility == Session.Eligibility.STREET and (street is None or street.kind != Node.Kind.STREET):
        raise CultureError(_("限本街镇的场次须指定街镇。"), "street")


@transaction.atomic
def session_create(
    *,
    actor: User,
    programme: Programme,
    venue: Venue,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    mode: str = Session.Mode.FIRST_COME,
    eligibility: str = Session.Eligibility.MEMBERS,
    street: Node | None = None,
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    cancel_by: datetime.datetime | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Session:
    _check_session(
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        venue=venue,
        eligibility=eligibility,
        street=street,
    )
    opens_at = opens_at or timezone.now()
    closes_at = closes_at or starts_at - datetime.timedelta(hours=2)
    if closes_at <= opens_at:
        raise CultureError(_("预约截止须晚于预约开始。"), "window")
    session = Session(
        programme=programme,
        venue=venue,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        mode=mode,
        eligibility=eligibility,
        street=street if eligibility == Session.Eligibility.STREET else None,
        opens_at=opens_at,
        closes_at=closes_at,
        cancel_by=cancel_by or starts_at - datetime.timedelta(hours=4),
    )
    session.save()
    audit_record(actor=actor, action="culture.session.create", target=session, audit=audit)
    return session


HOLDING = [BookingStatus.ENTERED, BookingStatus.WAITING, BookingStatus.OFFERED, BookingStatus.CONFIRMED]


def _holders(session: Session) -> list[int]:
    return list(Booking.unscoped.filter(session=session, status__in=HOLDING).values_list("pk", flat=True))


def _tell(booking_ids: list[int], session: Session) -> None:
    for pk in booking_ids:
        notice_later(pk, Notice.Kind.CHANGED, str(session.version))


@transaction.atomic
def session_change(
    *,
    session: Session,
    actor: User,
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
    venue: Venue | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Session:
    """Move a session in time or place; everyone holding a place is told."""
    session = locked(Session, session)
    if session.status != Session.Status.SCHEDULED:
        raise CultureError(_("该场次已取消。"), "closed")
    new_start, new_end = starts_at or session.starts_at, ends_at or session.ends_at
    if new_end <= new_start:
        raise CultureError(_("结束时间必须晚于开始时间。"), "time")
    if venue is not None and venue.capacity and venue.capacity < session.capacity:
        raise CultureError(_("新场馆容纳人数不足。"), "capacity")
    session.starts_at, session.ends_at = new_start, new_end
    if venue is not None:
        session.venue = venue
    session.version += 1
    session.save()
    session_records_repath(Session.unscoped.filter(pk=session.pk), session.path)
    audit_record(actor=actor, action="culture.session.change", target=session, audit=audit)
    _tell(_holders(session), session)
    return session


@transaction.atomic
def session_update(
    *,
    session: Session,
    actor: User,
    programme: Programme,
    venue: Venue,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    mode: str,
    eligibility: str,
    street: Node | None,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    cancel_by: datetime.datetime,
    audit: AuditContext = NO_REQUEST,
) -> Session:
    """Edit a scheduled session. Places already taken are kept (capacity never drops below
    them); the booking mode is fixed once anyone has booked; a move in time or place tells
    everyone holding a place; extra places go to the waiting list."""
    session = locked(Session, session)
    if session.status != Session.Status.SCHEDULED:
        raise CultureError(_("该场次已取消。"), "closed")
    _check_session(
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        venue=venue,
        eligibility=eligibility,
        street=street,
    )
    if closes_at <= opens_at:
        raise CultureError(_("预约截止须晚于预约开始。"), "window")
    if capacity < session.booked:
        raise CultureError(_("名额不能少于已占名额（%(n)s）。") % {"n": session.booked}, "capacity")
    has_bookings = Booking.unscoped.filter(session=session).exists()
    if mode != session.mode and has_bookings:
        raise CultureError(_("已有预约，不能更改预约方式。"), "mode")
    if programme.pk != session.programme_id and has_bookings:
        raise CultureError(_("已有预约，不能更换服务项目。"), "programme")
    moved = (starts_at, ends_at, venue.pk) != (session.starts_at, session.ends_at, session.venue_id)
    more_places = capacity > session.capacity
    session.programme, session.venue = programme, venue
    session.starts_at, session.ends_at, session.capacity = starts_at, ends_at, capacity
    session.mode, session.eligibility = mode, eligibility
    session.street = street if eligibility == Session.Eligibility.STREET else None
    session.opens_at, session.closes_at, session.cancel_by = opens_at, closes_at, cancel_by
    if moved:
        session.version += 1
    session.save()
    if moved:
        session_records_repath(Session.unscoped.filter(pk=session.pk), session.path)
    audit_record(
        actor=actor,
        action="culture.session.update",
        target=session,
        audit=audit,
        detail={"moved": moved, "capacity": capacity},
    )
    if moved:
        _tell(_holders(session), session)
    if more_places:
        waitlist_promote_later(session.pk)
    return session


@transaction.atomic
def session_cancel(*, session: Session, actor: User, audit: AuditContext = NO_REQUEST) -> Session:
    """Cancel a session: every booking is cancelled, places and quota slots come back."""
    session = locked(Session, session)
    if session.status == Session.Status.CANCELLED:
        raise CultureError(_("该场次已取消。"), "closed")
    now = timezone.now()
    confirmed = list(
        Booking.unscoped.filter(session=session, status=BookingStatus.CONFIRMED).values_list(
            "member_id", flat=True
        )
    )
    told = _holders(session)
    Booking.unscoped.filter(pk__in=told).update(status=BookingStatus.CANCELLED, cancelled_at=now)
    for member_id in confirmed:
        quota_give_back(member_id)
    session.status = Session.Status.CANCELLED
    session.booked = Booking.unscoped.filter(
        session=session, status__in=[BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW]
    ).count()
    session.version += 1
    session.save()
    audit_record(actor=actor, action="culture.session.cancel", target=session, audit=audit)
    _tell(told, session)
    return session
