"""Logins: staff password (+TOTP), member phone + one-time SMS code, throttling."""

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.ids import InvalidPhone, normalize_phone
from gonghui.lib.roles import Role
from gonghui.members.identity import phone_blind_index
from gonghui.members.models import Member, MemberStatus

from .budgets import budget_take, budgets_for
from .models import LoginThrottle, OneTimeCode, User
from .sms import gateway

FREE_FAILURES = 5
MAX_LOCK = datetime.timedelta(hours=1)
CODE_LIFETIME = datetime.timedelta(minutes=10)
CODE_ATTEMPTS = 5
CODES_PER_PHONE_PER_HOUR = 5
CODES_PER_IP_PER_HOUR = 20
CODE_RESEND_AFTER = datetime.timedelta(seconds=60)


class LoginRefused(Exception):
    """The message is shown to the person as it is."""


# --- throttling ------------------------------------------------------------


def _lock_remaining(keys: list[str]) -> datetime.timedelta | None:
    now = timezone.now()
    locked = (
        LoginThrottle.objects.filter(key__in=keys, locked_until__gt=now).order_by("-locked_until").first()
    )
    return locked.locked_until - now if locked and locked.locked_until else None


def _register_failure(keys: list[str]) -> None:
    now = timezone.now()
    for key in keys:
        LoginThrottle.objects.get_or_create(key=key)
        LoginThrottle.objects.filter(key=key).update(failures=F("failures") + 1, last_failure_at=now)
        failures = LoginThrottle.objects.get(key=key).failures
        if failures >= FREE_FAILURES:
            wait = min(datetime.timedelta(seconds=30 * 2 ** (failures - FREE_FAILURES)), MAX_LOCK)
            LoginThrottle.objects.filter(key=key).update(locked_until=now + wait)


def _refuse_if_locked(keys: list[str]) -> None:
    remaining = _lock_remaining(keys)
    if remaining:
        minutes = max(1, round(remaining.total_seconds() / 60))
        raise LoginRefused(_("尝试次数过多，请 %(minutes)s 分钟后再试。") % {"minutes": minutes})


# --- staff -----------------------------------------------------------------


def staff_login(*, audit: AuditContext, username: str, password: str, totp: str) -> User:
    keys = [f"user:{username.lower()}", f"ip:{audit.ip}"]
    _refuse_if_locked(keys)
    found = authenticate(None, username=username, password=password)
    user = found if isinstance(found, User) and found.role != Role.MEMBER else None
    if user is not None and user.needs_totp and not _totp_accepted(user, totp.strip()):
        user = None
    with transaction.atomic():
        if user is not None:
            LoginThrottle.objects.filter(key=keys[0]).delete()
            audit_record(actor=user, action="login.staff", audit=audit, detail={"agent": audit.user_agent})
        else:
            _register_failure(keys)
            audit_record(
                actor=None,
                action="login.staff",
                result="denied",
                audit=audit,
                detail={"username": username[:150]},
            )
    if user is None:
        raise LoginRefused(_("用户名、密码或动态口令不正确。"))
    return user


def _totp_accepted(user: User, code: str) -> bool:
    """The code of the current 30-second step or the one either side, used once: the step is
    recorded by a conditional UPDATE, so a replayed code (or two logins racing with one code)
    is refused."""
    if not user.totp_secret or not code:
        return False
    totp, now = pyotp.TOTP(user.totp_secret), timezone.now()
    for drift in (0, -1, 1):
        at = now + datetime.timedelta(seconds=drift * totp.interval)
        if hmac.compare_digest(totp.at(at), code):
            step = totp.timecode(at)
            return bool(User.objects.filter(pk=user.pk, totp_last_step__lt=step).update(totp_last_step=step))
    return False


# --- members ---------------------------------------------------------------


def _code_hash(phone_index: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{phone_index}:{code}".encode(), hashlib.sha256).hexdigest()


def _phone(raw: str) -> str:
    try:
        return normalize_phone(raw)
    except InvalidPhone as exc:
        raise LoginRefused(str(exc)) from None


def sms_code_send(*, audit: AuditContext, phone: str) -> None:
    """One code to a mobile number, within the hourly limits and the daily budgets (SMS
    pumping); the portal asks its challenge before it calls this."""
    mobile = _phone(phone)
    index = phone_blind_index(mobile)
    now = timezone.now()
    hour_ago = now - datetime.timedelta(hours=1)
    recent = OneTimeCode.objects.filter(phone_index=index, created_at__gte=hour_ago)
    if recent.filter(created_at__gte=now - CODE_RESEND_AFTER).exists():
        raise LoginRefused(_("验证码已发送，请 60 秒后再试。"))
    if recent.count() >= CODES_PER_PHONE_PER_HOUR or (
        OneTimeCode.objects.filter(ip=audit.ip, created_at__gte=hour_ago).count() >= CODES_PER_IP_PER_HOUR
    ):
        raise LoginRefused(_("获取验证码过于频繁，请稍后再试。"))
    if refused := budget_take(budgets_for(phone_index=index, ip=audit.ip), audit=audit):
        raise LoginRefused(refused.message)
    code = f"{secrets.randbelow(10**6):06d}"
    OneTimeCode.objects.create(
        phone_index=index,
        code_hash=_code_hash(index, code),
        ip=audit.ip,
        expires_at=now + CODE_LIFETIME,
    )
    gateway().send(mobile, _("【工会】您的登录验证码是 %(code)s，10 分钟内有效。") % {"code": code})


@dataclass(frozen=True)
class MemberLogin:
    user: User
    member: Member | None


def sms_code_verify(*, audit: AuditContext, phone: str, code: str) -> MemberLogin:
    mobile = _phone(phone)
    index = phone_blind_index(mobile)
    now = timezone.now()
    pending = OneTimeCode.objects.filter(phone_index=index, used_at__isnull=True, expires_at__gt=now)
    latest = pending.order_by("-created_at").first()
    refused = LoginRefused(_("验证码不正确或已过期。"))
    if latest is None or latest.attempts >= CODE_ATTEMPTS:
        raise refused
    OneTimeCode.objects.filter(pk=latest.pk).update(attempts=F("attempts") + 1)
    if not hmac.compare_digest(latest.code_hash, _code_hash(index, code.strip())):
        audit_record(actor=None, action="login.member", result="denied", audit=audit)
        raise refused
    # Single use: only the request that flips used_at wins.
    if not OneTimeCode.objects.filter(pk=latest.pk, used_at__isnull=True).update(used_at=now):
        raise refused
    return _member_user(audit, mobile, index)


@transaction.atomic
def _member_user(audit: AuditContext, mobile: str, index: str) -> MemberLogin:
    member = (
        Member.unscoped.filter(phone_index=index, id_problem="")
        .exclude(status__in=[MemberStatus.DECEASED, MemberStatus.TRANSFERRED])
        .order_by("-joined_on")
        .first()
    )
    user = User.objects.filter(phone_index=index, role=Role.MEMBER).first()
    if user is None:
        user = User(username=f"p{index[:24]}", role=Role.MEMBER, phone_index=index)
        user.set_unusable_password()
    if not user.is_active:
        raise LoginRefused(_("该账号已停用。"))
    user.member, user.phone = member, mobile
    user.save()
    audit_record(actor=user, action="login.member", audit=audit, detail={"agent": audit.user_agent})
    return MemberLogin(user=user, member=member)


def totp_now(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).now()


def role_change(*, user: User, role: str, node: Any, actor: User, audit: AuditContext = NO_REQUEST) -> User:
    with transaction.atomic():
        old = {"role": user.role, "node": user.node_id}
        user.role, user.node = role, node
        user.full_clean(exclude=["password"])
        user.save(update_fields=["role", "node"])
        audit_record(
            actor=actor,
            action="account.role_change",
            target=user,
            audit=audit,
            detail={"from": old, "to": {"role": role, "node": getattr(node, "pk", None)}},
        )
    return user
