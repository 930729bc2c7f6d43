"""A merit competition (立功竞赛) run with a government partner: its rules, the indicators its
teams are scored on with their weights, and the reporting periods (rounds) at whose close the
rolling red flag passes. Every record hangs on the organizer's node through `path`."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node


class Competition(PathFromMixin, models.Model):
    class Category(models.TextChoices):
        HOUSING = "housing", _("旧区改造征收")
        TECHNOLOGY = "technology", _("科技创新")
        HEALTH = "health", _("医改惠民")
        INFRASTRUCTURE = "infrastructure", _("重大工程")
        GREENING = "greening", _("绿化市容")
        OTHER = "other", _("其他")

    class Period(models.TextChoices):
        MONTH = "month", _("每月")
        QUARTER = "quarter", _("每季度")

    class FlagRule(models.TextChoices):
        # The leading team of the period under the competition's rule takes the flag.
        HIGHEST_SCORE = "score", _("本期综合得分最高")
        HIGHEST_PROGRESS = "progress", _("本期进度完成率最高")

    class Status(models.TextChoices):
        RUNNING = "running", _("进行中")
        CLOSED = "closed", _("已结束")

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("主办工会"))
    title = models.CharField(_("竞赛名称"), max_length=120)
    partner = models.CharField(_("合作政府部门"), max_length=120)
    category = models.CharField(_("领域"), max_length=16, choices=Category)
    started_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    period = models.CharField(_("进度上报周期"), max_length=8, choices=Period, default=Period.MONTH)
    rules = models.TextField(_("竞赛规则"), blank=True)
    flag_rule = models.CharField(
        _("流动红旗评定规则"), max_length=10, choices=FlagRule, default=FlagRule.HIGHEST_SCORE
    )
    status = models.CharField(_("状态"), max_length=8, choices=Status, default=Status.RUNNING)
    closed_on = models.DateField(_("结束评比日期"), null=True, blank=True)
    public = models.BooleanField(_("进度上墙公开"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("立功竞赛")
        verbose_name_plural = _("立功竞赛")
        default_manager_name = "unscoped"
        ordering = ["-started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("started_on")), name="competitions_competition_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(status="running") | Q(closed_on__isnull=False),
                name="competitions_competition_closed_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """What teams are scored on. The progress indicator is computed from the reported progress
    against plan; the others the organizer scores (0–100) when checking a report."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("进度（按计划完成率自动计分）")
        QUALITY = "quality", _("质量")
        SAFETY = "safety", _("安全")
        INNOVATION = "innovation", _("创新")
        SERVICE = "service", _("服务")
        OTHER = "other", _("其他")

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("指标名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("竞赛指标")
        verbose_name_plural = _("竞赛指标")
        ordering = ["competition", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "name"], name="competitions_indicator_unique_name"
            ),
            models.UniqueConstraint(
                fields=["competition"],
                condition=Q(kind="progress"),
                name="competitions_indicator_one_progress",
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(weight__lte=100), name="competitions_indicator_weight"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Round(PathFromMixin, models.Model):
    """One reporting period (评比期). At most one is open per competition; at its close the
    flag passes to the period's leading team(s)."""

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        CLOSED = "closed", _("已结束")

    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveIntegerField(_("期次"))
    starts_on = models.DateField(_("开始"))
    ends_on = models.DateField(_("结束"))
    status = models.CharField(_("状态"), max_length=8, choices=Status, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "competition"

    class Meta:
        verbose_name = _("评比期")
        verbose_name_plural = _("评比期")
        default_manager_name = "unscoped"
        ordering = ["competition", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "number"], name="competitions_round_unique_number"
            ),
            models.UniqueConstraint(
                fields=["competition"], condition=Q(status="open"), name="competitions_round_one_open"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="competitions_round_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competition.title} 第{self.number}期"
