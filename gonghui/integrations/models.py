"""API tokens for the federation's other systems (the city platform, a merchant's till, a
mini-program): each scoped to a node and a set of permissions, acting as an account of its own
(`actor`), so every read is scoped by `visible_to` and every write audited like a person's."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import PathFromMixin, ScopedQuerySet
from gonghui.organizations.models import Node

PREFIX = "gh"  # a token reads gh_<prefix>_<secret>


class Permission(models.TextChoices):
    TREE_READ = "tree.read", _("读取组织树和用人单位")
    MEMBERS_READ = "members.read", _("读取会员信息（脱敏）")
    KPIS_READ = "kpis.read", _("读取工作指标")
    BOOKINGS_READ = "culture.bookings.read", _("读取会员的文体预约")
    CASES_READ = "disputes.cases.read", _("读取争议案件状态")
    CARDS_VERIFY = "cards.verify", _("收银终端核验会员码")
    CARDS_SALE = "cards.sale", _("收银终端记录优惠交易")


# A till acts as a cashier bound to one store: it may use the counter and nothing else.
TILL_PERMISSIONS = frozenset({Permission.CARDS_VERIFY, Permission.CARDS_SALE})


class ApiToken(PathFromMixin, models.Model):
    class Kind(models.TextChoices):
        SYSTEM = "system", _("系统对接（按组织范围读取）")
        TILL = "till", _("商户收银终端")

    name = models.CharField(_("名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=8, choices=Kind, default=Kind.SYSTEM)
    # Reads and writes reach this node's subtree, as a staff account of the node would.
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+", verbose_name=_("组织范围"))
    path = models.CharField(max_length=255, editable=False, db_index=True)
    # The account the token acts as: scoping and the audit log name it (username api-<prefix>).
    actor = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_token")
    permissions = models.JSONField(_("权限"), default=list)
    prefix = models.CharField(max_length=16, unique=True)
    # A keyed digest of the secret (lib.crypto.blind_index); the secret itself is shown once.
    secret_hash = models.CharField(max_length=64)
    rate_per_minute = models.PositiveIntegerField(_("每分钟请求上限"), default=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    unscoped = models.Manager()

    path_from = "node"

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        default_manager_name = "unscoped"
        constraints = [
            models.CheckConstraint(
                condition=Q(rate_per_minute__gte=1, rate_per_minute__lte=6000), name="api_token_rate_bounded"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked(self) -> str:
        return f"{PREFIX}_{self.prefix}_…"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def allows(self, permission: str) -> bool:
        return permission in self.permissions


class IdempotencyKey(models.Model):
    """A key an API client sent with a write, bound to the first request's fingerprint: the same
    request again gets the first result, a different one under the same key is refused."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=40)  # which write: "cards.sale"
    key = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "scope", "key"], name="idempotency_key_once"),
        ]
