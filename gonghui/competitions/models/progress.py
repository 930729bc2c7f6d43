"""Progress reported by a team each period and checked by the organizer, the scores computed
from the indicators, the rolling red flag's history, and the awards at the end."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member

from .competitions import Competition, Indicator, Round
from .teams import Team


class ReportQuerySet(ScopedQuerySet):
    owner_field = "team__reporters__member__user"


class ProgressReport(PathFromMixin, models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        CONFIRMED = "confirmed", _("已确认")
        RETURNED = "returned", _("已退回")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="reports")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="reports")
    actual = models.DecimalField(_("累计完成量"), max_digits=14, decimal_places=2)
    note = models.CharField(_("进展说明"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.SUBMITTED)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("上报时间"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    check_note = models.CharField(_("审核意见"), max_length=300, blank=True)
    # Computed at confirmation from the records (see scoring.py); recomputable at any time.
    progress = models.DecimalField(_("进度得分"), max_digits=5, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(_("综合得分"), max_digits=5, decimal_places=2, null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ReportQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "team"

    class Meta:
        verbose_name = _("进度上报")
        verbose_name_plural = _("进度上报")
        default_manager_name = "unscoped"
        ordering = ["round__number", "team_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "round"],
                condition=Q(status__in=["submitted", "confirmed"]),
                name="competitions_report_one_per_round",
            ),
            models.CheckConstraint(
                condition=Q(actual__gte=0), name="competitions_report_actual_not_negative"
            ),
            # The organizer checks what a team reported: never the same person.
            models.CheckConstraint(
                condition=Q(checked_by__isnull=True) | ~Q(checked_by=F("reported_by")),
                name="competitions_report_checker_is_not_reporter",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | (Q(score__isnull=False) & Q(checked_by__isnull=False)),
                name="competitions_report_confirmed_scored",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                name="competitions_report_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} · 第{self.round.number}期"


class IndicatorScore(models.Model):
    """The organizer's score (0–100) of one judged indicator in a confirmed report."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="competitions_score_once"),
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(value__lte=100), name="competitions_score_range"
            ),
        ]


class RedFlag(PathFromMixin, models.Model):
    """The rolling red flag (流动红旗) of one period and section: one holder, by constraint.
    The rows of a competition, in order, are the flag's history."""

    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="flags")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="flags")
    section = models.CharField(max_length=40, blank=True, default="")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="flags")
    score = models.DecimalField(max_digits=5, decimal_places=2)
    progress = models.DecimalField(max_digits=5, decimal_places=2)
    awarded_on = models.DateField(_("授旗日期"))
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "team"

    class Meta:
        verbose_name = _("流动红旗")
        verbose_name_plural = _("流动红旗")
        default_manager_name = "unscoped"
        ordering = ["competition", "round__number", "section"]
        constraints = [
            models.UniqueConstraint(fields=["round", "section"], name="competitions_flag_one_per_round")
        ]


class Award(models.Model):
    """Results at the end: 立功 individuals and collectives, and the winning teams."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("立功个人")
        COLLECTIVE = "collective", _("立功集体")
        WINNER = "winner", _("优胜团队")

    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="awards")
    kind = models.CharField(_("奖项"), max_length=12, choices=Kind)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="awards", verbose_name=_("班组")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("个人")
    )
    citation = models.CharField(_("事迹"), max_length=200, blank=True)
    awarded_on = models.DateField(_("表彰日期"))
    path = models.CharField(max_length=255, db_index=True, editable=False)  # the recipient's

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("竞赛表彰")
        verbose_name_plural = _("竞赛表彰")
        default_manager_name = "unscoped"
        ordering = ["-awarded_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="individual") | Q(member__isnull=False),
                name="competitions_award_individual_named",
            ),
            models.CheckConstraint(
                condition=Q(kind="individual") | Q(team__isnull=False),
                name="competitions_award_collective_team",
            ),
            models.UniqueConstraint(
                fields=["competition", "kind", "member"],
                condition=Q(member__isnull=False),
                name="competitions_award_member_once",
            ),
            models.UniqueConstraint(
                fields=["competition", "kind", "team"],
                condition=Q(member__isnull=True),
                name="competitions_award_team_once",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path = (self.member or self.team).path  # type: ignore[union-attr]
        super().save(*args, **kwargs)
