"""Delivery campaigns (送温暖, 送清凉, the five deliveries): budget, goods, target groups, the
recipient list built from the records, the sites and one delivery per person with its receipt."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet, scoped_queryset
from gonghui.members.models import Member, MemberGroup
from gonghui.organizations.models import Node

from .common import money


class CampaignKind(models.TextChoices):
    WARMTH = "warmth", _("送温暖")
    COOLING = "cooling", _("送清凉")
    TRAINING = "training", _("送培训")
    CARE = "care", _("送关爱")
    PROTECTION = "protection", _("送保障")
    CULTURE = "culture", _("送文化")


class GoodsKind(models.TextChoices):
    GOODS = "goods", _("实物慰问品")
    SERVICE = "service", _("服务")
    CASH = "cash", _("现金")
    CARD = "card", _("购物卡、储值卡")
    VOUCHER = "voucher", _("提货券、代金券")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("待审批")
    APPROVED = "approved", _("进行中")
    CLOSED = "closed", _("已结束")


class Campaign(PathFromMixin, models.Model):
    name = models.CharField(_("活动名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=12, choices=CampaignKind)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("主办组织"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    goods_kind = models.CharField(_("慰问形式"), max_length=10, choices=GoodsKind)
    goods = models.CharField(_("慰问物品或服务"), max_length=200)
    unit_value = money(_("每人标准（元）"))
    budget = money(_("预算（元）"))
    status = models.CharField(_("状态"), max_length=10, choices=CampaignStatus, default=CampaignStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    path = models.CharField(max_length=255, editable=False)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("慰问活动")
        verbose_name_plural = _("慰问活动")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(condition=Q(unit_value__gt=0), name="care_campaign_unit_value_positive"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="care_campaign_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="care_campaign_ends_after_it_starts"
            ),
            # Maker-checker: an approved campaign was approved by someone other than its maker.
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(approved_by__isnull=False) & ~Q(approved_by=F("created_by"))),
                name="care_campaign_approved_by_a_second_person",
            ),
        ]
        indexes = [
            models.Index(
                fields=["path", "starts_on"],
                name="care_campaign_path",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignTarget(models.Model):
    """A target group: the members of a subtree (optionally of some industries: construction,
    sanitation…), or a member list another module keeps (a competition's front line)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    industries = models.JSONField(default=list, blank=True)
    group = models.ForeignKey(MemberGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    label = models.CharField(_("对象"), max_length=160)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(node__isnull=False, group__isnull=True)
                | Q(node__isnull=True, group__isnull=False),
                name="care_target_node_or_group",
            )
        ]

    def __str__(self) -> str:
        return self.label


class Site(PathFromMixin, models.Model):
    """Where the goods are handed over: a construction site, a sanitation depot, a station."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="sites")
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("所在组织"))
    name = models.CharField(_("慰问点"), max_length=120)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    on_day = models.DateField(_("慰问日期"))
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        default_manager_name = "unscoped"
        ordering = ["on_day", "name"]

    def __str__(self) -> str:
        return self.name


class Recipient(PathFromMixin, models.Model):
    """One person on a campaign's list, built from the records; the path is the member's."""

    # The unique (campaign, member) index serves look-ups by campaign: no index of its own.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="recipients", db_index=False
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=160)
    path = models.CharField(max_length=255, editable=False)

    objects = scoped_queryset(owner="member__user").as_manager()
    unscoped = models.Manager()

    path_from = "member"

    class Meta:
        default_manager_name = "unscoped"
        constraints = [models.UniqueConstraint(fields=["campaign", "member"], name="care_recipient_once")]
        indexes = [
            models.Index(fields=["path"], name="care_recipient_path", opclasses=["varchar_pattern_ops"])
        ]


class ReceiptKind(models.TextChoices):
    PASS = "pass", _("扫会员码")
    SIGNATURE = "signature", _("手写签名")


class Delivery(PathFromMixin, models.Model):
    """A person served, with a real-name receipt. The same person is served at most once in a
    campaign, by constraint: a second scan anywhere, even at the same moment, is refused."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="deliveries", db_index=False
    )  # the unique (campaign, member) index serves it
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="deliveries")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=CampaignKind)  # the campaign's, for figures by kind
    value = money(_("价值（元）"))
    receipt = models.CharField(_("签收方式"), max_length=10, choices=ReceiptKind)
    signature = EncryptedTextField(blank=True, default="")  # a PNG drawn on the cadre's phone
    delivered_at = models.DateTimeField(_("签收时间"))
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", db_index=False
    )
    path = models.CharField(max_length=255, editable=False)

    objects = scoped_queryset(owner="member__user").as_manager()
    unscoped = models.Manager()

    path_from = "member"

    class Meta:
        verbose_name = _("慰问签收")
        verbose_name_plural = _("慰问签收")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "member"], name="care_delivery_once_per_campaign"),
            models.CheckConstraint(condition=Q(value__gt=0), name="care_delivery_value_positive"),
            models.CheckConstraint(
                condition=~Q(receipt="signature") | ~Q(signature=""), name="care_delivery_signed"
            ),
        ]
        indexes = [
            models.Index(
                fields=["path", "delivered_at"],
                name="care_delivery_path",
                opclasses=["varchar_pattern_ops", "timestamptz_ops"],
            ),
        ]
