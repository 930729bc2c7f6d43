"""Grassroots service stations (基层服务站) in parks, buildings and sites: the "six haves"
checklist with evidence, opening hours with extended evening hours (双延服务), the services
offered, a QR code for members to find a station and check in for a service."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet, scoped_queryset
from gonghui.members.models import Member
from gonghui.organizations.models import Node


class StationKind(models.TextChoices):
    PARK = "park", _("园区")
    BUILDING = "building", _("楼宇")
    SITE = "site", _("工地")
    COMMUNITY = "community", _("社区")


class ServiceKind(models.TextChoices):
    JOIN = "join", _("入会服务")
    LEGAL = "legal", _("法律咨询")
    JOB = "job", _("职业介绍")
    COUNSELLING = "counselling", _("心理咨询")
    CULTURE = "culture", _("文体活动")
    REST = "rest", _("爱心休息")
    CARE = "care", _("困难帮扶")


class Criterion(models.TextChoices):
    """The "six haves" (六个有) a station is checked against."""

    SIGN = "sign", _("有统一的标识")
    ROOM = "room", _("有合适的场地")
    VOLUNTEERS = "volunteers", _("有一批志愿者")
    SERVICES = "services", _("有一组服务项目")
    RULES = "rules", _("有一套管理制度")
    RECORDS = "records", _("有一本服务台账")


class Station(PathFromMixin, models.Model):
    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=10, choices=StationKind)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属工会"))
    street = models.ForeignKey(
        Node,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("所在街镇"),
        limit_choices_to={"kind": Node.Kind.STREET},
    )
    address = models.CharField(_("地址"), max_length=200)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    opening_hours = models.CharField(_("开放时间"), max_length=120)
    evening_until = models.TimeField(_("延时服务至"), null=True, blank=True)
    weekend_open = models.BooleanField(_("双休日开放"), default=False)
    phone = models.CharField(_("服务电话"), max_length=20, blank=True)  # the station's desk, not a person
    code = models.CharField(max_length=16, unique=True, editable=False)
    opened_on = models.DateField(_("启用日期"))
    closed_on = models.DateField(_("撤销日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "node"

    class Meta:
        verbose_name = _("基层服务站")
        verbose_name_plural = _("基层服务站")
        default_manager_name = "unscoped"
        ordering = ["street__path", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="fed_station_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="fed_station_position_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_evening_hours(self) -> bool:
        return self.evening_until is not None


class StationService(PathFromMixin, models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="services")
    kind = models.CharField(_("服务项目"), max_length=12, choices=ServiceKind)
    note = models.CharField(_("说明"), max_length=120, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "station"

    class Meta:
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")
        default_manager_name = "unscoped"
        constraints = [models.UniqueConstraint(fields=["station", "kind"], name="fed_station_service_once")]


class StationCheck(PathFromMixin, models.Model):
    """One criterion of the six haves checked on a day, with its evidence. The history is kept:
    a station meets the standard on a day when the latest check of every criterion by then
    was met."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="checks")
    criterion = models.CharField(_("标准"), max_length=12, choices=Criterion)
    met = models.BooleanField(_("达标"))
    evidence = models.CharField(_("佐证"), max_length=300)
    checked_on = models.DateField(_("检查日期"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "station"

    class Meta:
        verbose_name = _("六有检查")
        verbose_name_plural = _("六有检查")
        default_manager_name = "unscoped"
        ordering = ["criterion", "-checked_on", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(evidence=""), name="fed_check_has_evidence")]


class StationVisit(PathFromMixin, models.Model):
    """A member checked in at a station for a service (after scanning its QR code)."""

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="visits")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    service = models.CharField(_("服务项目"), max_length=12, choices=ServiceKind)
    day = models.DateField()
    at = models.DateTimeField()
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped_queryset(owner="member__user").as_manager()
    unscoped = models.Manager()
    path_from = "station"

    class Meta:
        verbose_name = _("服务站签到")
        verbose_name_plural = _("服务站签到")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["station", "member", "service", "day"], name="fed_station_visit_once_a_day"
            )
        ]
