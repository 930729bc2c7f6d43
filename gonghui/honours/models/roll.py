"""The honours roll (先进典型): model workers, model collectives, May-Day awards and medals,
worker-pioneer teams and model workers' homes, each with who awarded it, when and for what.
An honour counts from the day it was awarded until it is revoked, if ever."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import ScopedQuerySet
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit


class HonourKind(models.TextChoices):
    NATIONAL_MODEL_WORKER = "national_model_worker", _("全国劳动模范（先进工作者）")
    CITY_MODEL_WORKER = "city_model_worker", _("上海市劳动模范（先进工作者）")
    CITY_MODEL_COLLECTIVE = "city_model_collective", _("上海市模范集体")
    NATIONAL_MAYDAY_AWARD = "national_mayday_award", _("全国五一劳动奖状")
    NATIONAL_MAYDAY_MEDAL = "national_mayday_medal", _("全国五一劳动奖章")
    CITY_MAYDAY_AWARD = "city_mayday_award", _("上海市五一劳动奖状")
    CITY_MAYDAY_MEDAL = "city_mayday_medal", _("上海市五一劳动奖章")
    CITY_PIONEER_TEAM = "city_pioneer_team", _("上海市工人先锋号")
    NATIONAL_MODEL_HOME = "national_model_home", _("全国模范职工之家")
    NATIONAL_MODEL_SMALL_HOME = "national_model_small_home", _("全国模范职工小家")
    CITY_MODEL_HOME = "city_model_home", _("上海市模范职工之家")
    CITY_MODEL_SMALL_HOME = "city_model_small_home", _("上海市模范职工小家")


# Honours of a person; the others go to a collective, a team or a union (a home).
INDIVIDUAL_KINDS = (
    HonourKind.NATIONAL_MODEL_WORKER,
    HonourKind.CITY_MODEL_WORKER,
    HonourKind.NATIONAL_MAYDAY_MEDAL,
    HonourKind.CITY_MAYDAY_MEDAL,
)
HOME_KINDS = (
    HonourKind.NATIONAL_MODEL_HOME,
    HonourKind.NATIONAL_MODEL_SMALL_HOME,
    HonourKind.CITY_MODEL_HOME,
    HonourKind.CITY_MODEL_SMALL_HOME,
)
# Who confers each honour, as the roll prints it by default.
CONFERRED_BY = {
    HonourKind.NATIONAL_MODEL_WORKER: "中共中央、国务院",
    HonourKind.CITY_MODEL_WORKER: "上海市人民政府",
    HonourKind.CITY_MODEL_COLLECTIVE: "上海市人民政府",
    HonourKind.NATIONAL_MAYDAY_AWARD: "中华全国总工会",
    HonourKind.NATIONAL_MAYDAY_MEDAL: "中华全国总工会",
    HonourKind.CITY_MAYDAY_AWARD: "上海市总工会",
    HonourKind.CITY_MAYDAY_MEDAL: "上海市总工会",
    HonourKind.CITY_PIONEER_TEAM: "上海市总工会",
    HonourKind.NATIONAL_MODEL_HOME: "中华全国总工会",
    HonourKind.NATIONAL_MODEL_SMALL_HOME: "中华全国总工会",
    HonourKind.CITY_MODEL_HOME: "上海市总工会",
    HonourKind.CITY_MODEL_SMALL_HOME: "上海市总工会",
}


class HonourQuerySet(ScopedQuerySet):
    owner_field = "member__user"

    def held_on(self, day: Any) -> "HonourQuerySet":
        """Honours awarded by `day` and not revoked by then."""
        return self.filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=day), awarded_on__lte=day)


class Honour(models.Model):
    kind = models.CharField(_("荣誉"), max_length=28, choices=HonourKind)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属工会"))
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("个人")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("单位")
    )
    recipient = models.CharField(_("获得者"), max_length=120)
    conferred_by = models.CharField(_("授予机关"), max_length=60)
    awarded_on = models.DateField(_("授予日期"))
    citation = models.CharField(_("主要事迹"), max_length=300, blank=True)
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    revoke_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = HonourQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("荣誉")
        verbose_name_plural = _("荣誉")
        default_manager_name = "unscoped"
        ordering = ["-awarded_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(kind__in=[k.value for k in INDIVIDUAL_KINDS]),
                name="honours_honour_individual_named",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=True) | Q(kind__in=[k.value for k in INDIVIDUAL_KINDS]),
                name="honours_honour_collective_unnamed",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=models.F("awarded_on")),
                name="honours_honour_revoked_after",
            ),
            # A person holds a title once (unless it was revoked).
            models.UniqueConstraint(
                fields=["kind", "member"],
                condition=Q(member__isnull=False) & Q(revoked_on__isnull=True),
                name="honours_honour_member_once",
            ),
        ]
        indexes = [models.Index(fields=["kind", "awarded_on"], name="honours_honour_kind_awarded")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.recipient}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An individual honour hangs where the person's union is; a collective one on its node.
        self.path = (self.member or self.node).path
        super().save(*args, **kwargs)

    @property
    def is_individual(self) -> bool:
        return self.kind in INDIVIDUAL_KINDS
