"""Skill contests and the "five comparisons, five contests" (五比五赛), as events with
entries and results."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member
from gonghui.organizations.models import Node


class Contest(PathFromMixin, models.Model):
    class Kind(models.TextChoices):
        SKILL = "skill", _("职工技能竞赛")
        FIVE_FIVE = "five_five", _("五比五赛")
        INNOVATION = "innovation", _("技术创新交流")

    class Theme(models.TextChoices):
        NONE = "", _("—")
        BREAKTHROUGH = "breakthrough", _("比科技攻关、破解重大难题")
        APPLICATION = "application", _("比科技应用、推进产业升级")
        INNOVATION = "innovation", _("比岗位创新、服务企业")
        MANAGEMENT = "management", _("比科技管理、增强创新活力")
        COOPERATION = "cooperation", _("比团结协作、促进产学研融合")
        TALENT = "talent", _("比队伍建设、培养创新人才")

    class Status(models.TextChoices):
        OPEN = "open", _("报名中")
        FINISHED = "finished", _("已结束")

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("主办工会"))
    title = models.CharField(_("赛事名称"), max_length=120)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind)
    theme = models.CharField(_("五比内容"), max_length=14, choices=Theme, blank=True, default="")
    trade = models.CharField(_("工种（行业）"), max_length=60, blank=True)
    held_on = models.DateField(_("比赛日期"))
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.OPEN)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("技能竞赛")
        verbose_name_plural = _("技能竞赛")
        default_manager_name = "unscoped"
        ordering = ["-held_on", "id"]

    def __str__(self) -> str:
        return self.title


class ContestEntry(PathFromMixin, models.Model):
    class Prize(models.TextChoices):
        NONE = "", _("—")
        FIRST = "first", _("一等奖")
        SECOND = "second", _("二等奖")
        THIRD = "third", _("三等奖")
        MERIT = "merit", _("优秀奖")

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="entries")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("选手")
    )
    team_name = models.CharField(_("参赛团队"), max_length=80, blank=True)
    score = models.DecimalField(_("成绩"), max_digits=6, decimal_places=2, null=True, blank=True)
    prize = models.CharField(_("奖项"), max_length=8, choices=Prize, blank=True, default="")
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "contest"

    class Meta:
        verbose_name = _("参赛")
        verbose_name_plural = _("参赛")
        default_manager_name = "unscoped"
        ordering = ["contest", "-score", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(team_name=""), name="skills_entry_names_someone"
            ),
            models.UniqueConstraint(
                fields=["contest", "member"],
                condition=Q(member__isnull=False),
                name="skills_entry_member_once",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=1000)),
                name="skills_entry_score_range",
            ),
        ]
