"""Health checks and rest-home stays (疗休养): offers with places, booked by eligible members or
assigned by their union, capped per person a year; what was done, and of the results only what
the member agreed to have kept (encrypted)."""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet, scope_of, scoped_queryset
from gonghui.members.models import Member, MemberGroup
from gonghui.organizations.models import Node

from .common import ancestor_paths, money


class OfferKind(models.TextChoices):
    HEALTH_CHECK = "health_check", _("健康体检")
    REST_HOME = "rest_home", _("疗休养")


class OfferMode(models.TextChoices):
    BOOKING = "booking", _("会员预约")
    ASSIGNMENT = "assignment", _("工会安排")


class OfferQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """The back office by tree; a member sees the offers they may take: set by their union or
        above it, and, where the offer names a list, only when they are on it."""
        if scope_of(user) is not None or getattr(user, "member", None) is None or not user.is_active:
            return super().visible_to(user)
        member: Member = user.member
        qs = self.filter(path__in=ancestor_paths(member.path)).filter(
            Q(group__isnull=True) | Q(group__members=member)
        )
        qs._scoped = True
        return qs


class Offer(PathFromMixin, models.Model):
    kind = models.CharField(_("项目"), max_length=12, choices=OfferKind)
    title = models.CharField(_("名称"), max_length=120)
    place = models.CharField(_("地点、机构"), max_length=120)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("主办组织"))
    group = models.ForeignKey(
        MemberGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("限定名单"),
    )
    mode = models.CharField(_("方式"), max_length=12, choices=OfferMode)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    book_by = models.DateField(_("预约截止"))
    places = models.PositiveIntegerField(_("名额"))
    taken = models.PositiveIntegerField(default=0)
    unit_cost = money(_("每人费用（元）"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = OfferQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("体检与疗休养")
        verbose_name_plural = _("体检与疗休养")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(taken__lte=F("places")), name="care_offer_not_overbooked"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="care_offer_ends_after_it_starts"
            ),
            models.CheckConstraint(condition=Q(unit_cost__gte=0), name="care_offer_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def left(self) -> int:
        return self.places - self.taken


class StayStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    ASSIGNED = "assigned", _("已安排")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已取消")
    NO_SHOW = "no_show", _("未参加")


HOLDING = (StayStatus.BOOKED, StayStatus.ASSIGNED, StayStatus.DONE)  # statuses that hold a place


class Stay(PathFromMixin, models.Model):
    """One person's place at a health check or a rest-home stay."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="stays")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=OfferKind)  # the offer's, for figures
    status = models.CharField(_("状态"), max_length=10, choices=StayStatus)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    consent = models.BooleanField(_("本人同意记录结果"), default=False)
    result = EncryptedTextField(_("结果摘要"), blank=True, default="")
    path = models.CharField(max_length=255, editable=False)

    objects = scoped_queryset(owner="member__user").as_manager()
    unscoped = models.Manager()

    path_from = "member"

    class Meta:
        verbose_name = _("体检与疗休养安排")
        verbose_name_plural = _("体检与疗休养安排")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "member"],
                condition=Q(status__in=["booked", "assigned", "done"]),
                name="care_stay_once_per_offer",
            ),
            models.CheckConstraint(
                condition=Q(result="") | Q(consent=True), name="care_stay_result_consented"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False), name="care_stay_done_has_date"
            ),
        ]
        indexes = [
            models.Index(
                fields=["path", "done_on"],
                name="care_stay_path",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
        ]
