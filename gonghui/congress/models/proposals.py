"""Proposals (提案) and their public board; representatives' duty reports (述职) and their
yearly assessment (履职考核)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin

from .congresses import Congress, Reach, Representative, scoped


class Proposal(PathFromMixin, models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        ACCEPTED = "accepted", _("已立案")
        OPINION = "opinion", _("转为意见建议")
        DECLINED = "declined", _("不予立案")
        ASSIGNED = "assigned", _("承办中")
        ANSWERED = "answered", _("已答复")
        RATED = "rated", _("已反馈")

    class Board(models.TextChoices):
        """What the unit's workers see on the board."""

        PENDING = "pending", _("待办")
        IN_HAND = "in_hand", _("在办")
        ANSWERED = "answered", _("已答复")
        FED_BACK = "fed_back", _("已反馈")
        CLOSED = "closed", _("不予立案")

    class Rating(models.IntegerChoices):
        SATISFIED = 3, _("满意")
        FAIR = 2, _("基本满意")
        UNSATISFIED = 1, _("不满意")

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="proposals")
    number = models.CharField(_("编号"), max_length=20)
    title = models.CharField(_("案由"), max_length=200)
    body = models.TextField(_("内容"))
    proposer = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="proposals")
    seconds = models.PositiveSmallIntegerField(_("附议人数"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(_("提交时间"))
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("审查意见"), max_length=200, blank=True)
    department = models.CharField(_("承办部门"), max_length=80, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("提案人评价"), choices=Rating, null=True, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped("congress", Reach.WORKERS).as_manager()
    unscoped = models.Manager()

    path_from = "congress"

    class Meta:
        verbose_name = _("提案")
        verbose_name_plural = _("提案")
        default_manager_name = "unscoped"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "number"], name="congress_proposal_numbered"),
            models.CheckConstraint(
                condition=~Q(status="assigned") | (~Q(department="") & Q(due_on__isnull=False)),
                name="congress_assigned_has_department",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "rated"]) | Q(answered_at__isnull=False),
                name="congress_answer_dated",
            ),
        ]
        indexes = [models.Index(fields=["path", "submitted_at"], name="congress_proposal_path")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def board(self) -> "Proposal.Board":
        if self.status == self.Status.DECLINED:
            return self.Board.CLOSED
        if self.status == self.Status.RATED:
            return self.Board.FED_BACK
        if self.status == self.Status.ANSWERED:
            return self.Board.ANSWERED
        if self.status == self.Status.ASSIGNED:
            return self.Board.IN_HAND
        return self.Board.PENDING


class ProposalSecond(models.Model):
    """A representative seconding a proposal (附议): once each, never the proposer."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="seconders")
    representative = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "representative"], name="congress_second_once"),
        ]


class DutyReport(PathFromMixin, models.Model):
    """A representative's yearly report on their duty to the workers they represent (述职)."""

    representative = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="duty_reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    summary = models.TextField(_("述职内容"))
    reported_on = models.DateField(_("述职日期"))
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped("representative__congress", Reach.WORKERS).as_manager()
    unscoped = models.Manager()

    path_from = "representative"

    class Meta:
        verbose_name = _("代表述职")
        verbose_name_plural = _("代表述职")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["representative", "year"], name="congress_one_report_a_year"),
        ]


class Assessment(PathFromMixin, models.Model):
    """The yearly assessment of a representative (履职考核); a pass counts as performing."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("优秀")
        COMPETENT = "competent", _("称职")
        BASIC = "basic", _("基本称职")
        INCOMPETENT = "incompetent", _("不称职")

    PASSING = (Grade.EXCELLENT, Grade.COMPETENT)

    representative = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("年度"))
    grade = models.CharField(_("等次"), max_length=12, choices=Grade)
    assessed_on = models.DateField(_("考核日期"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = scoped("representative__congress", Reach.NOBODY).as_manager()
    unscoped = models.Manager()

    path_from = "representative"

    class Meta:
        verbose_name = _("履职考核")
        verbose_name_plural = _("履职考核")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["representative", "year"], name="congress_one_assessment_a_year"),
        ]
