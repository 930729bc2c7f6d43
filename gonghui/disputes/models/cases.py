"""Cases, their parties, timeline, documents and deadline alerts, and legal aid."""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.scoping import scope_of
from gonghui.organizations.models import Unit

from .network import Lawyer, MediationOrg, Mediator, NetworkQuerySet

LEGAL_DAYS = 15  # mediation must end within 15 days of acceptance (劳动争议调解仲裁法 第十四条)


class Channel(models.TextChoices):
    PORTAL = "portal", _("会员网上申请")
    WALK_IN = "walk_in", _("来访")
    HOTLINE = "hotline", _("12351热线")
    COURT = "court", _("法院委托调解")
    INSPECTION = "inspection", _("联合检查发现")


class Category(models.TextChoices):
    WAGES = "wages", _("拖欠工资")
    TERMINATION = "termination", _("解除劳动合同")
    SOCIAL_INSURANCE = "social_insurance", _("社会保险")
    WORK_INJURY = "work_injury", _("工伤")
    OVERTIME = "overtime", _("加班")
    OTHER = "other", _("其他")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("待受理")
    ACCEPTED = "accepted", _("调解中")
    REFUSED = "refused", _("不予受理")
    CLOSED = "closed", _("已结案")


class Outcome(models.TextChoices):
    NONE = "", _("—")
    AGREEMENT = "agreement", _("达成调解协议")
    NO_AGREEMENT = "no_agreement", _("未达成协议")
    WITHDRAWN = "withdrawn", _("撤回申请")


class CaseQuerySet(NetworkQuerySet):
    def visible_to(self, user: Any) -> Self:
        if scope_of(user) is None and getattr(user, "role", "") == "member":
            qs = self.filter(applicant=user) if user.is_active else self.none()
            qs._scoped = True
            return qs
        return super().visible_to(user)

    def open(self) -> Self:
        return self.filter(status__in=[CaseStatus.RECEIVED, CaseStatus.ACCEPTED])


class Case(models.Model):
    number = models.CharField(_("案号"), max_length=20, unique=True)
    channel = models.CharField(_("来源"), max_length=12, choices=Channel)
    category = models.CharField(_("争议类型"), max_length=20, choices=Category)
    status = models.CharField(_("状态"), max_length=10, choices=CaseStatus, default=CaseStatus.RECEIVED)
    org = models.ForeignKey(
        MediationOrg, on_delete=models.PROTECT, related_name="cases", verbose_name=_("调解组织")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("用人单位"))
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispute_cases",
    )
    narrative = EncryptedTextField(_("案情"))
    hotline_order_no = models.CharField(_("热线工单号"), max_length=30, blank=True)
    hotline_deadline = models.DateField(_("工单办结期限"), null=True, blank=True)
    court_case_no = models.CharField(_("法院案号"), max_length=40, blank=True)
    court_deadline = models.DateField(_("法院委托期限"), null=True, blank=True)
    received_at = models.DateTimeField(_("登记时间"))
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    due_on = models.DateField(_("调解期限"), null=True, blank=True)
    refusal_reason = models.CharField(_("不予受理理由"), max_length=200, blank=True)
    mediator = models.ForeignKey(
        Mediator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("调解员"),
    )
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=14, choices=Outcome, blank=True, default="")
    amount_recovered = models.DecimalField(_("追回金额（元）"), max_digits=12, decimal_places=2, default=0)
    guidance = models.CharField(_("后续指引"), max_length=300, blank=True)
    agreement_text = EncryptedTextField(_("调解协议书"), blank=True, default="")
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    path = models.CharField(max_length=255, editable=False)

    objects = CaseQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("争议案件")
        verbose_name_plural = _("争议案件")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(amount_recovered__gte=0), name="case_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(outcome="agreement") | Q(amount_recovered=0),
                name="case_amount_only_with_agreement",
            ),
            models.CheckConstraint(
                condition=~Q(channel="court") | (~Q(court_case_no="") & Q(court_deadline__isnull=False)),
                name="case_court_has_number_and_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(channel="hotline")
                | (~Q(hotline_order_no="") & Q(hotline_deadline__isnull=False)),
                name="case_hotline_has_order_and_deadline",
            ),
            models.CheckConstraint(
                condition=(Q(status="closed") & ~Q(outcome="") & Q(closed_at__isnull=False))
                | (~Q(status="closed") & Q(outcome="")),
                name="case_closed_iff_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="case_refusal_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="case_satisfaction_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["path"], name="case_path", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["status", "due_on"], name="case_status_due"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in (CaseStatus.RECEIVED, CaseStatus.ACCEPTED)


class PartyKind(models.TextChoices):
    WORKER = "worker", _("职工")
    EMPLOYER = "employer", _("用人单位")


class CaseParty(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(_("当事人类型"), max_length=10, choices=PartyKind)
    name = models.CharField(_("姓名/名称"), max_length=120)
    phone = EncryptedTextField(_("联系电话"), blank=True, default="")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, null=True, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="worker", unit__isnull=True) | Q(kind="employer", unit__isnull=False),
                name="party_employer_is_a_unit",
            )
        ]


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("登记")
    ROUTED = "routed", _("分流")
    ACCEPTED = "accepted", _("受理")
    REFUSED = "refused", _("不予受理")
    ASSIGNED = "assigned", _("指派调解员")
    NOTE = "note", _("调解记录")
    DOCUMENT = "document", _("上传材料")
    ALERT = "alert", _("期限提醒")
    CLOSED = "closed", _("结案")
    RATED = "rated", _("满意度评价")


class CaseEvent(models.Model):
    """The timeline: one row for every step of a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    note = EncryptedTextField(blank=True, default="")  # mediation notes are part of the case file

    class Meta:
        ordering = ["at", "id"]


class CaseDocument(models.Model):
    """An uploaded file of a case, stored encrypted outside the web root."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    filename = models.CharField(_("文件名"), max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)


class AlertKind(models.TextChoices):
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已超期")


class DeadlineAlert(models.Model):
    """At most one alert of each kind per case and deadline, by constraint: the scan
    may run twice, or twice at once, and still alerts once."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=10, choices=AlertKind)
    due_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "due_on"], name="deadline_alert_once"),
        ]


class AidStatus(models.TextChoices):
    PENDING = "pending", _("待审查")
    GRANTED = "granted", _("已指派律师")
    REFUSED = "refused", _("不予援助")


class LegalAidQuerySet(NetworkQuerySet):
    mediator_lookup = "case__org__mediators__user"


class LegalAidApplication(models.Model):
    """An application for legal aid; eligible when the worker's income is below the
    local threshold or the claim is for unpaid wages or a work injury."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="aid_applications")
    low_income = models.BooleanField(_("经济困难"), default=False)
    migrant = models.BooleanField(_("农民工"), default=False)
    eligible = models.BooleanField(_("符合援助条件"), default=False)
    status = models.CharField(_("状态"), max_length=10, choices=AidStatus, default=AidStatus.PENDING)
    lawyer = models.ForeignKey(
        Lawyer, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("援助律师")
    )
    reason = models.CharField(_("理由"), max_length=200, blank=True)
    applied_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = LegalAidQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="granted") | (Q(lawyer__isnull=False) & Q(eligible=True)),
                name="legal_aid_granted_has_lawyer",
            ),
            models.UniqueConstraint(
                fields=["case"], condition=~Q(status="refused"), name="legal_aid_one_open_per_case"
            ),
        ]
