"""特惠: free services a card holder is entitled to each year, redeemed at service points."""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.roles import Role
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member
from gonghui.organizations.models import Node


class FreeService(models.Model):
    """An entry of the catalogue, with its entitlement rule: so many uses per member and year."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("免费培训")
        FILM = "film", _("免费观影")
        JOB_REFERRAL = "job", _("职业介绍")
        COUNSELLING = "counselling", _("心理咨询")
        LEGAL_AID = "legal_aid", _("法律援助")
        MEDIATION = "mediation", _("劳动争议调解")

    name = models.CharField(_("服务名称"), max_length=120)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind)
    provider = models.CharField(_("提供方"), max_length=120)
    yearly_quota = models.PositiveSmallIntegerField(_("每人每年次数"))
    description = models.CharField(_("说明"), max_length=300, blank=True)
    active = models.BooleanField(_("开放"), default=True)

    class Meta:
        verbose_name = _("特惠服务")
        verbose_name_plural = _("特惠服务")
        constraints = [
            models.CheckConstraint(condition=Q(yearly_quota__gte=1), name="service_quota_positive")
        ]

    def __str__(self) -> str:
        return self.name


class ServicePoint(PathFromMixin, models.Model):
    name = models.CharField(_("服务点"), max_length=120)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255, editable=False, db_index=True)
    services = models.ManyToManyField(FreeService, related_name="points", blank=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("服务点")
        verbose_name_plural = _("服务点")
        default_manager_name = "unscoped"

    def __str__(self) -> str:
        return self.name

    path_from = "node"


class ServicePointStaff(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="service_point_staff",
        limit_choices_to={"role": Role.VENUE_STAFF},
    )
    point = models.ForeignKey(ServicePoint, on_delete=models.PROTECT, related_name="staff")
    active = models.BooleanField(default=True)


class EntitlementUse(models.Model):
    """Uses of one service by one member in one year; the quota is a conditional UPDATE on it."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(FreeService, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    used = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "service", "year"], name="entitlement_use_once"),
        ]


class RedemptionQuerySet(ScopedQuerySet):
    owner_field = "member__user"

    def visible_to(self, user: Any) -> Self:
        """Service-point staff see their own point's redemptions."""
        if getattr(user, "role", None) == Role.VENUE_STAFF:
            qs = (
                self.filter(point__staff__user=user, point__staff__active=True)
                if user.is_active
                else self.none()
            )
            qs._scoped = True
            return qs
        return super().visible_to(user)


class Redemption(models.Model):
    service = models.ForeignKey(FreeService, on_delete=models.PROTECT, related_name="redemptions")
    point = models.ForeignKey(ServicePoint, on_delete=models.PROTECT, related_name="redemptions")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(db_index=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)  # the member's

    objects = RedemptionQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("特惠服务核销")
        verbose_name_plural = _("特惠服务核销")
        default_manager_name = "unscoped"
