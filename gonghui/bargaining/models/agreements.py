"""Signed agreements, the units and workers they cover, and their clocks: filed with the
human-resources bureau within 7 days of signing (which reviews it within 15 days; silence is
approval), published to the workers within 5 days of taking effect, filed with the higher
union within 15 days of signing; renegotiation starts 60 days before expiry. Every clock
is a due date on the row and an alert, raised once (a constraint), when it passes."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node, Unit

from .common import Kind, Level
from .offers import Offer

HR_FILE_DAYS = 7
HR_REVIEW_DAYS = 15
PUBLISH_DAYS = 5
UNION_FILE_DAYS = 15
RENEGOTIATE_DAYS_BEFORE = 60


class Clock(models.TextChoices):
    ANSWER = "answer", _("要约答复")
    INFO = "info", _("协商资料提供")
    HR_FILE = "hr_file", _("报送人社部门")
    HR_REVIEW = "hr_review", _("人社部门审查")
    PUBLISH = "publish", _("向职工公布")
    UNION_FILE = "union_file", _("报上级工会备案")
    RENEGOTIATE = "renegotiate", _("续签协商")


class Agreement(PathFromMixin, models.Model):
    class HrDecision(models.TextChoices):
        NONE = "", _("待审查")
        APPROVED = "approved", _("审查通过")
        DEEMED = "deemed", _("逾期未提异议，视为通过")

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("工会方"))
    offer = models.OneToOneField(
        Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="agreement"
    )
    kind = models.CharField(_("种类"), max_length=10, choices=Kind)
    level = models.CharField(_("层级"), max_length=10, choices=Level)
    title = models.CharField(_("名称"), max_length=200)
    employer_party = models.CharField(_("企业方"), max_length=160)
    signed_on = models.DateField(_("签订日期"))
    starts_on = models.DateField(_("生效日期"))
    ends_on = models.DateField(_("到期日期"))
    workers_covered = models.PositiveIntegerField(_("覆盖职工"), default=0)
    hr_file_due = models.DateField(_("报送期限"))
    hr_filed_on = models.DateField(_("报送日期"), null=True, blank=True)
    hr_review_due = models.DateField(_("审查期限"), null=True, blank=True)
    hr_decision = models.CharField(_("审查结果"), max_length=10, choices=HrDecision, blank=True, default="")
    hr_decided_on = models.DateField(_("审查日期"), null=True, blank=True)
    publish_due = models.DateField(_("公布期限"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    union_file_due = models.DateField(_("备案期限"))
    union_filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    renegotiate_on = models.DateField(_("续签协商启动"))
    terminated_on = models.DateField(_("终止日期"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("集体协议")
        verbose_name_plural = _("集体协议")
        default_manager_name = "unscoped"
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="bargaining_term_ordered"),
            models.CheckConstraint(
                condition=Q(starts_on__gte=F("signed_on")), name="bargaining_starts_after_signing"
            ),
            models.CheckConstraint(
                condition=Q(hr_filed_on__isnull=True) | Q(hr_filed_on__gte=F("signed_on")),
                name="bargaining_filed_after_signing",
            ),
            models.CheckConstraint(
                condition=Q(hr_decision="") | Q(hr_decided_on__isnull=False),
                name="bargaining_hr_decision_dated",
            ),
        ]
        indexes = [
            models.Index(fields=["path", "starts_on", "ends_on"], name="bargaining_agreement_term"),
        ]

    def __str__(self) -> str:
        return self.title

    def in_force(self, day: datetime.date) -> bool:
        return (
            self.signed_on <= day
            and self.starts_on <= day <= self.ends_on
            and (self.terminated_on is None or self.terminated_on > day)
        )

    def clocks(
        self, today: datetime.date
    ) -> list[tuple[str, str, datetime.date | None, datetime.date | None, bool]]:
        """Each filing clock: (key, label, due, done, overdue)."""
        rows = [
            (Clock.HR_FILE, self.hr_file_due, self.hr_filed_on),
            (Clock.HR_REVIEW, self.hr_review_due, self.hr_decided_on),
            (Clock.PUBLISH, self.publish_due, self.published_on),
            (Clock.UNION_FILE, self.union_file_due, self.union_filed_on),
        ]
        return [
            (clock.value, str(clock.label), due, done, due is not None and done is None and due < today)
            for clock, due, done in rows
        ]


class AgreementUnit(models.Model):
    """A unit an agreement covers (an industry agreement covers many)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="unit_links")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255, editable=False)  # the unit's: coverage counts where it is

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "unit"], name="bargaining_unit_once"),
        ]
        indexes = [
            models.Index(fields=["path"], name="bargaining_cover_path", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["unit"], name="bargaining_cover_unit"),
        ]


class Alert(PathFromMixin, models.Model):
    """A clock that passed or is near, raised once per record, clock and due date."""

    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts")
    clock = models.CharField(_("时限"), max_length=12, choices=Clock)
    due_on = models.DateField(_("期限"))
    overdue = models.BooleanField(_("已逾期"), default=False)
    raised_at = models.DateTimeField(auto_now_add=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("时限提醒")
        verbose_name_plural = _("时限提醒")
        default_manager_name = "unscoped"
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement__isnull=False) | Q(offer__isnull=False),
                name="bargaining_alert_has_subject",
            ),
            models.UniqueConstraint(
                fields=["agreement", "clock", "due_on", "overdue"],
                condition=Q(agreement__isnull=False),
                name="bargaining_agreement_alert_once",
            ),
            models.UniqueConstraint(
                fields=["offer", "clock", "due_on", "overdue"],
                condition=Q(offer__isnull=False),
                name="bargaining_offer_alert_once",
            ),
        ]
