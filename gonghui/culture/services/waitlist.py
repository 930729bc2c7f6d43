"""The waiting list: join a full session, a freed place offered in queue order with a
time-limited claim, and offers that lapse when not claimed in time."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.scoping import locked
from gonghui.lib.tasks import enqueue_with_transaction
from gonghui.members.models import Member

from ..models import Booking, BookingStatus, LotteryDraw, Notice, Session
from ..selectors import session_with_parts
from .eligibility import check_eligible
from .errors import BookingRefused
from .notices import notice_later
from .places import place_free, quota_take, refuse_if_restricted


def claim_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=getattr(settings, "CULTURE_CLAIM_MINUTES", 120))


def waitlist_join(
    *, session: Session, member: Member, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Booking:
    """Queue for a full session; a freed place is offered in queue order."""
    try:
        with transaction.atomic():
            now = timezone.now()
            fresh = session_with_parts(session.pk)
            if fresh is None:
                raise Session.DoesNotExist
            session = fresh
            check_eligible(session, member, now)
            if (
                session.mode == Session.Mode.LOTTERY
                and not LotteryDraw.objects.filter(session=session).exists()
            ):
                raise BookingRefused(_("抽签场次请在报名期内报名。"), "window")
            if session.booked < session.capacity:
                raise BookingRefused(_("还有名额，请直接预约。"), "not_full")
            refuse_if_restricted(member.pk, now)
            booking = Booking.unscoped.create(
                session=session,
                member=member,
                status=BookingStatus.WAITING,
                waiting_since=now,
                created_by=actor,
                path=session.path,
            )
            audit_record(actor=actor, action="culture.waitlist.join", target=booking, audit=audit)
            return booking
    except IntegrityError:
        raise BookingRefused(_("您已预约或报名该场次。"), "duplicate") from None


def booking_claim(*, booking: Booking, actor: User, audit: AuditContext = NO_REQUEST) -> Booking:
    """The promoted member takes the offered place before the hold runs out."""
    with transaction.atomic():
        booking = locked(Booking, booking)
        now = timezone.now()
        if booking.status != BookingStatus.OFFERED:
            raise BookingRefused(_("没有待确认的递补名额。"), "state")
        if booking.hold_until is None or booking.hold_until <= now:
            raise BookingRefused(_("确认期限已过，名额已让给下一位。"), "expired")
        quota_take(booking.member_id, now)
        Booking.unscoped.filter(pk=booking.pk, status=BookingStatus.OFFERED).update(
            status=BookingStatus.CONFIRMED, confirmed_at=now
        )
        audit_record(actor=actor, action="culture.booking.claim", target=booking, audit=audit)
        notice_later(booking.pk, Notice.Kind.CONFIRMED)
    booking.refresh_from_db()
    return booking


def waitlist_promote(*, session_id: int, now: datetime.datetime | None = None) -> int:
    """Offer free places to the waiting list in order. The session row lock makes two
    promoters take turns; each offer is a conditional UPDATE of one waiting booking."""
    promoted = 0
    while True:
        with transaction.atomic():
            now_ = now or timezone.now()
            session = locked(Session, session_id)
            if (
                session.status != Session.Status.SCHEDULED
                or session.starts_at <= now_
                or session.booked >= session.capacity
            ):
                return promoted
            if (
                session.mode == Session.Mode.LOTTERY
                and not LotteryDraw.objects.filter(session=session).exists()
            ):
                return promoted
            nxt = (
                Booking.unscoped.filter(session_id=session_id, status=BookingStatus.WAITING)
                .order_by("waiting_since", "queue_rank", "id")
                .first()
            )
            if nxt is None:
                return promoted
            hold = min(now_ + claim_window(), session.starts_at)
            moved = Booking.unscoped.filter(pk=nxt.pk, status=BookingStatus.WAITING).update(
                status=BookingStatus.OFFERED, offered_at=now_, hold_until=hold
            )
            if moved:
                Session.unscoped.filter(pk=session_id).update(booked=F("booked") + 1)
                audit_record(actor=None, action="culture.waitlist.promote", target=nxt)
                notice_later(nxt.pk, Notice.Kind.PROMOTED)
                promoted += 1


@task()
def promote_waiting(session_id: int) -> int:
    """Safe to run twice, even at the same time: each offer is a conditional UPDATE."""
    return waitlist_promote(session_id=session_id)


def waitlist_promote_later(session_id: int) -> None:
    """Offer the session's free places once the current transaction commits."""
    enqueue_with_transaction(promote_waiting, session_id)


def holds_expire(*, now: datetime.datetime | None = None) -> int:
    """Offers not claimed in time lapse; their places go to the next in line."""
    now = now or timezone.now()
    expired = 0
    due = Booking.unscoped.filter(status=BookingStatus.OFFERED, hold_until__lte=now)
    sessions: set[int] = set()
    for pk, session_id in due.values_list("pk", "session_id"):
        with transaction.atomic():
            moved = Booking.unscoped.filter(pk=pk, status=BookingStatus.OFFERED, hold_until__lte=now).update(
                status=BookingStatus.EXPIRED
            )
            if moved:
                place_free(session_id)
                audit_record(actor=None, action="culture.hold.expire", detail={"booking": pk})
                expired += 1
                sessions.add(session_id)
    for session_id in sessions:
        waitlist_promote(session_id=session_id, now=now)
    return expired


@task()
def expire_holds() -> int:
    return holds_expire()
