"""The writes of API tokens: made (the secret shown once), revoked, checked on every request,
and the idempotency keys of the writes an integrator sends."""

import datetime
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.crypto import blind_index
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from .errors import IntegrationsError, KeyReused
from .models import PREFIX, TILL_PERMISSIONS, ApiToken, IdempotencyKey, Permission

MAX_DAYS = 730
MAX_RATE = 6000
DIGEST_PURPOSE = "api-token"

__all__ = [
    "IntegrationsError",
    "KeyReused",
    "fingerprint",
    "idempotency_claim",
    "token_authenticate",
    "token_create",
    "token_revoke",
    "token_touch",
]


def _digest(secret: str) -> str:
    return blind_index(secret, purpose=DIGEST_PURPOSE)


def _actor_role(kind: str, node: Node) -> Role:
    if kind == ApiToken.Kind.TILL:
        return Role.CASHIER
    if node.kind == Node.Kind.DISTRICT:
        return Role.DISTRICT_STAFF
    if node.kind == Node.Kind.STREET:
        return Role.STREET_CADRE
    return Role.GRASSROOTS_CHAIR


def _checked_permissions(kind: str, permissions: Iterable[str]) -> list[str]:
    chosen = sorted(set(permissions))
    if not chosen:
        raise IntegrationsError(_("请至少选择一项权限。"))
    if not set(chosen) <= set(Permission.values):
        raise IntegrationsError(_("无效的权限。"))
    if kind == ApiToken.Kind.TILL and not set(chosen) <= TILL_PERMISSIONS:
        raise IntegrationsError(_("收银终端令牌只能核验会员码和记录优惠交易。"))
    if kind == ApiToken.Kind.SYSTEM and set(chosen) & TILL_PERMISSIONS:
        raise IntegrationsError(_("核验和记录交易只能授予收银终端令牌。"))
    return chosen


@transaction.atomic
def token_create(
    *,
    name: str,
    node: Node,
    permissions: Iterable[str],
    days: int,
    actor: User,
    kind: str = ApiToken.Kind.SYSTEM,
    rate_per_minute: int = 120,
    audit: AuditContext = NO_REQUEST,
) -> tuple[ApiToken, str]:
    """A token and its secret, which is returned here once and never stored: only its keyed
    digest is. District staff make tokens for a node of their own subtree."""
    scope = actor.scope_path
    if actor.role != Role.DISTRICT_STAFF or scope is None or not node.path.startswith(scope):
        raise IntegrationsError(_("只有区总工会工作人员可以为本辖区创建接口令牌。"))
    name = name.strip()
    if not 1 <= len(name) <= 80:
        raise IntegrationsError(_("请填写令牌名称（不超过80字）。"))
    if kind not in ApiToken.Kind.values:
        raise IntegrationsError(_("无效的令牌类型。"))
    chosen = _checked_permissions(kind, permissions)
    if not 1 <= days <= MAX_DAYS:
        raise IntegrationsError(_("有效期应在1到%(n)s天之间。") % {"n": MAX_DAYS})
    if not 1 <= rate_per_minute <= MAX_RATE:
        raise IntegrationsError(_("每分钟请求上限应在1到%(n)s之间。") % {"n": MAX_RATE})
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    account = User(
        username=f"api-{prefix}",
        role=_actor_role(kind, node),
        node=None if kind == ApiToken.Kind.TILL else node,
    )
    account.set_unusable_password()
    account.save()
    token = ApiToken(
        name=name,
        kind=kind,
        node=node,
        actor=account,
        permissions=chosen,
        prefix=prefix,
        secret_hash=_digest(secret),
        rate_per_minute=rate_per_minute,
        created_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    token.save()
    audit_record(
        actor=actor,
        action="integrations.token.create",
        target=token,
        audit=audit,
        detail={"kind": kind, "node": node.pk, "permissions": chosen, "account": account.username},
    )
    return token, f"{PREFIX}_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: User, audit: AuditContext = NO_REQUEST) -> ApiToken:
    """From the next request on the token is refused; its account can no longer act."""
    locked = ApiToken.unscoped.select_for_update().select_related("actor").get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        User.objects.filter(pk=locked.actor_id).update(is_active=False)
    audit_record(actor=actor, action="integrations.token.revoke", target=locked, audit=audit)
    return locked


def _parse(raw: str) -> tuple[str, str] | None:
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not 1 <= len(parts[1]) <= 16 or not parts[2]:
        return None
    return parts[1], parts[2][:200]


def token_authenticate(raw: str, *, audit: AuditContext = NO_REQUEST) -> ApiToken | None:
    """The token a bearer secret names, if it is valid now; None otherwise. The digests are
    compared in constant time; a refused use of a known token is audited."""
    parsed = _parse(raw)
    if parsed is None:
        return None
    prefix, secret = parsed
    token = ApiToken.unscoped.select_related("actor__node", "node").filter(prefix=prefix).first()
    presented = _digest(secret)
    if token is None:
        return None
    reason = ""
    if not hmac.compare_digest(presented, token.secret_hash):
        reason = "secret"
    elif token.revoked_at is not None:
        reason = "revoked"
    elif token.expires_at <= timezone.now():
        reason = "expired"
    elif not token.actor.is_active:
        reason = "inactive"
    if reason:
        audit_record(
            actor=token.actor,
            action="integrations.token.use",
            target=token,
            result="denied",
            audit=audit,
            detail={"reason": reason},
        )
        return None
    return token


def token_touch(token: ApiToken) -> None:
    """Note when the token was last used (once a window, not a write per request)."""
    now = timezone.now()
    ApiToken.unscoped.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def fingerprint(body: dict[str, Any]) -> str:
    """The digest of a request's meaning (its fields, in a canonical order)."""
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def idempotency_claim(*, actor: User, scope: str, key: str, print_: str) -> bool:
    """Bind `key` to the request's fingerprint; True when the same request came before (a
    replay), KeyReused when the key was used for a different one. The unique constraint
    decides between requests sent at once."""
    try:
        with transaction.atomic():
            IdempotencyKey.objects.create(actor=actor, scope=scope, key=key, fingerprint=print_)
    except IntegrityError:
        first = IdempotencyKey.objects.get(actor=actor, scope=scope, key=key)
        if not hmac.compare_digest(first.fingerprint, print_):
            raise KeyReused(_("该幂等键已用于另一笔内容不同的请求。")) from None
        return True
    return False
