"""Booking a place (first come first served) or entering the draw (lottery), and cancelling.

A place is taken by a conditional UPDATE of the session's counter and a quota slot by a
conditional upsert (places.py); one active booking per member and session is a partial
unique index. No Python `if` stands between two requests racing for the last place.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.db import insert
from gonghui.lib.scoping import locked
from gonghui.members.models import Member

from ..models import Booking, BookingStatus, Notice, Session
from ..selectors import Look, booking_by_key, booking_look
from .eligibility import check_eligible
from .errors import BookingRefused
from .notices import notice_later
from .places import place_free, place_take, quota_give_back, quota_take, refuse_if_restricted
from .waitlist import waitlist_promote_later


def booking_key(raw: str | None) -> str | None:
    """The idempotency key as it is stored: trimmed, at most 64 characters, None if empty."""
    return (raw or "").strip()[:64] or None


def booking_create(
    *,
    session: Session,
    member: Member,
    actor: User | None,
    channel: str = Booking.Channel.PORTAL,
    idempotency_key: str | None = None,
    audit: AuditContext = NO_REQUEST,
    look: Look | None = None,
) -> Booking:
    """Book a place (first come first served) or sign up for the draw (lottery).
    The same idempotency key always gives back the same booking (BK-3).

    The rules are checked on one read, before any transaction: in a flash sale most attempts
    find the session full, and such a refusal costs one statement and writes nothing. A caller
    that has made that read already for its own check (`booking_look`, with this member and
    key) passes it as `look`; the booking is then decided on its session."""
    key = look.key if look is not None else booking_key(idempotency_key)
    look = look or booking_look(session.pk, member, key)
    if look is None:
        raise Session.DoesNotExist
    if (twin := _own_twin(look.twin, member)) is not None:
        return twin
    session = look.session
    now = timezone.now()
    _check_may_book(session, member, now, look.holds_one)
    try:
        with transaction.atomic():
            return _create(session, member, actor, channel, key, now, audit)
    except (IntegrityError, BookingRefused) as failed:
        # A retry with the same key that lost the race to its twin (which committed after
        # the look) gets the twin's booking, whatever refusal it ran into.
        if key and (done := _own_twin(booking_by_key(key), member)):
            return done
        if isinstance(failed, BookingRefused):
            raise
        raise BookingRefused(_("您已预约或报名该场次。"), "duplicate") from None


def _own_twin(found: Booking | None, member: Member) -> Booking | None:
    if found is not None and found.member_id != member.pk:
        raise BookingRefused(_("请求无效，请刷新页面后重试。"), "key")
    return found


def _check_may_book(session: Session, member: Member, now: datetime.datetime, holds_one: bool) -> None:
    check_eligible(session, member, now)
    if holds_one:
        raise BookingRefused(_("您已预约或报名该场次。"), "duplicate")
    if session.mode == Session.Mode.FIRST_COME and session.booked >= session.capacity:
        # Refused without a lock or a transaction; the conditional UPDATE stays the guard.
        raise BookingRefused(_("名额已满，可加入候补。"), "full")


def _create(
    session: Session,
    member: Member,
    actor: User | None,
    channel: str,
    key: str | None,
    now: datetime.datetime,
    audit: AuditContext,
) -> Booking:
    if session.mode == Session.Mode.LOTTERY:
        refuse_if_restricted(member.pk, now)
        booking = Booking.unscoped.create(
            session=session,
            member=member,
            status=BookingStatus.ENTERED,
            channel=channel,
            idempotency_key=key,
            created_by=actor,
            path=session.path,
        )
        audit_record(actor=actor, action="culture.lottery.enter", target=booking, audit=audit)
        return booking
    quota_take(member.pk, now)
    _check_programme_limit(session, member.pk)
    booking = Booking(
        session=session,
        member=member,
        status=BookingStatus.CONFIRMED,
        channel=channel,
        idempotency_key=key,
        created_by=actor,
        confirmed_at=now,
        path=session.path,
    )
    insert(booking)
    audit_record(
        actor=actor, action="culture.booking.create", target=booking, audit=audit, detail={"via": channel}
    )
    notice_later(booking.pk, Notice.Kind.CONFIRMED)
    # The place is taken last: its UPDATE locks the session row, which every booking of this
    # session waits for, so the lock is held only until the commit that follows. If the
    # session is full, the refusal rolls back the booking, the quota, the audit record and
    # the notice.
    if not place_take(session.pk):
        session.booked = session.capacity  # as the page should now show it
        raise BookingRefused(_("名额已满，可加入候补。"), "full")
    return booking


def _check_programme_limit(session: Session, member_id: int) -> None:
    """Per-programme limit; read after the standing row is locked, so it cannot be raced."""
    limit = session.programme.per_member_limit
    if not limit:
        return
    held = Booking.unscoped.filter(
        member_id=member_id,
        session__programme_id=session.programme_id,
        status__in=[BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, BookingStatus.OFFERED],
    ).count()
    if held >= limit:
        raise BookingRefused(_("该项目每人限约 %(n)d 场。") % {"n": limit}, "quota")


def booking_cancel(*, booking: Booking, actor: User, audit: AuditContext = NO_REQUEST) -> Booking:
    with transaction.atomic():
        booking = locked(Booking, booking)
        session = Session.unscoped.get(pk=booking.session_id)
        now = timezone.now()
        old = booking.status
        if old not in (
            BookingStatus.ENTERED,
            BookingStatus.WAITING,
            BookingStatus.OFFERED,
            BookingStatus.CONFIRMED,
        ):
            raise BookingRefused(_("该预约已不能取消。"), "state")
        if old in (BookingStatus.CONFIRMED, BookingStatus.OFFERED) and now > session.cancel_by:
            raise BookingRefused(_("已过取消截止时间。"), "deadline")
        Booking.unscoped.filter(pk=booking.pk, status=old).update(
            status=BookingStatus.CANCELLED, cancelled_at=now
        )
        if old in (BookingStatus.CONFIRMED, BookingStatus.OFFERED):
            place_free(session.pk)
            waitlist_promote_later(session.pk)
        if old == BookingStatus.CONFIRMED:
            quota_give_back(booking.member_id)
        audit_record(
            actor=actor, action="culture.booking.cancel", target=booking, audit=audit, detail={"was": old}
        )
    booking.refresh_from_db()
    return booking
