"""The bargaining procedure: an offer (要约) sent by a union to an employer (or by an industry
union to an employers' association), the answer due within 20 days, rounds of talks with the
information provided 5 days before each, and the draft that goes to the workers' congress."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node, Unit

from .common import Kind, Level

ANSWER_DAYS = 20
INFO_DAYS_BEFORE = 5


class Offer(PathFromMixin, models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("已发出要约")
        DECLINED = "declined", _("对方拒绝")
        TALKS = "talks", _("协商中")
        REFERRED = "referred", _("草案提交职代会")
        SIGNED = "signed", _("已签订")
        ABANDONED = "abandoned", _("已终止")

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("发起工会"))
    level = models.CharField(_("层级"), max_length=10, choices=Level, default=Level.ENTERPRISE)
    kind = models.CharField(_("协商内容"), max_length=10, choices=Kind)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("企业")
    )
    counterpart = models.CharField(_("协商对方"), max_length=160)
    action_month = models.BooleanField(_("要约行动月"), default=False)
    sent_on = models.DateField(_("要约日期"))
    answer_due = models.DateField(_("答复期限"))
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.SENT)
    draft = models.TextField(_("协议草案"), blank=True)
    # A renewal starts 60 days before the agreement it renews expires.
    renews = models.ForeignKey(
        "bargaining.Agreement", on_delete=models.PROTECT, null=True, blank=True, related_name="renewals"
    )
    closed_on = models.DateField(null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("协商要约")
        verbose_name_plural = _("协商要约")
        default_manager_name = "unscoped"
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_due__gt=F("sent_on")), name="bargaining_answer_after_offer"
            ),
            models.CheckConstraint(
                condition=~Q(level="enterprise") | Q(unit__isnull=False),
                name="bargaining_enterprise_offer_unit",
            ),
        ]
        indexes = [models.Index(fields=["path", "sent_on"], name="bargaining_offer_path")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.counterpart}"

    @property
    def source(self) -> str:
        """How the spine's referral names this offer's draft."""
        return f"bargaining.offer:{self.pk}"

    @property
    def answered_in_time(self) -> bool:
        return self.answered_on is not None and self.answered_on <= self.answer_due

    def answer_overdue(self, today: datetime.date) -> bool:
        return self.answered_on is None and self.status == self.Status.SENT and self.answer_due < today


class Round(models.Model):
    """A round of talks; the other side gets the information it needs 5 days before."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("轮次"))
    talks_on = models.DateField(_("协商日期"))
    info_due = models.DateField(_("资料提供期限"))
    info_provided_on = models.DateField(_("资料提供日期"), null=True, blank=True)
    held = models.BooleanField(_("已举行"), default=False)
    minutes = models.TextField(_("协商纪要"), blank=True)

    class Meta:
        ordering = ["offer", "number"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "number"], name="bargaining_round_numbered"),
            models.CheckConstraint(
                condition=~Q(held=True) | ~Q(minutes=""), name="bargaining_round_has_minutes"
            ),
        ]
