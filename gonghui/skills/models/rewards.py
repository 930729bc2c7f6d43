"""The technician upgrade reward plan (技师升级奖励): a worker who gains a technician grade
applies, the union verifies the certificate (maker), a second person approves (checker), and
the reward is paid once per worker and grade, by constraint, into an append-only ledger."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member

MONEY: dict[str, Any] = {"max_digits": 10, "decimal_places": 2}


class Grade(models.TextChoices):
    # The member roster's skill levels (技能等级) that the plan rewards.
    TECHNICIAN = "2", _("技师")
    SENIOR_TECHNICIAN = "1", _("高级技师")


# The reward for each grade reached (yuan).
REWARD_YUAN = {Grade.TECHNICIAN: Decimal("1000.00"), Grade.SENIOR_TECHNICIAN: Decimal("2000.00")}


class RewardQuerySet(ScopedQuerySet):
    owner_field = "member__user"


class TechnicianReward(PathFromMixin, models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("已申请")
        VERIFIED = "verified", _("证书已核验")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未通过")
        PAID = "paid", _("已发放")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("职工"))
    grade = models.CharField(_("取得等级"), max_length=1, choices=Grade)
    certificate_no = models.CharField(_("职业资格证书编号"), max_length=40)
    certified_on = models.DateField(_("发证日期"))
    applied_at = models.DateTimeField(_("申请时间"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.APPLIED)
    amount = models.DecimalField(_("奖励金额（元）"), null=True, blank=True, **MONEY)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("审核意见"), max_length=300, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = RewardQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "member"

    class Meta:
        verbose_name = _("技师升级奖励")
        verbose_name_plural = _("技师升级奖励")
        default_manager_name = "unscoped"
        ordering = ["-applied_at", "id"]
        constraints = [
            # One reward per worker and grade: a refused application may be made again.
            models.UniqueConstraint(
                fields=["member", "grade"],
                condition=~Q(status="rejected"),
                name="skills_reward_once_per_grade",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="skills_reward_amount_positive"
            ),
            # Maker-checker: approval needs a verification by someone else.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | (Q(verified_by__isnull=False) & ~Q(approved_by=F("verified_by"))),
                name="skills_reward_approver_is_not_verifier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} #{self.pk}"


class RewardPayout(PathFromMixin, models.Model):
    """The payout ledger: one row per reward and one per worker and grade (unique), never
    updated (a database trigger refuses it, see the migration)."""

    reward = models.OneToOneField(TechnicianReward, on_delete=models.PROTECT, related_name="payout")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=1, choices=Grade)
    amount = models.DecimalField(_("发放金额（元）"), **MONEY)
    paid_on = models.DateField(_("发放日期"))
    paid_at = models.DateTimeField()
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    key = models.CharField(max_length=64, unique=True)  # the idempotency key of the request
    reference = models.CharField(_("凭证号"), max_length=40, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "reward"

    class Meta:
        verbose_name = _("奖励发放")
        verbose_name_plural = _("奖励发放")
        default_manager_name = "unscoped"
        ordering = ["-paid_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "grade"], name="skills_payout_once_per_grade"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="skills_payout_positive"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("the payout ledger is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the payout ledger is append-only")
