"""Cadres' visits (大走访): plans by street, visits to units and talks with workers recorded on a
phone, the problems raised (each a ticket with an owner and a deadline until it is solved or
explained, never closed without an answer) and the research reports written from them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node, Unit


class VisitPlan(PathFromMixin, models.Model):
    street = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("街镇"))
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=120)
    target_units = models.PositiveIntegerField(_("计划走访单位"), default=0)
    target_workers = models.PositiveIntegerField(_("计划访谈职工"), default=0)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "street"

    class Meta:
        verbose_name = _("走访计划")
        verbose_name_plural = _("走访计划")
        default_manager_name = "unscoped"
        constraints = [models.UniqueConstraint(fields=["street", "year"], name="fed_one_plan_a_year")]

    def __str__(self) -> str:
        return self.title


class Visit(PathFromMixin, models.Model):
    plan = models.ForeignKey(
        VisitPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="visits"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("走访单位"))
    visited_on = models.DateField(_("走访日期"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    visitor_name = models.CharField(_("走访干部"), max_length=40)
    people_met = models.PositiveIntegerField(_("访谈职工人数"))
    notes = models.TextField(_("走访情况"), blank=True)
    # Where the unit hung on the day of the visit: its union, or its street while it had none.
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "unit"

    class Meta:
        verbose_name = _("走访")
        verbose_name_plural = _("走访")
        default_manager_name = "unscoped"
        indexes = [models.Index(fields=["path", "visited_on"], name="fed_visit_path_day")]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.unit}"


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    SOLVED = "solved", _("已解决")
    EXPLAINED = "explained", _("已解释说明")


class Problem(PathFromMixin, models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="problems")
    description = models.CharField(_("问题"), max_length=500)
    raised_on = models.DateField(_("收集日期"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(_("责任人"), max_length=40)
    due_on = models.DateField(_("办理期限"))
    status = models.CharField(_("状态"), max_length=10, choices=ProblemStatus, default=ProblemStatus.OPEN)
    answer = models.TextField(_("答复"), blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "visit"

    class Meta:
        verbose_name = _("走访问题")
        verbose_name_plural = _("走访问题")
        default_manager_name = "unscoped"
        constraints = [
            # A problem is never closed without an answer and the day it was closed.
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True)
                | (~Q(status="open") & ~Q(answer="") & Q(closed_on__isnull=False)),
                name="fed_problem_closed_with_answer",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("raised_on")), name="fed_problem_due_after"
            ),
        ]
        indexes = [models.Index(fields=["path", "raised_on"], name="fed_problem_path_day")]

    def __str__(self) -> str:
        return self.description[:40]


class ResearchReport(PathFromMixin, models.Model):
    title = models.CharField(_("题目"), max_length=200)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("组织"))
    author_name = models.CharField(_("执笔人"), max_length=40)
    written_on = models.DateField(_("成文日期"))
    summary = models.TextField(_("主要内容"))
    visits = models.ManyToManyField(Visit, blank=True, related_name="reports", verbose_name=_("相关走访"))
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "node"

    class Meta:
        verbose_name = _("调研报告")
        verbose_name_plural = _("调研报告")
        default_manager_name = "unscoped"

    def __str__(self) -> str:
        return self.title
