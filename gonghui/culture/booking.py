"""Booking: first come first served, the waiting list with a time-limited claim,
cancellation, check-in with the member's QR pass, and no-shows.

Contention is the database's job: a place is taken by `UPDATE session SET booked =
booked + 1 WHERE booked < capacity`, a quota slot by `UPDATE standing SET open_bookings =
open_bookings + 1 WHERE open_bookings < limit`, a status moves by `UPDATE … WHERE status =
old`. One active booking per member and session is a partial unique index. No Python `if`
stands between two requests racing for the last place.
"""

import datetime
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.db import insert, load_row, select_list
from gonghui.lib.tasks import enqueue_with_transaction
from gonghui.members.models import Member, MemberStatus
from gonghui.members.passes import PassRefused, pass_redeem

from .models import (
    PLACE_STATUSES,
    Booking,
    BookingStatus,
    LotteryDraw,
    NoShow,
    Notice,
    Session,
    Standing,
)
from .selectors import (
    active_statuses_sql,
    bookings_where,
    session_from_row,
    session_parts_sql,
    session_parts_width,
    session_with_parts,
)

CHECKIN_PURPOSE = "culture.checkin"


def max_open_bookings() -> int:
    return getattr(settings, "CULTURE_MAX_OPEN_BOOKINGS", 3)


def claim_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=getattr(settings, "CULTURE_CLAIM_MINUTES", 120))


NO_SHOW_GRACE = datetime.timedelta(minutes=30)
NO_SHOW_LIMIT = 3  # no-shows within the window that restrict booking
NO_SHOW_WINDOW = datetime.timedelta(days=90)
RESTRICTION = datetime.timedelta(days=30)
CHECKIN_EARLY = datetime.timedelta(hours=1)


class BookingRefused(Exception):
    """A refusal the member or the clerk can read; `code` says which rule refused."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code


def _notify(booking_id: int, kind: str, key: str = "") -> None:
    from .tasks import send_notice

    enqueue_with_transaction(send_notice, booking_id, kind, key)


def _promote_later(session_id: int) -> None:
    from .tasks import promote_waiting

    enqueue_with_transaction(promote_waiting, session_id)


# --- rules ---------------------------------------------------------------------------------


def check_eligible(session: Session, member: Member, now: datetime.datetime) -> None:
    if member.status != MemberStatus.ACTIVE or member.id_problem:
        raise BookingRefused(_("仅限在册会员预约。"), "eligibility")
    if session.status != Session.Status.SCHEDULED or not session.programme.published:
        raise BookingRefused(_("该场次已取消或未发布。"), "closed")
    if session.eligibility == Session.Eligibility.STREET and not (
        session.street and member.path.startswith(session.street.path)
    ):
        raise BookingRefused(_("该场次仅限本街镇会员预约。"), "eligibility")
    if now < session.opens_at:
        raise BookingRefused(_("预约尚未开始。"), "window")
    if now >= session.closes_at:
        raise BookingRefused(_("预约已截止。"), "window")


def _ensure_standing(member_id: int) -> None:
    Standing.objects.bulk_create([Standing(member_id=member_id)], ignore_conflicts=True)


def _restricted(member_id: int, now: datetime.datetime) -> bool:
    return Standing.objects.filter(member_id=member_id, restricted_until__gt=now).exists()


def _take_quota(member_id: int, now: datetime.datetime) -> None:
    """One open booking more, if the member is under the limit and not restricted: one upsert
    that creates the member's standing row or moves it under a condition. It locks the row, so
    the same member's bookings run one at a time."""
    if max_open_bookings() > 0 and _upsert_quota(member_id, now):
        return
    if _restricted(member_id, now):
        raise BookingRefused(_("因多次爽约，您的预约权限暂停中。"), "restricted")
    raise BookingRefused(
        _("您已有 %(n)d 个未使用的预约，请先参加或取消后再约。") % {"n": max_open_bookings()}, "quota"
    )


def _upsert_quota(member_id: int, now: datetime.datetime) -> bool:
    sql = """
        INSERT INTO culture_standing (member_id, open_bookings) VALUES (%s, 1)
        ON CONFLICT (member_id) DO UPDATE SET open_bookings = culture_standing.open_bookings + 1
        WHERE culture_standing.open_bookings < %s
          AND (culture_standing.restricted_until IS NULL OR culture_standing.restricted_until <= %s)
        RETURNING member_id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [member_id, max_open_bookings(), connection.ops.adapt_datetimefield_value(now)])
        return cursor.fetchone() is not None


def _give_back_quota(member_id: int) -> None:
    Standing.objects.filter(member_id=member_id, open_bookings__gt=0).update(
        open_bookings=F("open_bookings") - 1
    )


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


def _take_place(session_id: int) -> bool:
    sql = "UPDATE culture_session SET booked = booked + 1 WHERE id = %s AND booked < capacity AND status = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [session_id, Session.Status.SCHEDULED.value])
        return cursor.rowcount == 1


def _free_place(session_id: int) -> None:
    Session.unscoped.filter(pk=session_id, booked__gt=0).update(booked=F("booked") - 1)


def _fresh(session: Session) -> Session:
    fresh = session_with_parts(session.pk)
    if fresh is None:
        raise Session.DoesNotExist
    return fresh


# --- booking -------------------------------------------------------------------------------


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
        cursor.execute(_look_sql(), [session_id, member.pk, *_active(), key, session_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    width = session_parts_width()
    found = [b for row in rows if (b := load_row(row[width:], (Booking,))[0]) is not None]
    twin = next((b for b in found if key and b.idempotency_key == key), None)
    holds_one = any(
        b.session_id == session_id and b.member_id == member.pk and b.status in _active() for b in found
    )
    return Look(session_from_row(rows[0]), key, twin, holds_one)


@cache
def _look_sql() -> str:
    # The booking's session is the parameter, not s.id: the (session, member) unique index then
    # finds the member's booking directly (joined on s.id, the plan read every booking of the
    # session, or every entry of that index, to find it).
    active, _statuses = active_statuses_sql()
    columns, joins = session_parts_sql()
    return (
        f"SELECT {columns}, {select_list(Booking, 'b')} {joins}"
        f" LEFT JOIN culture_booking b ON (b.session_id = %s AND b.member_id = %s AND {active})"
        " OR b.idempotency_key = %s WHERE s.id = %s LIMIT 2"
    )


def booking_key(raw: str | None) -> str | None:
    """The idempotency key as it is stored: trimmed, at most 64 characters, None if empty."""
    return (raw or "").strip()[:64] or None


def booking_create(
    *,
    session: Session,
    member: Member,
    actor: Any,
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
        if key and (done := _by_key(key, member)):
            return done
        if isinstance(failed, BookingRefused):
            raise
        raise BookingRefused(_("您已预约或报名该场次。"), "duplicate") from None


def _by_key(key: str, member: Member) -> Booking | None:
    found = bookings_where("b.idempotency_key = %s", [key])
    return _own_twin(found[0] if found else None, member)


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
    actor: Any,
    channel: str,
    key: str | None,
    now: datetime.datetime,
    audit: AuditContext,
) -> Booking:
    created_by = actor if getattr(actor, "is_authenticated", False) else None
    if session.mode == Session.Mode.LOTTERY:
        if _restricted(member.pk, now):
            raise BookingRefused(_("因多次爽约，您的预约权限暂停中。"), "restricted")
        booking = Booking.unscoped.create(
            session=session,
            member=member,
            status=BookingStatus.ENTERED,
            channel=channel,
            idempotency_key=key,
            created_by=created_by,
            path=session.path,
        )
        audit_record(actor=actor, action="culture.lottery.enter", target=booking, audit=audit)
        return booking
    _take_quota(member.pk, now)
    _check_programme_limit(session, member.pk)
    booking = Booking(
        session=session,
        member=member,
        status=BookingStatus.CONFIRMED,
        channel=channel,
        idempotency_key=key,
        created_by=created_by,
        confirmed_at=now,
        path=session.path,
    )
    insert(booking)
    audit_record(
        actor=actor, action="culture.booking.create", target=booking, audit=audit, detail={"via": channel}
    )
    _notify(booking.pk, Notice.Kind.CONFIRMED)
    # The place is taken last: its UPDATE locks the session row, which every booking of this
    # session waits for, so the lock is held only until the commit that follows. If the
    # session is full, the refusal rolls back the booking, the quota, the audit record and
    # the notice.
    if not _take_place(session.pk):
        session.booked = session.capacity  # as the page should now show it
        raise BookingRefused(_("名额已满，可加入候补。"), "full")
    return booking


def _active() -> list[str]:
    from .models import ACTIVE_STATUSES

    return [s.value for s in ACTIVE_STATUSES]


def waitlist_join(
    *, session: Session, member: Member, actor: Any, audit: AuditContext = NO_REQUEST
) -> Booking:
    """Queue for a full session; a freed place is offered in queue order."""
    try:
        with transaction.atomic():
            now = timezone.now()
            session = _fresh(session)
            check_eligible(session, member, now)
            if (
                session.mode == Session.Mode.LOTTERY
                and not LotteryDraw.objects.filter(session=session).exists()
            ):
                raise BookingRefused(_("抽签场次请在报名期内报名。"), "window")
            if session.booked < session.capacity:
                raise BookingRefused(_("还有名额，请直接预约。"), "not_full")
            if _restricted(member.pk, now):
                raise BookingRefused(_("因多次爽约，您的预约权限暂停中。"), "restricted")
            booking = Booking.unscoped.create(
                session=session,
                member=member,
                status=BookingStatus.WAITING,
                waiting_since=now,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                path=session.path,
            )
            audit_record(actor=actor, action="culture.waitlist.join", target=booking, audit=audit)
            return booking
    except IntegrityError:
        raise BookingRefused(_("您已预约或报名该场次。"), "duplicate") from None


def booking_cancel(*, booking: Booking, actor: Any, audit: AuditContext = NO_REQUEST) -> Booking:
    with transaction.atomic():
        booking = Booking.unscoped.select_for_update().get(pk=booking.pk)
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
            _free_place(session.pk)
            _promote_later(session.pk)
        if old == BookingStatus.CONFIRMED:
            _give_back_quota(booking.member_id)
        audit_record(
            actor=actor, action="culture.booking.cancel", target=booking, audit=audit, detail={"was": old}
        )
    booking.refresh_from_db()
    return booking


def booking_claim(*, booking: Booking, actor: Any, audit: AuditContext = NO_REQUEST) -> Booking:
    """The promoted member takes the offered place before the hold runs out."""
    with transaction.atomic():
        booking = Booking.unscoped.select_for_update().get(pk=booking.pk)
        now = timezone.now()
        if booking.status != BookingStatus.OFFERED:
            raise BookingRefused(_("没有待确认的递补名额。"), "state")
        if booking.hold_until is None or booking.hold_until <= now:
            raise BookingRefused(_("确认期限已过，名额已让给下一位。"), "expired")
        _take_quota(booking.member_id, now)
        Booking.unscoped.filter(pk=booking.pk, status=BookingStatus.OFFERED).update(
            status=BookingStatus.CONFIRMED, confirmed_at=now
        )
        audit_record(actor=actor, action="culture.booking.claim", target=booking, audit=audit)
        _notify(booking.pk, Notice.Kind.CONFIRMED)
    booking.refresh_from_db()
    return booking


# --- the waiting list and holds (tasks) ------------------------------------------------------


def waitlist_promote(*, session_id: int, now: datetime.datetime | None = None) -> int:
    """Offer free places to the waiting list in order. The session row lock makes two
    promoters take turns; each offer is a conditional UPDATE of one waiting booking."""
    promoted = 0
    while True:
        with transaction.atomic():
            now_ = now or timezone.now()
            session = Session.unscoped.select_for_update().get(pk=session_id)
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
                _notify(nxt.pk, Notice.Kind.PROMOTED)
                promoted += 1


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
                _free_place(session_id)
                audit_record(actor=None, action="culture.hold.expire", detail={"booking": pk})
                expired += 1
                sessions.add(session_id)
    for session_id in sessions:
        waitlist_promote(session_id=session_id, now=now)
    return expired


def no_shows_release(*, now: datetime.datetime | None = None) -> int:
    """Confirmed bookings not checked in by the grace time become no-shows (recorded, never
    deleted); the member's quota slot is released; repeats restrict booking for a while."""
    now = now or timezone.now()
    released = 0
    due = Booking.unscoped.filter(status=BookingStatus.CONFIRMED, session__starts_at__lte=now - NO_SHOW_GRACE)
    for pk, member_id, path in due.values_list("pk", "member_id", "path"):
        with transaction.atomic():
            moved = Booking.unscoped.filter(pk=pk, status=BookingStatus.CONFIRMED).update(
                status=BookingStatus.NO_SHOW
            )
            if not moved:
                continue
            NoShow.objects.create(booking_id=pk, member_id=member_id, at=now, path=path)
            _give_back_quota(member_id)
            recent = NoShow.objects.filter(member_id=member_id, excused=False, at__gt=now - NO_SHOW_WINDOW)
            if recent.count() >= NO_SHOW_LIMIT:
                _ensure_standing(member_id)
                Standing.objects.filter(member_id=member_id).filter(
                    Q(restricted_until__isnull=True) | Q(restricted_until__lt=now + RESTRICTION)
                ).update(restricted_until=now + RESTRICTION)
            audit_record(actor=None, action="culture.no_show", detail={"booking": pk})
            released += 1
    return released


def no_show_excuse(*, no_show: NoShow, actor: Any, audit: AuditContext = NO_REQUEST) -> None:
    """A justified absence stops counting; the record stays."""
    with transaction.atomic():
        NoShow.objects.filter(pk=no_show.pk).update(excused=True)
        audit_record(actor=actor, action="culture.no_show.excuse", target=no_show, audit=audit)


# --- check-in ------------------------------------------------------------------------------


def booking_check_in(
    *, session: Session, scanned: str, actor: Any, audit: AuditContext = NO_REQUEST
) -> Booking:
    """Scan the member's QR pass at the door. A refused check-in leaves the pass unused."""
    try:
        with transaction.atomic():
            member = pass_redeem(scanned=scanned, purpose=CHECKIN_PURPOSE, actor=actor, audit=audit)
            session = Session.unscoped.get(pk=session.pk)
            now = timezone.now()
            if session.status != Session.Status.SCHEDULED:
                raise BookingRefused(_("该场次已取消。"), "closed")
            if not (session.starts_at - CHECKIN_EARLY <= now <= session.ends_at):
                raise BookingRefused(_("不在签到时间内（开场前一小时至结束）。"), "window")
            booking = (
                Booking.unscoped.select_for_update()
                .filter(session=session, member=member, status=BookingStatus.CONFIRMED)
                .first()
            )
            if booking is None:
                raise BookingRefused(_("该会员没有本场次的有效预约。"), "no_booking")
            Booking.unscoped.filter(pk=booking.pk, status=BookingStatus.CONFIRMED).update(
                status=BookingStatus.CHECKED_IN, checked_in_at=now
            )
            _give_back_quota(member.pk)
            audit_record(actor=actor, action="culture.check_in", target=booking, audit=audit)
    except PassRefused as refused:
        raise BookingRefused(str(refused), "pass") from None
    booking.refresh_from_db()
    return booking


def place_count(session_id: int) -> int:
    """What the counter must always equal."""
    return Booking.unscoped.filter(session_id=session_id, status__in=PLACE_STATUSES).count()
