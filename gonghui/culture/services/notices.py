"""Composing and delivering notices: one Notice row per (booking, kind, key), written in
the same transaction as the send, so a retried or doubled task sends once."""

import datetime

from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.lib.tasks import enqueue_with_transaction

from ..models import Booking, BookingStatus, Notice, Session
from ..notify import notifier


def _when(session: Session) -> str:
    return timezone.localtime(session.starts_at).strftime("%m月%d日 %H:%M")


def notice_text(booking: Booking, kind: str) -> str:
    session = booking.session
    what = f"{session.programme.title}（{_when(session)}，{session.venue.name}）"
    texts = {
        Notice.Kind.CONFIRMED: _("预约成功：%(what)s，请凭会员码签到。"),
        Notice.Kind.PROMOTED: _("候补递补：%(what)s 有空位，请在 %(hold)s 前确认。"),
        Notice.Kind.CHANGED: _("场次变更：%(what)s，请留意最新安排。"),
        Notice.Kind.REMINDER: _("活动提醒：明天 %(what)s，请准时参加。"),
        Notice.Kind.RESULT: _("抽签结果：%(what)s，%(result)s。"),
    }
    hold = timezone.localtime(booking.hold_until).strftime("%m月%d日 %H:%M") if booking.hold_until else ""
    result = _("已中签") if booking.status == BookingStatus.CONFIRMED else _("未中签，已进入候补")
    if session.status == Session.Status.CANCELLED and kind == Notice.Kind.CHANGED:
        return _("场次取消：%(what)s 已取消，给您带来不便敬请谅解。") % {"what": what}
    return texts[Notice.Kind(kind)] % {"what": what, "hold": hold, "result": result}


def notice_deliver(*, booking_id: int, kind: str, key: str = "") -> bool:
    """Send one notice at most once; False when it was sent before."""
    booking = Booking.unscoped.select_related("session__programme", "session__venue").get(pk=booking_id)
    text = notice_text(booking, kind)[:300]
    try:
        with transaction.atomic():
            Notice.objects.create(booking=booking, kind=kind, key=key, text=text, sent_at=timezone.now())
            notifier().send(member_id=booking.member_id, kind=kind, text=text)
    except IntegrityError:
        return False
    return True


@task()
def send_notice(booking_id: int, kind: str, key: str = "") -> bool:
    """Safe to run twice, even at the same time: the Notice row is unique (BK-4)."""
    return notice_deliver(booking_id=booking_id, kind=kind, key=key)


def notice_later(booking_id: int, kind: str, key: str = "") -> None:
    """Send a notice once the current transaction commits (with it, on the database queue)."""
    enqueue_with_transaction(send_notice, booking_id, kind, key)


def reminders_enqueue(*, now: datetime.datetime | None = None) -> int:
    """The day before: one reminder for every place held in tomorrow's sessions."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    bookings = Booking.unscoped.filter(
        session__starts_at__gte=start,
        session__starts_at__lt=start + datetime.timedelta(days=1),
        session__status=Session.Status.SCHEDULED,
        status__in=[BookingStatus.CONFIRMED, BookingStatus.OFFERED],
    ).values_list("pk", flat=True)
    count = 0
    for pk in bookings:
        send_notice.enqueue(pk, Notice.Kind.REMINDER.value, tomorrow.isoformat())
        count += 1
    return count


@task()
def send_reminders() -> int:
    return reminders_enqueue()
