"""Writes on venues, the service menu, sessions and funding. Booking writes live in
booking.py and lottery.py; all of them are re-exported here so callers have one place."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from .booking import (  # noqa: F401  (the module's write API in one place)
    BookingRefused,
    _free_place,
    _give_back_quota,
    _notify,
    _promote_later,
    booking_cancel,
    booking_check_in,
    booking_claim,
    booking_create,
    booking_key,
    booking_look,
    holds_expire,
    no_show_excuse,
    no_shows_release,
    waitlist_join,
    waitlist_promote,
)
from .lottery import lottery_draw, lottery_replay  # noqa: F401
from .models import (
    Booking,
    BookingStatus,
    Funding,
    LotteryDraw,
    NoShow,
    Notice,
    Programme,
    Provider,
    Session,
    Venue,
    VenueStaff,
)


class CultureError(BookingRefused):
    pass


@transaction.atomic
def venue_create(*, actor: Any, node: Node, audit: AuditContext = NO_REQUEST, **fields: Any) -> Venue:
    venue = Venue(node=node, **fields)
    venue.full_clean(exclude=["path"])
    venue.save()
    audit_record(actor=actor, action="culture.venue.create", target=venue, audit=audit)
    return venue


VENUE_FIELDS = ("name", "kind", "circle", "address", "opening_hours", "facilities", "capacity", "active")


@transaction.atomic
def venue_update(
    *, venue: Venue, actor: Any, node: Node, audit: AuditContext = NO_REQUEST, **fields: Any
) -> Venue:
    """Edit a venue. Moving it to another node moves everything that happens there with it."""
    venue = Venue.unscoped.select_for_update().get(pk=venue.pk)
    unknown = set(fields) - set(VENUE_FIELDS)
    if unknown:
        raise CultureError(_("不能修改这些字段：%(f)s") % {"f": ", ".join(sorted(unknown))}, "field")
    old_path = venue.path
    for name, value in fields.items():
        setattr(venue, name, value)
    venue.node = node
    venue.full_clean(exclude=["path"])
    venue.save()
    if venue.path != old_path:
        Session.unscoped.filter(venue=venue).update(path=venue.path)
        _repath_session_records(venue.path, venue=venue)
    audit_record(
        actor=actor,
        action="culture.venue.update",
        target=venue,
        audit=audit,
        detail={"fields": sorted(fields), "moved": venue.path != old_path},
    )
    return venue


def _repath_session_records(path: str, **session_lookup: Any) -> None:
    """Bookings, draws and no-shows hang on their session's node and move with it."""
    on_session = {f"session__{key}": value for key, value in session_lookup.items()}
    Booking.unscoped.filter(**on_session).update(path=path)
    LotteryDraw.objects.filter(**on_session).update(path=path)
    NoShow.objects.filter(**{f"booking__{key}": value for key, value in on_session.items()}).update(path=path)


@transaction.atomic
def venue_staff_add(*, venue: Venue, user: User, actor: Any, audit: AuditContext = NO_REQUEST) -> VenueStaff:
    if user.role != Role.VENUE_STAFF:
        raise CultureError(_("只有场馆工作人员账号可以关联场馆。"), "role")
    link, _created = VenueStaff.objects.get_or_create(venue=venue, user=user)
    audit_record(actor=actor, action="culture.venue.staff_add", target=venue, audit=audit)
    return link


@transaction.atomic
def programme_create(*, actor: Any, node: Node, audit: AuditContext = NO_REQUEST, **fields: Any) -> Programme:
    cost = fields.get("cost", Decimal("0"))
    if not isinstance(cost, Decimal) or cost < 0:
        raise CultureError(_("金额必须为非负的元金额。"), "money")
    programme = Programme(node=node, **fields)
    programme.save()
    audit_record(actor=actor, action="culture.programme.create", target=programme, audit=audit)
    return programme


PROGRAMME_FIELDS = (
    "title",
    "category",
    "description",
    "circle",
    "provider",
    "cost",
    "per_member_limit",
    "published",
)


@transaction.atomic
def programme_update(
    *, programme: Programme, actor: Any, node: Node, audit: AuditContext = NO_REQUEST, **fields: Any
) -> Programme:
    """Edit a menu item. Its funding records hang where it hangs, so they follow a move."""
    programme = Programme.unscoped.select_for_update().get(pk=programme.pk)
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise CultureError(_("不能修改这些字段：%(f)s") % {"f": ", ".join(sorted(unknown))}, "field")
    cost = fields.get("cost", programme.cost)
    if not isinstance(cost, Decimal) or cost < 0:
        raise CultureError(_("金额必须为非负的元金额。"), "money")
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.node = node
    programme.save()
    Funding.unscoped.filter(programme=programme).update(path=programme.path)
    audit_record(
        actor=actor,
        action="culture.programme.update",
        target=programme,
        audit=audit,
        detail={"fields": sorted(fields)},
    )
    return programme


@transaction.atomic
def provider_create(
    *, name: str, actor: Any, credit_code: str = "", audit: AuditContext = NO_REQUEST
) -> Provider:
    """Register a social organization that delivers purchased programmes; an existing name is reused."""
    name = name.strip()
    if not name:
        raise CultureError(_("请填写社会组织名称。"), "provider")
    provider, created = Provider.objects.get_or_create(name=name, defaults={"credit_code": credit_code})
    if created:
        audit_record(actor=actor, action="culture.provider.create", target=provider, audit=audit)
    return provider


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
    actor: Any,
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
        _notify(pk, Notice.Kind.CHANGED, str(session.version))


@transaction.atomic
def session_change(
    *,
    session: Session,
    actor: Any,
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
    venue: Venue | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Session:
    """Move a session in time or place; everyone holding a place is told."""
    session = Session.unscoped.select_for_update().get(pk=session.pk)
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
    Booking.unscoped.filter(session=session).update(path=session.path)
    audit_record(actor=actor, action="culture.session.change", target=session, audit=audit)
    _tell(_holders(session), session)
    return session


@transaction.atomic
def session_update(
    *,
    session: Session,
    actor: Any,
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
    session = Session.unscoped.select_for_update().get(pk=session.pk)
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
        _repath_session_records(session.path, pk=session.pk)
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
        _promote_later(session.pk)
    return session


@transaction.atomic
def session_cancel(*, session: Session, actor: Any, audit: AuditContext = NO_REQUEST) -> Session:
    """Cancel a session: every booking is cancelled, places and quota slots come back."""
    session = Session.unscoped.select_for_update().get(pk=session.pk)
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
        _give_back_quota(member_id)
    session.status = Session.Status.CANCELLED
    session.booked = Booking.unscoped.filter(
        session=session, status__in=[BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW]
    ).count()
    session.version += 1
    session.save()
    audit_record(actor=actor, action="culture.session.cancel", target=session, audit=audit)
    _tell(told, session)
    return session


@transaction.atomic
def funding_record(
    *,
    programme: Programme,
    amount: Decimal,
    paid_on: datetime.date,
    kind: str,
    actor: Any,
    circle: str | None = None,
    note: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Funding:
    if not isinstance(amount, Decimal) or amount <= 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise CultureError(_("金额须为大于零的元金额（最多两位小数）。"), "money")
    funding = Funding(
        programme=programme,
        amount=amount,
        paid_on=paid_on,
        kind=kind,
        circle=circle or programme.circle,
        note=note,
    )
    funding.save()
    audit_record(
        actor=actor,
        action="culture.funding.record",
        target=funding,
        audit=audit,
        detail={"amount": str(amount)},
    )
    return funding
