"""Model unions of non-public enterprises (非公企业示范工会): the district's standard in four
parts as a scored checklist, third-party assessments by assessors who see only the unions
assigned to them, the titles (the "top ten" among them) and the union chairs' allowances,
which continue only while the assessment passes."""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.roles import Role
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node


class Part(models.TextChoices):
    ORGANIZATION = "organization", _("组织健全")
    RULES = "rules", _("运作规范")
    HOME = "home", _("深化建家")
    SERVICE = "service", _("服务职工")


class StandardItem(models.Model):
    """One scored item of the district's standard (a catalogue, the same for every union)."""

    part = models.CharField(_("部分"), max_length=12, choices=Part)
    code = models.CharField(_("编号"), max_length=8, unique=True)
    title = models.CharField(_("内容"), max_length=200)
    max_score = models.PositiveSmallIntegerField(_("分值"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("示范工会标准")
        verbose_name_plural = _("示范工会标准")
        ordering = ["order", "code"]
        constraints = [models.CheckConstraint(condition=Q(max_score__gt=0), name="fed_item_scored")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AssessmentQuerySet(ScopedQuerySet):
    """The back office sees its subtree; an assessor sees only the assessments assigned to them
    (and what hangs on them); anyone else nothing."""

    assessor_lookup = "assessor"

    def visible_to(self, user: Any) -> Self:
        if getattr(user, "role", None) != Role.ASSESSOR:
            return super().visible_to(user)
        qs = self.filter(**{self.assessor_lookup: user}) if user.is_active else self.none()
        qs._scoped = True
        return qs


class AssessmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("待评估")
    SCORED = "scored", _("已评分")
    CONFIRMED = "confirmed", _("已确认")


class Assessment(PathFromMixin, models.Model):
    union = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("工会"))
    year = models.PositiveSmallIntegerField(_("年度"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("评估员"),
        limit_choices_to={"role": Role.ASSESSOR},
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=AssessmentStatus, default=AssessmentStatus.ASSIGNED
    )
    pass_mark = models.PositiveSmallIntegerField(_("合格分"), default=80)
    total = models.PositiveSmallIntegerField(_("总分"), default=0)
    passed = models.BooleanField(_("合格"), null=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = AssessmentQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "union"

    class Meta:
        verbose_name = _("第三方评估")
        verbose_name_plural = _("第三方评估")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["union", "year"], name="fed_one_assessment_a_year"),
            models.CheckConstraint(
                condition=Q(status="assigned") | Q(passed__isnull=False), name="fed_scored_has_result"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.union} {self.year}"


class ScoreQuerySet(AssessmentQuerySet):
    assessor_lookup = "assessment__assessor"


class AssessmentScore(PathFromMixin, models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(StandardItem, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("得分"))
    evidence = models.CharField(_("佐证"), max_length=300)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScoreQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "assessment"

    class Meta:
        verbose_name = _("评估得分")
        verbose_name_plural = _("评估得分")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="fed_one_score_an_item"),
            models.CheckConstraint(condition=~Q(evidence=""), name="fed_score_has_evidence"),
        ]


class ModelTitle(PathFromMixin, models.Model):
    """The title of a year's model union (示范工会), the top ten among them; revoked when a later
    assessment fails (the elimination rule)."""

    union = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("工会"))
    year = models.PositiveSmallIntegerField(_("年度"))
    top_ten = models.BooleanField(_("十佳"), default=False)
    awarded_on = models.DateField(_("命名日期"))
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "union"

    class Meta:
        verbose_name = _("示范工会")
        verbose_name_plural = _("示范工会")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["union", "year"], name="fed_one_title_a_year"),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=F("awarded_on")),
                name="fed_title_revoked_after_award",
            ),
        ]


class AllowanceTier(models.TextChoices):
    BASIC = "basic", _("基本津贴")
    INCENTIVE = "incentive", _("激励津贴")


class ChairAllowance(PathFromMixin, models.Model):
    """A union chair's monthly allowance (工会主席津贴). It runs while the union's assessment
    passes; a failed assessment ends it (淘汰), a top-ten title raises it (激励)."""

    union = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("工会"))
    chair_name = models.CharField(_("工会主席"), max_length=40)
    tier = models.CharField(_("档次"), max_length=10, choices=AllowanceTier, default=AllowanceTier.BASIC)
    monthly = models.DecimalField(_("月津贴（元）"), max_digits=8, decimal_places=2)
    starts_on = models.DateField(_("起始日期"))
    ends_on = models.DateField(_("终止日期"), null=True, blank=True)
    end_reason = models.CharField(_("终止原因"), max_length=200, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()
    path_from = "union"

    class Meta:
        verbose_name = _("工会主席津贴")
        verbose_name_plural = _("工会主席津贴")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(monthly__gt=0), name="fed_allowance_positive"),
            models.UniqueConstraint(
                fields=["union"], condition=Q(ends_on__isnull=True), name="fed_one_running_allowance"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="fed_allowance_ordered",
            ),
        ]
