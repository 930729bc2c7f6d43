"""商惠: partner merchants, their stores and cashiers, discount rules and the sales recorded."""

from decimal import Decimal
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.numbers import SALE, record_number
from gonghui.lib.roles import Role
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.members.models import Member
from gonghui.organizations.models import Node

MIN_RATE = Decimal("0.10")
MAX_RATE = Decimal("0.45")


class MerchantQuerySet(ScopedQuerySet):
    def verifiable(self) -> Self:
        return self.filter(status=Merchant.Status.ACTIVE)


class Merchant(PathFromMixin, models.Model):
    class Category(models.TextChoices):
        SUPERMARKET = "supermarket", _("超市")
        ELECTRONICS = "electronics", _("家电数码")
        PHARMACY = "pharmacy", _("药房")
        DINING = "dining", _("餐饮")
        APPAREL = "apparel", _("服饰")
        BOOKS = "books", _("图书文化")
        LEISURE = "leisure", _("休闲健身")
        EYEWEAR = "eyewear", _("眼镜")
        SERVICES = "services", _("生活服务")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        ACTIVE = "active", _("合作中")
        SUSPENDED = "suspended", _("已暂停")
        ENDED = "ended", _("已终止")

    name = models.CharField(_("商户名称"), max_length=120)
    category = models.CharField(_("类别"), max_length=16, choices=Category)
    status = models.CharField(_("状态"), max_length=12, choices=Status, default=Status.ACTIVE)
    agreement_start = models.DateField(_("协议开始"))
    agreement_end = models.DateField(_("协议结束"))
    contact = models.CharField(_("联系人"), max_length=60, blank=True)
    # The federation that signed the agreement; its staff manage the merchant.
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("签约工会"))
    path = models.CharField(max_length=255, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MerchantQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("优惠商户")
        verbose_name_plural = _("优惠商户")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement_end__gte=F("agreement_start")), name="merchant_agreement_period"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    path_from = "node"


class MerchantStatusChange(models.Model):
    """One move of a merchant's status (suspended, resumed, ended), for the partner merchants
    as of a past day: the status then is the `from_status` of the first change after it."""

    merchant = models.ForeignKey(Merchant, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=12, choices=Merchant.Status)
    to_status = models.CharField(max_length=12, choices=Merchant.Status)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("商户状态变更")
        verbose_name_plural = _("商户状态变更")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["merchant", "at"], name="merchant_change_at")]


class Store(PathFromMixin, models.Model):
    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="stores")
    name = models.CharField(_("门店名称"), max_length=120)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    active = models.BooleanField(_("营业中"), default=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("门店")
        verbose_name_plural = _("门店")
        default_manager_name = "unscoped"

    def __str__(self) -> str:
        return self.name

    path_from = "merchant"


class CashierAccount(models.Model):
    """Links a CASHIER account to the one store it works at."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cashier_account",
        limit_choices_to={"role": Role.CASHIER},
    )
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="cashiers")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("收银员账号")
        verbose_name_plural = _("收银员账号")


class DiscountRule(PathFromMixin, models.Model):
    """A discount a merchant gives card holders in a period (a campaign), with limits."""

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="rules")
    name = models.CharField(_("规则名称"), max_length=120)
    rate = models.DecimalField(_("折扣率"), max_digits=4, decimal_places=2)  # 0.10 = 10% off
    cap = models.DecimalField(_("单笔优惠上限（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    per_member_limit = models.PositiveIntegerField(_("每位会员限用次数"), null=True, blank=True)
    campaign_limit = models.PositiveIntegerField(_("活动总次数上限"), null=True, blank=True)
    used = models.PositiveIntegerField(_("已用次数"), default=0)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    active = models.BooleanField(_("有效"), default=True)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("折扣规则")
        verbose_name_plural = _("折扣规则")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=MIN_RATE) & Q(rate__lte=MAX_RATE), name="rule_rate_10_to_45"
            ),
            models.CheckConstraint(condition=Q(cap__isnull=True) | Q(cap__gt=0), name="rule_cap_positive"),
            models.CheckConstraint(
                condition=Q(campaign_limit__isnull=True) | Q(used__lte=F("campaign_limit")),
                name="rule_campaign_limit_holds",
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="rule_period"),
        ]

    def __str__(self) -> str:
        return self.name

    path_from = "merchant"

    @property
    def percent_off(self) -> str:
        return f"{self.rate * 100:.0f}%"


class RuleMemberUsage(models.Model):
    """How often one member used one rule: the per-member limit is a conditional UPDATE on it."""

    rule = models.ForeignKey(DiscountRule, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rule", "member"], name="rule_usage_once_per_member")]


class SaleQuerySet(ScopedQuerySet):
    owner_field = "member__user"

    def visible_to(self, user: Any) -> Self:
        """A cashier sees its own store's sales and nothing else."""
        if getattr(user, "role", None) == Role.CASHIER:
            qs = (
                self.filter(store__cashiers__user=user, store__cashiers__active=True)
                if user.is_active
                else self.none()
            )
            qs._scoped = True
            return qs
        return super().visible_to(user)


class Sale(models.Model):
    """One discounted sale at a counter. The idempotency key makes a retried POST one sale."""

    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="sales")
    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="sales")
    rule = models.ForeignKey(DiscountRule, on_delete=models.PROTECT, related_name="sales")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    cashier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    amount = models.DecimalField(_("消费金额"), max_digits=12, decimal_places=2)
    discount = models.DecimalField(_("优惠金额"), max_digits=12, decimal_places=2)
    idempotency_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)
    # The member's union: a street sees its own members' discounts; the district sees all.
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = SaleQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("优惠交易")
        verbose_name_plural = _("优惠交易")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="sale_amount_positive"),
            models.CheckConstraint(condition=Q(discount__gte=0), name="sale_discount_not_negative"),
            # At most 45% off. SQLite compares decimals as floating point; a tenth of
            # a cent of slack absorbs that and is still below the smallest coin.
            models.CheckConstraint(
                condition=Q(discount__lte=F("amount") * MAX_RATE + Decimal("0.001")),
                name="sale_discount_at_most_45",
            ),
        ]
        indexes = [models.Index(fields=["merchant", "created_at"], name="sale_merchant_day")]

    @property
    def paid(self) -> Decimal:
        return self.amount - self.discount

    @property
    def number(self) -> str:
        return record_number(SALE, self.created_at, self.pk)
