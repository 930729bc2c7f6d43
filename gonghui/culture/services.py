"""Writes on venues, the service menu, sessions and funding. Booking writes live in
booking.py and lottery.py; all of them are re-exported here so callers have one place."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import Role, User
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node

from .booking import (  # noqa: F401  (the module's write API in one place)
    BookingRefused,
    _free_place,
    _give_back_quota,
    _notify,
    booking_cancel,
    booking_check_in,
    booking_claim,
    booking_create,
    holds_expire,
    no_show_excuse,
    no_shows_release,
    waitlist_join,
    waitlist_promote,
)
from .lottery import lottery_draw, lottery_replay  # noqa: F401
from .models import Booking, BookingStatus, Funding, Notice, Programme, Session, Venue, VenueStaff


class CultureError(BookingRefused):
    pass


@transaction.atomic
def venue_create(*, actor: Any, node: Node, request: Any = None, **fields: Any) -> Venue:
    venue = Venue(node=node, **fields)
    venue.full_clean(exclude=["path"])
    venue.save()
    audit_record(actor=actor, action="culture.venue.create", target=venue, request=request)
    return venue


@transaction.atomic
def venue_staff_add(*, venue: Venue, user: User, actor: Any, request: Any = None) -> VenueStaff:
    if user.role != Role.VENUE_STAFF:
        raise CultureError(_("只有场馆工作人员账号可以关联场馆。"), "role")
    link, _created = VenueStaff.objects.get_or_create(venue=venue, user=user)
    audit_record(actor=actor, action="culture.venue.staff_add", target=venue, request=request)
    return link


@transaction.atomic
def programme_create(*, actor: Any, node: Node, request: Any = None, **fields: Any) -> Programme:
    cost = fields.get("cost", Decimal("0"))
    if not isinstance(cost, Decimal) or cost < 0:
        raise CultureError(_("金额必须为非负的元金额。"), "money")
    programme = Programme(node=node, **fields)
    programme.save()
    audit_record(actor=actor, action="culture.programme.create", target=programme, request=request)
    return programme


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
    request: Any = None,
) -> Session:
    if ends_at <= starts_at:
        raise CultureError(_("结束时间必须晚于开始时间。"), "time")
    if capacity < 1:
        raise CultureError(_("名额至少为 1。"), "capacity")
    if venue.capacity and capacity > venue.capacity:
        raise CultureError(_("名额不能超过场馆容纳人数。"), "capacity")
    if eligibility == Session.Eligibility.STREET and (street is None or street.kind != Node.Kind.STREET):
        raise CultureError(_("限本街镇的场次须指定街镇。"), "street")
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
    audit_record(actor=actor, action="culture.session.create", target=session, request=request)
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
    request: Any = None,
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
    audit_record(actor=actor, action="culture.session.change", target=session, request=request)
    _tell(_holders(session), session)
    return session


@transaction.atomic
def session_cancel(*, session: Session, actor: Any, request: Any = None) -> Session:
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
    audit_record(actor=actor, action="culture.session.cancel", target=session, request=request)
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
    request: Any = None,
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
        request=request,
        detail={"amount": str(amount)},
    )
    return funding
