"""The rules of union money, as data with a validity period (not code): what may not be given
at a festival, yearly caps per person, one illness aid per illness a year. Services check them
before a campaign or an aid is approved, and when a person is served or booked."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin
from gonghui.organizations.models import Node

from .campaigns import CampaignKind, GoodsKind
from .common import InForceQuerySet, money
from .hardship import AidKind
from .health import OfferKind


class RuleKind(models.TextChoices):
    FORBIDDEN_GOODS = "forbidden_goods", _("禁止发放的物品")
    YEARLY_VALUE_CAP = "yearly_value_cap", _("每人每年金额上限")
    YEARLY_COUNT_CAP = "yearly_count_cap", _("每人每年次数上限")
    ONE_PER_CAUSE = "one_per_cause", _("同一病因每年限一次")


class MoneyRule(PathFromMixin, models.Model):
    # The same code names every version of a rule; a new version ends the one before.
    code = models.SlugField(_("规则编号"), max_length=40)
    name = models.CharField(_("规则名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=20, choices=RuleKind)
    # What the rule governs: campaign kinds, goods kinds, aid kinds, an offer kind.
    campaign_kinds = models.JSONField(_("适用活动"), default=list, blank=True)
    goods_kinds = models.JSONField(_("禁止物品"), default=list, blank=True)
    aid_kinds = models.JSONField(_("适用帮扶"), default=list, blank=True)
    offer_kind = models.CharField(_("适用项目"), max_length=12, blank=True)
    amount = money(_("金额上限（元）"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("次数上限"), null=True, blank=True)
    basis = models.CharField(_("依据"), max_length=200)
    reason = models.CharField(_("不予通过的理由"), max_length=200)
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"), null=True, blank=True)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("制定组织"))
    path = models.CharField(max_length=255, editable=False, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InForceQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("经费使用规则")
        verbose_name_plural = _("经费使用规则")
        default_manager_name = "unscoped"
        ordering = ["code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["node", "code", "valid_from"], name="care_rule_version_once"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="care_rule_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~Q(kind="yearly_value_cap") | Q(amount__gt=0), name="care_rule_cap_has_amount"
            ),
            models.CheckConstraint(
                condition=~Q(kind="yearly_count_cap") | (Q(count__gte=1) & ~Q(offer_kind="")),
                name="care_rule_count_cap_has_count",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def governs(self) -> str:
        """What the rule applies to, in words."""
        labels = [str(CampaignKind(k).label) for k in self.campaign_kinds]
        labels += [str(GoodsKind(k).label) for k in self.goods_kinds]
        labels += [str(AidKind(k).label) for k in self.aid_kinds]
        if self.offer_kind:
            labels.append(str(OfferKind(self.offer_kind).label))
        return "、".join(labels)

    def in_force(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Allowance(models.Model):
    """How much of a yearly cap a person has used (yuan, or a count of stays): the cap holds
    under concurrency because each use is a conditional UPDATE of this one row."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    rule_code = models.SlugField(max_length=40)
    used = money(_("已用"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "year", "rule_code"], name="care_allowance_once"),
            models.CheckConstraint(condition=Q(used__gte=0), name="care_allowance_not_negative"),
        ]
