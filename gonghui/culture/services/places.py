"""The two counters contention is decided on: a session's places (`Session.booked`) and a
member's open bookings (`Standing.open_bookings`, the quota).

Contention is the database's job: a place is taken by `UPDATE session SET booked =
booked + 1 WHERE booked < capacity`, a quota slot by an upsert that moves the counter only
`WHERE open_bookings < limit`. No Python `if` stands between two requests racing for the
last place.
"""

import datetime

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils.translation import gettext as _

from ..models import Session, Standing
from .errors import BookingRefused


def max_open_bookings() -> int:
    limit: int = getattr(settings, "CULTURE_MAX_OPEN_BOOKINGS", 3)
    return limit


def member_restricted(member_id: int, now: datetime.datetime) -> bool:
    """Booking is suspended for a while after repeated no-shows."""
    return Standing.objects.filter(member_id=member_id, restricted_until__gt=now).exists()


def refuse_if_restricted(member_id: int, now: datetime.datetime) -> None:
    if member_restricted(member_id, now):
        raise BookingRefused(_("因多次爽约，您的预约权限暂停中。"), "restricted")


def standing_ensure(member_id: int) -> None:
    Standing.objects.bulk_create([Standing(member_id=member_id)], ignore_conflicts=True)


def quota_take(member_id: int, now: datetime.datetime) -> None:
    """One open booking more, if the member is under the limit and not restricted: one upsert
    that creates the member's standing row or moves it under a condition. It locks the row, so
    the same member's bookings run one at a time."""
    if max_open_bookings() > 0 and _upsert_quota(member_id, now):
        return
    refuse_if_restricted(member_id, now)
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


def quota_give_back(member_id: int) -> None:
    Standing.objects.filter(member_id=member_id, open_bookings__gt=0).update(
        open_bookings=F("open_bookings") - 1
    )


def place_take(session_id: int) -> bool:
    """One place of a scheduled session, if one is left."""
    sql = "UPDATE culture_session SET booked = booked + 1 WHERE id = %s AND booked < capacity AND status = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [session_id, Session.Status.SCHEDULED.value])
        updated: int = cursor.rowcount
    return updated == 1


def place_free(session_id: int) -> None:
    Session.unscoped.filter(pk=session_id, booked__gt=0).update(booked=F("booked") - 1)
