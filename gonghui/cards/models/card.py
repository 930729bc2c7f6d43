from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.lib.scoping import (
    DistrictKeyed,
    DistrictKeyField,
    PathFromMixin,
    ScopedQuerySet,
    district_key_constraint,
)
from gonghui.members.models import Member


class CardQuerySet(ScopedQuerySet):
    owner_field = "member__user"

    def live(self) -> Self:
        return self.filter(status__in=Card.LIVE)


class Card(PathFromMixin, DistrictKeyed, models.Model):
    """工会会员服务卡: one physical card number at a time per member; the e-card is
    the QR pass the portal shows while the card is active.

    A card carries its member's path and district key, and moves with them (`cards.receivers`):
    a city's cluster keeps it on its member's shard (docs/scale-out.md), and its lists and
    figures read one table."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("已制卡待激活")
        ACTIVE = "active", _("正常")
        SUSPENDED = "suspended", _("已停用")
        LOST = "lost", _("已挂失")
        REPLACED = "replaced", _("已补换")
        CLOSED = "closed", _("已注销")

    LIVE = (Status.ISSUED, Status.ACTIVE, Status.SUSPENDED, Status.LOST)

    card_no = models.CharField(_("卡号"), max_length=20, unique=True)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("会员"))
    status = models.CharField(_("状态"), max_length=12, choices=Status, default=Status.ISSUED)
    issued_at = models.DateTimeField(_("制卡时间"))
    activated_at = models.DateTimeField(_("激活时间"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    # Bumped when the e-card is replaced: QR passes shown before stop working.
    ecard_version = models.PositiveIntegerField(default=1)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    path = models.CharField(max_length=255, editable=False)  # the member's
    district = DistrictKeyField()

    path_from = "member"
    objects = CardQuerySet.as_manager()
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("会员服务卡")
        verbose_name_plural = _("会员服务卡")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status__in=["issued", "active", "suspended", "lost"]),
                name="card_one_live_per_member",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(activated_at__isnull=False), name="card_active_has_date"
            ),
            district_key_constraint("card_district_key"),
        ]
        indexes = [
            models.Index(fields=["status", "member"], name="card_status_member"),
            models.Index(fields=["path"], name="card_path", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.card_no

    @property
    def masked_no(self) -> str:
        return self.card_no[:4] + " **** " + self.card_no[-4:]


class CardStatusChange(models.Model):
    """One move of a card's status, so a stock as of any past day can be read back: the card's
    status on a day is the `from_status` of its first change after that day, or today's status
    when nothing has changed since. Issuing a card is not a change (its issue time says it)."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=12, choices=Card.Status)
    to_status = models.CharField(max_length=12, choices=Card.Status)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("服务卡状态变更")
        verbose_name_plural = _("服务卡状态变更")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["card", "at"], name="card_change_card_at")]
