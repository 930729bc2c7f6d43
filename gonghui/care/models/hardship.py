"""Hardship aid (困难职工帮扶): the year's standard, a family's file with its causes, income test
and documents, the street's review and the district's approval, aid granted by a second person
and paid once through the ledger against a real-name receipt, the yearly review and the closing
of a file. Income, health details, the family's situation and documents are encrypted."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from .campaigns import ReceiptKind
from .common import InForceQuerySet, money


class Standard(PathFromMixin, models.Model):
    """The year's line: a family is in hardship when its monthly income per head is below it."""

    year = models.PositiveSmallIntegerField(_("年度"))
    income_line = money(_("月人均收入标准（元）"))
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = InForceQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        default_manager_name = "unscoped"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["node", "year"], name="care_standard_once_a_year"),
            models.CheckConstraint(condition=Q(income_line__gt=0), name="care_standard_line_positive"),
        ]


class FileStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待街镇审核")
    REVIEWED = "reviewed", _("待区总审批")
    OPEN = "open", _("在档")
    REFUSED = "refused", _("不予建档")
    CLOSED = "closed", _("已销档")


ACTIVE_FILE = ("submitted", "reviewed", "open")


class FamilyFile(PathFromMixin, models.Model):
    number = models.CharField(_("档案号"), max_length=20, unique=True)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("职工"))
    status = models.CharField(_("状态"), max_length=10, choices=FileStatus, default=FileStatus.SUBMITTED)
    household_size = models.PositiveSmallIntegerField(_("家庭人口"))
    monthly_income = EncryptedTextField(_("家庭月收入（元）"))
    situation = EncryptedTextField(_("家庭困难情况"))
    bank_account = EncryptedTextField(_("收款账户"), blank=True, default="")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    below_line = models.BooleanField(_("收入低于标准"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_on = models.DateField(_("建档日期"), null=True, blank=True)
    closed_on = models.DateField(_("销档日期"), null=True, blank=True)
    decision_note = models.CharField(_("意见"), max_length=200, blank=True)
    path = models.CharField(max_length=255, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "member"

    class Meta:
        verbose_name = _("困难职工档案")
        verbose_name_plural = _("困难职工档案")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(status__in=ACTIVE_FILE), name="care_one_active_file_per_member"
            ),
            models.CheckConstraint(condition=Q(household_size__gte=1), name="care_file_household_not_empty"),
            # The district approves, and not the person who reviewed it or opened it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | (~Q(approved_by=F("reviewed_by")) & ~Q(approved_by=F("created_by"))),
                name="care_file_approved_by_a_second_person",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["open", "closed"])
                | Q(opened_on__isnull=False, approved_by__isnull=False),
                name="care_file_open_was_approved",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False), name="care_file_closed_has_date"
            ),
        ]
        indexes = [models.Index(fields=["path"], name="care_file_path", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return self.number


class Cause(models.TextChoices):
    ILLNESS = "illness", _("因病")
    DISABILITY = "disability", _("因残")
    DISASTER = "disaster", _("因灾")
    SCHOOLING = "schooling", _("因子女就学")
    UNEMPLOYMENT = "unemployment", _("因失业")
    ACCIDENT = "accident", _("因意外")
    OTHER = "other", _("其他")


class FileCause(models.Model):
    """A cause of hardship; for an illness the detail (a health detail) is encrypted."""

    file = models.ForeignKey(FamilyFile, on_delete=models.CASCADE, related_name="causes")
    cause = models.CharField(_("致困原因"), max_length=14, choices=Cause)
    detail = EncryptedTextField(_("说明"), blank=True, default="")

    class Meta:
        ordering = ["id"]


class DocumentKind(models.TextChoices):
    INCOME = "income", _("收入证明")
    MEDICAL = "medical", _("病历、医疗费用")
    DISABILITY = "disability", _("残疾证")
    SCHOOLING = "schooling", _("入学通知、学费")
    OTHER = "other", _("其他")


class FileDocument(PathFromMixin, models.Model):
    """An uploaded proof, stored encrypted outside the web root; every read is audited."""

    file = models.ForeignKey(FamilyFile, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("材料类型"), max_length=12, choices=DocumentKind)
    filename = models.CharField(_("文件名"), max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "file"

    class Meta:
        default_manager_name = "unscoped"
        ordering = ["id"]


class ReviewResult(models.TextChoices):
    CONTINUE = "continue", _("继续帮扶")
    CLOSE = "close", _("脱困销档")


class FileReview(models.Model):
    """The yearly review (年审) of an open file: once a year, by constraint."""

    file = models.ForeignKey(FamilyFile, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("年度"))
    household_size = models.PositiveSmallIntegerField()
    monthly_income = EncryptedTextField()
    below_line = models.BooleanField()
    result = models.CharField(_("结论"), max_length=10, choices=ReviewResult)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reviewed_on = models.DateField()

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["file", "year"], name="care_file_review_once_a_year")]


class AidKind(models.TextChoices):
    LIVING = "living", _("生活救助")
    MEDICAL = "medical", _("医疗救助")
    SCHOOLING = "schooling", _("助学")
    FESTIVAL = "festival", _("节日慰问")


class GrantStatus(models.TextChoices):
    PROPOSED = "proposed", _("待审批")
    APPROVED = "approved", _("待发放")
    REFUSED = "refused", _("不予批准")
    PAID = "paid", _("已发放")


class AidGrant(PathFromMixin, models.Model):
    """Aid of one kind for an open file: proposed, approved by a second person after the money
    rules are checked, then paid once."""

    file = models.ForeignKey(FamilyFile, on_delete=models.PROTECT, related_name="grants")
    kind = models.CharField(_("帮扶类型"), max_length=10, choices=AidKind)
    amount = money(_("金额（元）"))
    cause = models.ForeignKey(
        FileCause,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("对应病因"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=10, choices=GrantStatus, default=GrantStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    refusal = models.CharField(_("不予批准理由"), max_length=300, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "file"

    class Meta:
        verbose_name = _("帮扶审批")
        verbose_name_plural = _("帮扶审批")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="care_grant_amount_positive"),
            models.CheckConstraint(
                condition=~Q(kind="medical") | Q(cause__isnull=False),
                name="care_medical_grant_names_its_illness",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "paid"])
                | (Q(approved_by__isnull=False) & ~Q(approved_by=F("proposed_by"))),
                name="care_grant_approved_by_a_second_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal=""), name="care_grant_refusal_has_reason"
            ),
        ]


class Payout(PathFromMixin, models.Model):
    """The ledger: one line per payment, at most one per approved grant (constraint) and one per
    idempotency key, each signed for by the worker (the QR pass, or a signature)."""

    grant = models.OneToOneField(AidGrant, on_delete=models.PROTECT, related_name="payout")
    voucher_no = models.CharField(_("凭证号"), max_length=24, unique=True)
    key = models.CharField(max_length=64, unique=True)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=AidKind)
    amount = money(_("金额（元）"))
    receipt = models.CharField(_("签收方式"), max_length=10, choices=ReceiptKind)
    signature = EncryptedTextField(blank=True, default="")
    paid_at = models.DateTimeField(_("发放时间"))
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    path = models.CharField(max_length=255, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "grant"

    class Meta:
        verbose_name = _("帮扶发放台账")
        verbose_name_plural = _("帮扶发放台账")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="care_payout_amount_positive"),
            models.CheckConstraint(
                condition=~Q(receipt="signature") | ~Q(signature=""), name="care_payout_signed"
            ),
        ]
        indexes = [
            models.Index(
                fields=["path", "paid_at"],
                name="care_payout_path",
                opclasses=["varchar_pattern_ops", "timestamptz_ops"],
            ),
        ]
