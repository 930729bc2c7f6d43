"""Bookings and what follows them: the member's standing (quota and restriction), lottery
draws, no-shows and notices.

Rules that must always hold are database constraints: a member has at most one active
booking per session, a lottery is drawn once, a no-show is recorded once per booking, a
notice is sent once.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import DistrictKeyed, DistrictKeyField, district_key_constraint
from gonghui.members.models import Member

from .sessions import Session
from .venues import VenueScopedQuerySet


class BookingStatus(models.TextChoices):
    ENTERED = "entered", _("已报名待抽签")
    WAITING = "waiting", _("候补中")
    OFFERED = "offered", _("候补递补待确认")
    CONFIRMED = "confirmed", _("预约成功")
    CHECKED_IN = "checked_in", _("已签到")
    NO_SHOW = "no_show", _("爽约")
    CANCELLED = "cancelled", _("已取消")
    EXPIRED = "expired", _("递补逾期")


# A member holds at most one booking per session in these states (BK-2).
ACTIVE_STATUSES = (
    BookingStatus.ENTERED,
    BookingStatus.WAITING,
    BookingStatus.OFFERED,
    BookingStatus.CONFIRMED,
    BookingStatus.CHECKED_IN,
)
# These take a place: Session.booked always equals their count (BK-1).
PLACE_STATUSES = (
    BookingStatus.OFFERED,
    BookingStatus.CONFIRMED,
    BookingStatus.CHECKED_IN,
    BookingStatus.NO_SHOW,
)


class BookingQuerySet(VenueScopedQuerySet):
    def _run_by(self, user: Any) -> "BookingQuerySet":
        # The sessions' ids by a subquery: on Citus a booking joins its session on their
        # district or not at all, and an uncorrelated subquery is planned first.
        return self.filter(session__in=Session.unscoped.filter(venue__staff_links__user=user).values("pk"))

    owner_field = "member__user"


class Booking(DistrictKeyed, models.Model):
    class Channel(models.TextChoices):
        PORTAL = "portal", _("会员自助")
        STAFF = "staff", _("工作人员代约")

    # Each index is paid for by every booking, and a flash sale writes hundreds a second: the
    # keys' own indexes are the composite ones below, whose first column they are.
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings", db_index=False)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", db_index=False)
    status = models.CharField(_("状态"), max_length=12, choices=BookingStatus)
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel, default=Channel.PORTAL)
    # NULL, not "": bookings made without a key must not collide under the unique constraint.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Waiting list order: earlier waiting_since first, then the draw's rank.
    waiting_since = models.DateTimeField(null=True, blank=True)
    queue_rank = models.PositiveIntegerField(default=0)
    lost_draw = models.BooleanField(_("未中签"), default=False)
    offered_at = models.DateTimeField(null=True, blank=True)
    hold_until = models.DateTimeField(_("确认期限"), null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    path = models.CharField(max_length=255, editable=False)
    district = DistrictKeyField()

    objects = BookingQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                condition=Q(status__in=[s.value for s in ACTIVE_STATUSES]),
                name="culture_one_active_booking",
            ),
            # Compared whole, never by prefix: a unique constraint without unique=True's LIKE index.
            models.UniqueConstraint(fields=["idempotency_key"], name="culture_booking_key_once"),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(hold_until__isnull=False), name="culture_offer_has_hold"
            ),
            district_key_constraint("culture_booking_district_key"),
        ]
        indexes = [
            models.Index(fields=["session", "status"], name="culture_booking_session"),
            models.Index(fields=["member", "status"], name="culture_booking_member"),
            # Scoped reads ask for a subtree: a prefix match.
            models.Index(fields=["path"], name="culture_booking_path", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.member_id} {self.status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.path:
            self.path = self.session.path
        super().save(*args, **kwargs)


class Standing(models.Model):
    """A member's booking standing: open bookings (the quota counter, moved only by
    conditional UPDATEs) and a temporary restriction after repeated no-shows."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="+", primary_key=True)
    open_bookings = models.PositiveIntegerField(default=0)
    restricted_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(open_bookings__gte=0), name="culture_open_ge0")]


class LotteryDraw(models.Model):
    """One draw per session, ever (the OneToOne is the guard). Everything needed to
    replay it is recorded: the seed, the entries in order, each one's priority."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="draw")
    seed = models.BigIntegerField()
    places = models.PositiveIntegerField()
    entries = models.JSONField()  # [[booking_id, priority], ...] in booking id order
    winners = models.JSONField()  # booking ids, in draw order
    ranking = models.JSONField()  # every booking id, in draw order
    digest = models.CharField(max_length=64)
    drawn_at = models.DateTimeField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("抽签记录")
        verbose_name_plural = _("抽签记录")


class NoShow(models.Model):
    """A no-show is recorded, never deleted; staff may excuse it (it then stops counting)."""

    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="no_show")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    excused = models.BooleanField(_("已免责"), default=False)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("爽约记录")
        verbose_name_plural = _("爽约记录")
        indexes = [models.Index(fields=["member", "at"], name="culture_noshow_member")]


class Notice(models.Model):
    """What was sent to whom: one row per (booking, kind, key), so a retried task sends once."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("预约成功")
        PROMOTED = "promoted", _("候补递补")
        CHANGED = "changed", _("场次变更")
        REMINDER = "reminder", _("活动提醒")
        RESULT = "result", _("抽签结果")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind)
    key = models.CharField(max_length=40, default="")
    text = models.CharField(max_length=300)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booking", "kind", "key"], name="culture_notice_once"),
        ]
