from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node


class ReviewJob(PathFromMixin, models.Model):
    """One review or yearbook being written for a node: its progress while the task runs, then
    the folder its files are in (outside the web root, served by a scoped view only)."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("工作回顾")
        YEARBOOK = "yearbook", _("年鉴统计表")

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("组织"))
    path = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind)
    first_year = models.PositiveSmallIntegerField(_("起始年度"))
    last_year = models.PositiveSmallIntegerField(_("截止年度"))
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=80, blank=True)  # what the task is doing now
    message = models.CharField(max_length=300, blank=True)
    stored_as = models.CharField(max_length=32)  # the folder of its files under VAR_DIR/reports
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Moved on by every progress step: a job left running by a crashed worker goes stale.
    touched_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("工作回顾任务")
        verbose_name_plural = _("工作回顾任务")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(first_year__lte=F("last_year")), name="review_years_in_order"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="review_progress_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.first_year}–{self.last_year}"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
