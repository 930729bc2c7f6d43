"""Joint inspections and the 一函两书 letters."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node, Unit

from .cases import Case


class InspectionKind(models.TextChoices):
    WEEKLY = "weekly", _("劳动保障联合检查（每周三）")
    SPRING_FESTIVAL = "spring_festival", _("春节前农民工工资支付专项检查")


CHECKLISTS = {
    InspectionKind.WEEKLY: [
        ("contract", _("劳动合同签订")),
        ("wages_on_time", _("工资按时足额支付")),
        ("hours", _("工作时间与加班")),
        ("social_insurance", _("社会保险缴纳")),
        ("safety", _("劳动安全卫生")),
    ],
    InspectionKind.SPRING_FESTIVAL: [
        ("wage_ledger", _("农民工工资支付台账")),
        ("wages_paid", _("春节前工资结清")),
        ("wage_account", _("工资专用账户")),
        ("guarantee", _("工资保证金")),
        ("real_name", _("实名制管理")),
    ],
}


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("已排期")
    DONE = "done", _("已完成")


class Inspection(PathFromMixin, models.Model):
    """A joint labour inspection with the human-resources bureau in one street."""

    kind = models.CharField(_("检查类型"), max_length=16, choices=InspectionKind)
    date = models.DateField(_("检查日期"))
    street = models.ForeignKey(Node, on_delete=models.PROTECT, verbose_name=_("街镇"))
    status = models.CharField(
        _("状态"), max_length=8, choices=InspectionStatus, default=InspectionStatus.PLANNED
    )
    summary = models.CharField(_("小结"), max_length=300, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("联合检查")
        verbose_name_plural = _("联合检查")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["kind", "date", "street"], name="inspection_one_per_day_street")
        ]

    path_from = "street"


class InspectionVisit(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="visits")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("检查单位"))
    checklist = models.JSONField(_("检查清单"), default=dict)
    finding = models.CharField(_("发现问题"), max_length=300, blank=True)
    has_issue = models.BooleanField(_("存在问题"), default=False)
    case = models.OneToOneField(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="finding"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "unit"], name="visit_once_per_inspection")
        ]


class LetterKind(models.IntegerChoices):
    REMINDER = 1, _("提示函")
    SUPERVISION = 2, _("劳动法律监督意见书")
    PROPOSAL = 3, _("劳动法律监督建议书")


class LetterStatus(models.TextChoices):
    ISSUED = "issued", _("已发出")
    ANSWERED = "answered", _("已回复")
    ESCALATED = "escalated", _("已升级")
    RESOLVED = "resolved", _("已整改")


class Letter(PathFromMixin, models.Model):
    """One rung of the 一函两书 ladder, issued by a union to an employer. A rung above
    the first names the letter it escalates, and each letter is escalated at most once."""

    kind = models.PositiveSmallIntegerField(_("文书类型"), choices=LetterKind)
    number = models.CharField(_("文号"), max_length=30, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("用人单位"))
    issuer = models.ForeignKey(Node, on_delete=models.PROTECT, verbose_name=_("发文工会"))
    subject = models.CharField(_("事由"), max_length=200)
    body = models.TextField(_("正文"))
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_letter"
    )
    issued_on = models.DateField(_("发出日期"))
    reply_due = models.DateField(_("答复期限"))
    status = models.CharField(_("状态"), max_length=10, choices=LetterStatus, default=LetterStatus.ISSUED)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    reply = models.CharField(_("单位回复"), max_length=500, blank=True)
    follow_up = models.CharField(_("跟踪情况"), max_length=500, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("一函两书")
        verbose_name_plural = _("一函两书")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=1) & Q(previous__isnull=True))
                | (Q(kind__gt=1) & Q(previous__isnull=False)),
                name="letter_ladder_starts_with_reminder",
            ),
            models.CheckConstraint(condition=Q(kind__gte=1, kind__lte=3), name="letter_kind_1_to_3"),
            models.CheckConstraint(
                condition=Q(reply_due__gte=models.F("issued_on")), name="letter_due_after_issue"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    path_from = "issuer"
