"""At the door: check-in with the member's QR pass; afterwards, bookings nobody came for
become no-shows, and repeats restrict booking for a while."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.passes import PassRefused, pass_redeem

from ..models import Booking, BookingStatus, NoShow, Session, Standing
from .errors import BookingRefused
from .places import quota_give_back, standing_ensure

CHECKIN_PURPOSE = "culture.checkin"
CHECKIN_EARLY = datetime.timedelta(hours=1)
NO_SHOW_GRACE = datetime.timedelta(minutes=30)
NO_SHOW_LIMIT = 3  # no-shows within the window that restrict booking
NO_SHOW_WINDOW = datetime.timedelta(days=90)
RESTRICTION = datetime.timedelta(days=30)


def booking_check_in(
    *, session: Session, scanned: str, actor: User, audit: AuditContext = NO_REQUEST
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
                .filter(
                    session=session, district=session.district, member=member, status=BookingStatus.CONFIRMED
                )
                .first()
            )
            if booking is None:
                raise BookingRefused(_("该会员没有本场次的有效预约。"), "no_booking")
            Booking.unscoped.filter(
                pk=booking.pk, district=booking.district, status=BookingStatus.CONFIRMED
            ).update(status=BookingStatus.CHECKED_IN, checked_in_at=now)
            quota_give_back(member.pk)
            audit_record(actor=actor, action="culture.check_in", target=booking, audit=audit)
    except PassRefused as refused:
        raise BookingRefused(str(refused), "pass") from None
    booking.refresh_from_db()
    return booking


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
            quota_give_back(member_id)
            recent = NoShow.objects.filter(member_id=member_id, excused=False, at__gt=now - NO_SHOW_WINDOW)
            if recent.count() >= NO_SHOW_LIMIT:
                standing_ensure(member_id)
                Standing.objects.filter(member_id=member_id).filter(
                    Q(restricted_until__isnull=True) | Q(restricted_until__lt=now + RESTRICTION)
                ).update(restricted_until=now + RESTRICTION)
            audit_record(actor=None, action="culture.no_show", detail={"booking": pk})
            released += 1
    return released


@task()
def release_no_shows() -> int:
    """Safe to run twice, even at the same time: each no-show is a conditional UPDATE and a
    unique row."""
    return no_shows_release()


def no_show_excuse(*, no_show: NoShow, actor: User, audit: AuditContext = NO_REQUEST) -> None:
    """A justified absence stops counting; the record stays."""
    with transaction.atomic():
        NoShow.objects.filter(pk=no_show.pk).update(excused=True)
        audit_record(actor=actor, action="culture.no_show.excuse", target=no_show, audit=audit)
