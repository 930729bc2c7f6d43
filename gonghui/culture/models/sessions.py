"""Dated sessions of the menu at a venue. A session never holds more places than its
capacity: a database constraint, not only Python."""

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import DistrictKeyed, DistrictKeyField, district_key_constraint
from gonghui.organizations.models import Node

from .programmes import Programme
from .venues import Venue, VenueScopedQuerySet


class SessionQuerySet(VenueScopedQuerySet):
    venue_lookup = "venue"


class Session(DistrictKeyed, models.Model):
    """One dated occurrence of a programme at a venue (场次)."""

    class Mode(models.TextChoices):
        FIRST_COME = "fcfs", _("先到先得")
        LOTTERY = "lottery", _("报名抽签")

    class Eligibility(models.TextChoices):
        MEMBERS = "members", _("在册会员")
        STREET = "street", _("限本街镇会员")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已排期")
        CANCELLED = "cancelled", _("已取消")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="sessions")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    capacity = models.PositiveIntegerField(_("名额"))
    booked = models.PositiveIntegerField(_("已占名额"), default=0)
    mode = models.CharField(_("预约方式"), max_length=10, choices=Mode, default=Mode.FIRST_COME)
    eligibility = models.CharField(
        _("参与对象"), max_length=10, choices=Eligibility, default=Eligibility.MEMBERS
    )
    street = models.ForeignKey(
        Node,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("限定街镇"),
        limit_choices_to={"kind": Node.Kind.STREET},
    )
    opens_at = models.DateTimeField(_("预约开始"))
    closes_at = models.DateTimeField(_("预约截止"))
    cancel_by = models.DateTimeField(_("取消截止"))
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.SCHEDULED)
    version = models.PositiveIntegerField(default=1)  # bumped on every change members are told about
    path = models.CharField(max_length=255, db_index=True, editable=False)
    district = DistrictKeyField()

    objects = SessionQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("场次")
        verbose_name_plural = _("场次")
        default_manager_name = "unscoped"
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="culture_never_overbooked"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="culture_session_ends_after"
            ),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="culture_window_ordered"),
            models.CheckConstraint(
                condition=~Q(eligibility="street") | Q(street__isnull=False), name="culture_street_named"
            ),
            district_key_constraint("culture_session_district_key"),
        ]
        indexes = [models.Index(fields=["path", "starts_at"], name="culture_session_path_start")]

    def __str__(self) -> str:
        return f"{self.programme.title} {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = self.venue.path  # a session hangs where it happens: the venue's node
        super().save(*args, **kwargs)

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)
