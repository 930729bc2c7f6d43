"""The teams taking part (each with its unit and project, and its plan), who reports for a
team, and the front-line workers recorded so care can be offered to them later."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit

from .competitions import Competition


class TeamQuerySet(ScopedQuerySet):
    # A member sees the teams they report for, nothing else.
    owner_field = "reporters__member__user"


class Team(PathFromMixin, models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="teams")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("所属工会"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("参赛单位")
    )
    name = models.CharField(_("班组（团队）"), max_length=80)
    project = models.CharField(_("项目"), max_length=120)
    section = models.CharField(_("竞赛类别"), max_length=40, blank=True, default="")
    planned = models.DecimalField(_("计划量"), max_digits=14, decimal_places=2)
    measure = models.CharField(_("计量单位"), max_length=12, default="%")
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = TeamQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("参赛班组")
        verbose_name_plural = _("参赛班组")
        default_manager_name = "unscoped"
        ordering = ["competition", "section", "name"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "name"], name="competitions_team_unique_name"),
            models.CheckConstraint(condition=Q(planned__gt=0), name="competitions_team_planned_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class TeamReporter(models.Model):
    """A member who reports the team's progress from a phone (usually its leader)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="reporters")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("进度填报人")
        verbose_name_plural = _("进度填报人")
        constraints = [models.UniqueConstraint(fields=["team", "member"], name="competitions_reporter_once")]


class Participant(PathFromMixin, models.Model):
    """A front-line worker of a team (竞赛一线职工)."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="participants")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("会员"))
    role = models.CharField(_("岗位"), max_length=40, blank=True)
    joined_on = models.DateField(_("参赛日期"))
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "team"

    class Meta:
        verbose_name = _("一线参赛职工")
        verbose_name_plural = _("一线参赛职工")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["team", "member"], name="competitions_participant_once")
        ]
