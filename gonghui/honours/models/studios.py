"""Model worker and craftsman innovation studios (劳模创新工作室): topic, leader, members and
results, at city or district level. A studio counts from its founding until it closes."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member
from gonghui.organizations.models import Node


class Studio(PathFromMixin, models.Model):
    class Level(models.TextChoices):
        CITY = "city", _("市级")
        DISTRICT = "district", _("区级")

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属工会"))
    name = models.CharField(_("工作室名称"), max_length=120)
    level = models.CharField(_("级别"), max_length=8, choices=Level)
    topic = models.CharField(_("攻关方向"), max_length=200)
    leader = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("领衔人")
    )
    leader_name = models.CharField(_("领衔人姓名"), max_length=40)
    founded_on = models.DateField(_("命名日期"))
    closed_on = models.DateField(_("撤销日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("劳模创新工作室")
        verbose_name_plural = _("劳模创新工作室")
        default_manager_name = "unscoped"
        ordering = ["-founded_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="honours_studio_unique_name"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("founded_on")),
                name="honours_studio_closed_after",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StudioMember(models.Model):
    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="members")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    joined_on = models.DateField(_("加入日期"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["studio", "member"], name="honours_studio_member_once")
        ]


class StudioResult(models.Model):
    class Kind(models.TextChoices):
        PATENT = "patent", _("专利")
        METHOD = "method", _("先进操作法")
        AWARD = "award", _("获奖成果")
        BENEFIT = "benefit", _("创效项目")

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(_("成果名称"), max_length=160)
    kind = models.CharField(_("类型"), max_length=8, choices=Kind)
    achieved_on = models.DateField(_("取得日期"))

    class Meta:
        ordering = ["-achieved_on", "id"]
