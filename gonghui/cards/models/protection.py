"""普惠: the city federation's group basic protection plan. Each plan year enrols every
active card holder; claims are reviewed, approved by a second person and paid once."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.numbers import CLAIM, record_number
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member

from .card import Card

MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}


class PlanYear(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        CLOSED = "closed", _("已结束")

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    district_premium = models.DecimalField(_("区总工会出资（元/人）"), default=Decimal("12.00"), **MONEY)
    city_premium = models.DecimalField(_("市总工会补贴（元/人）"), default=Decimal("12.00"), **MONEY)
    status = models.CharField(_("状态"), max_length=8, choices=Status, default=Status.OPEN)
    enrolled_at = models.DateTimeField(_("最近一次参保"), null=True, blank=True)

    class Meta:
        verbose_name = _("保障年度")
        verbose_name_plural = _("保障年度")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(district_premium__gte=0) & Q(city_premium__gte=0),
                name="plan_premiums_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def premium(self) -> Decimal:
        return self.district_premium + self.city_premium


class Enrolment(models.Model):
    """One holder in one plan year: a line of the premium ledger and of the insurer's list."""

    plan_year = models.ForeignKey(PlanYear, on_delete=models.PROTECT, related_name="enrolments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255, editable=False, db_index=True)  # the member's, at enrolment
    non_enterprise = models.BooleanField(default=False)
    district_premium = models.DecimalField(**MONEY)
    city_premium = models.DecimalField(**MONEY)
    enrolled_at = models.DateTimeField()

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("参保记录")
        verbose_name_plural = _("参保记录")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["plan_year", "member"], name="enrolment_once_per_year"),
            models.CheckConstraint(
                condition=Q(district_premium__gte=0) & Q(city_premium__gte=0),
                name="enrolment_premiums_not_negative",
            ),
        ]


class ClaimQuerySet(ScopedQuerySet):
    owner_field = "member__user"


class Claim(models.Model):
    class Kind(models.TextChoices):
        SERIOUS_ILLNESS = "illness", _("重大疾病")
        ACCIDENT_INJURY = "injury", _("意外伤害")
        DISABILITY = "disability", _("意外伤残")
        DEATH = "death", _("身故")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        REVIEWED = "reviewed", _("已初审")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未通过")
        PAID = "paid", _("已支付")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("会员"))
    plan_year = models.ForeignKey(PlanYear, on_delete=models.PROTECT, related_name="claims")
    kind = models.CharField(_("类别"), max_length=12, choices=Kind)
    occurred_on = models.DateField(_("发生日期"))
    health_details = EncryptedTextField(_("病情或伤情说明"))
    amount_requested = models.DecimalField(_("申请金额（元）"), **MONEY)
    amount_approved = models.DecimalField(_("核定金额（元）"), null=True, blank=True, **MONEY)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.SUBMITTED)
    path = models.CharField(max_length=255, editable=False, db_index=True)
    non_enterprise = models.BooleanField(_("非企业职工"), default=False)
    filed_at = models.DateTimeField(_("提交时间"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_note = models.CharField(_("审核意见"), max_length=300, blank=True)

    objects = ClaimQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("保障申请")
        verbose_name_plural = _("保障申请")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(amount_requested__gt=0), name="claim_requested_positive"),
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True) | Q(amount_approved__gt=0),
                name="claim_approved_positive",
            ),
            # Maker-checker: an approval needs a review by someone else (MO-2).
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | (Q(reviewed_by__isnull=False) & ~Q(approved_by=F("reviewed_by"))),
                name="claim_approver_is_not_reviewer",
            ),
        ]
        indexes = [models.Index(fields=["status", "path"], name="claim_status_path")]

    @property
    def number(self) -> str:
        return record_number(CLAIM, self.filed_at, self.pk)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.path:
            self.path = self.member.path
        super().save(*args, **kwargs)


class ClaimDocument(PathFromMixin, models.Model):
    """A supporting document, stored encrypted outside the web root (see documents.py)."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="documents")
    filename = models.CharField(_("文件名"), max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_as = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"

    path_from = "claim"


class Payout(models.Model):
    """The append-only payout ledger: one row per claim (unique), never updated or deleted
    (database triggers refuse both, see migration 0002)."""

    claim = models.OneToOneField(Claim, on_delete=models.PROTECT, related_name="payout")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("支付金额（元）"), **MONEY)
    paid_at = models.DateTimeField(_("支付时间"))
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reference = models.CharField(_("支付凭证号"), max_length=40, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)
    non_enterprise = models.BooleanField(default=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("保障金支付")
        verbose_name_plural = _("保障金支付")
        default_manager_name = "unscoped"
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("the payout ledger is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the payout ledger is append-only")
