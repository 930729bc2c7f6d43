from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.lib.crypto import EncryptedTextField
from gonghui.lib.roles import STAFF_ROLES, TOTP_ROLES, Role


class User(AbstractUser):
    role = models.CharField(_("角色"), max_length=20, choices=Role, default=Role.MEMBER)
    node = models.ForeignKey(
        "organizations.Node", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("所属组织")
    )
    member = models.OneToOneField(
        "members.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="user"
    )
    totp_secret = EncryptedTextField(blank=True, default="")
    # The time step of the last TOTP code accepted: a code is good for one login only.
    totp_last_step = models.BigIntegerField(default=0)
    # Members log in by phone; the blind index finds them without the number.
    phone_index = models.CharField(max_length=40, blank=True, default="", db_index=True)
    phone = EncryptedTextField(blank=True, default="")

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=STAFF_ROLES) | models.Q(node__isnull=False),
                name="staff_user_has_node",
            )
        ]

    @property
    def is_backoffice(self) -> bool:
        return self.role in STAFF_ROLES and self.node_id is not None

    @property
    def scope_path(self) -> str | None:
        """The tree prefix this account may read in the back office; None for none."""
        if not self.is_active or not self.is_backoffice:
            return None
        return self.node.path  # type: ignore[union-attr]

    @property
    def needs_totp(self) -> bool:
        return self.role in TOTP_ROLES

    @property
    def can_reveal(self) -> bool:
        return self.is_backoffice


class LoginThrottle(models.Model):
    """Failures per account or per IP; each failure past the allowance doubles the
    wait, capped, so an attacker is slowed and a real user is never locked out for good."""

    key = models.CharField(max_length=200, unique=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True)
    last_failure_at = models.DateTimeField(null=True)


class OneTimeCode(models.Model):
    phone_index = models.CharField(max_length=40, db_index=True)
    code_hash = models.CharField(max_length=64)
    ip = models.GenericIPAddressField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True)
    attempts = models.PositiveSmallIntegerField(default=0)


class SmsBudget(models.Model):
    """Codes sent today under one budget (a phone's blind index, an IP, or all of them): taken
    by a conditional UPDATE, so parallel requests never send past the day's limit."""

    key = models.CharField(max_length=80)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)
    alerted = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "day"], name="sms_budget_key_day")]
