"""Training classes (the EBA class for migrant workers, team-leader classes…) with enrolment,
attendance, completion and certificates. A class never holds more trainees than its places:
a database constraint, filled by a conditional UPDATE."""

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member
from gonghui.organizations.models import Node

MONEY: dict[str, Any] = {"max_digits": 10, "decimal_places": 2}


class TrainingClass(PathFromMixin, models.Model):
    class Kind(models.TextChoices):
        EBA = "eba", _("农民工EBA初级工商管理培训")
        TEAM_LEADER = "team_leader", _("班组长培训")
        SKILL = "skill", _("职业技能培训")
        SAFETY = "safety", _("安全生产培训")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        OPEN = "open", _("招生中")
        FULL = "closed", _("报名截止")
        CANCELLED = "cancelled", _("已取消")

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("主办工会"))
    title = models.CharField(_("班级名称"), max_length=120)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind)
    partner = models.CharField(_("合作单位"), max_length=120, blank=True)
    starts_on = models.DateField(_("开班日期"))
    ends_on = models.DateField(_("结业日期"))
    sessions = models.PositiveSmallIntegerField(_("课次"))
    hours = models.PositiveSmallIntegerField(_("学时"), default=0)
    capacity = models.PositiveIntegerField(_("名额"))
    enrolled = models.PositiveIntegerField(_("已报名"), default=0)
    fee = models.DecimalField(_("学费（元）"), default=0, **MONEY)
    free_for_card_holders = models.BooleanField(_("持卡会员免费"), default=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.OPEN)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")
        default_manager_name = "unscoped"
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(enrolled__lte=F("capacity")), name="skills_class_never_overfull"
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="skills_class_ends_after"),
            models.CheckConstraint(condition=Q(sessions__gte=1), name="skills_class_has_sessions"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="skills_class_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.enrolled, 0)

    @property
    def needed(self) -> int:
        """Sessions a trainee must attend to complete: four fifths, rounded up."""
        return -(-self.sessions * 4 // 5)


class EnrolmentQuerySet(ScopedQuerySet):
    owner_field = "member__user"


class Enrolment(PathFromMixin, models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("在读")
        COMPLETED = "completed", _("已结业")
        WITHDRAWN = "withdrawn", _("已退出")

    training = models.ForeignKey(TrainingClass, on_delete=models.PROTECT, related_name="enrolments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("学员"))
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.ENROLLED)
    enrolled_on = models.DateField(_("报名日期"))
    fee_due = models.DecimalField(_("应缴学费（元）"), **MONEY)
    attended = models.PositiveSmallIntegerField(_("出勤课次"), default=0)
    completed_on = models.DateField(_("结业日期"), null=True, blank=True)
    certificate_no = models.CharField(_("结业证书编号"), max_length=24, null=True, blank=True, unique=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = EnrolmentQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "training"

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["training", "member"], condition=~Q(status="withdrawn"), name="skills_enrolment_once"
            ),
            models.CheckConstraint(
                condition=~Q(status="completed")
                | (Q(completed_on__isnull=False) & Q(certificate_no__isnull=False)),
                name="skills_enrolment_completed_certified",
            ),
            models.CheckConstraint(condition=Q(fee_due__gte=0), name="skills_enrolment_fee_not_negative"),
        ]


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    session_no = models.PositiveSmallIntegerField(_("课次"))
    present = models.BooleanField(_("出勤"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session_no"], name="skills_attendance_once"),
            models.CheckConstraint(condition=Q(session_no__gte=1), name="skills_attendance_session_positive"),
        ]
