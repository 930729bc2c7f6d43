"""The reform responsibility list (工会改革责任清单): tasks and their measures, each with an owner,
a road map of milestones and a time table; progress reports with evidence, which no one can
rewrite (the table refuses updates and deletes, and each report is audited)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node


class ReformTask(PathFromMixin, models.Model):
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("组织"))
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("任务"), max_length=200)
    lead = models.CharField(_("牵头部门"), max_length=60)
    listed_on = models.DateField(_("列入清单日期"))
    due_on = models.DateField(_("完成时限"))
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "node"

    class Meta:
        verbose_name = _("改革任务")
        verbose_name_plural = _("改革任务")
        default_manager_name = "unscoped"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["node", "number"], name="fed_task_number_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("未启动")
    ACTIVE = "active", _("推进中")
    DONE = "done", _("已完成")


class ReformMeasure(PathFromMixin, models.Model):
    task = models.ForeignKey(ReformTask, on_delete=models.PROTECT, related_name="measures")
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("措施"), max_length=300)
    owner_name = models.CharField(_("责任人"), max_length=60)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField(_("启动时间"))
    due_on = models.DateField(_("完成时限"))
    status = models.CharField(_("状态"), max_length=10, choices=MeasureStatus, default=MeasureStatus.PLANNED)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "task"

    class Meta:
        verbose_name = _("改革措施")
        verbose_name_plural = _("改革措施")
        default_manager_name = "unscoped"
        ordering = ["task__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["task", "number"], name="fed_measure_number_once"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="fed_measure_progress_range"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False, progress=100),
                name="fed_measure_done_dated",
            ),
            models.CheckConstraint(condition=Q(due_on__gte=F("starts_on")), name="fed_measure_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.task.number}.{self.number} {self.title}"


class Milestone(PathFromMixin, models.Model):
    """A step of a measure's road map, with its date in the time table."""

    measure = models.ForeignKey(ReformMeasure, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(_("节点"), max_length=200)
    due_on = models.DateField(_("计划时间"))
    reached_on = models.DateField(_("完成时间"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "measure"

    class Meta:
        verbose_name = _("路线图节点")
        verbose_name_plural = _("路线图节点")
        default_manager_name = "unscoped"
        ordering = ["due_on", "id"]


class ProgressReport(PathFromMixin, models.Model):
    """A progress report on a measure. Append-only: a trigger refuses any UPDATE or DELETE (see
    the migration), so the list's history cannot be rewritten; a correction is a new report."""

    measure = models.ForeignKey(ReformMeasure, on_delete=models.PROTECT, related_name="reports")
    reported_on = models.DateField(_("报告日期"))
    progress = models.PositiveSmallIntegerField(_("进度（%）"))
    note = models.TextField(_("进展情况"))
    evidence = models.CharField(_("佐证材料"), max_length=300)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "measure"

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        default_manager_name = "unscoped"
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="fed_report_progress_range"),
            models.CheckConstraint(condition=~Q(evidence=""), name="fed_report_has_evidence"),
        ]
