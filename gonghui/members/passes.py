"""The member's QR pass: what the e-card shows, what a cashier, a venue door or a
service point scans. The QR holds a random id and a signature, nothing personal;
it lives 120 seconds and can be used once (MO-3, MO-4). Modules that scan it
(cards, culture, services) call `pass_redeem` with their own purpose; a module that
reads the pass in a statement of its own, beside its own records, judges it with
`pass_code` (before the read) and `pass_check` (after it)."""

import datetime
import secrets
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.core import signing
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.db import load_row, select_list

from .models import Member, MemberPass, MemberStatus

if TYPE_CHECKING:
    from gonghui.accounts.models import User

LIFETIME = datetime.timedelta(seconds=120)
SALT = "gonghui.member-pass"
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: it is typed by cashiers
CODE_LENGTH = 10


class PassRefused(Exception):
    """The message says why, in Chinese, for the person at the counter."""


class PassUnknown(PassRefused):
    """No pass has this code, or the token was not signed by us."""

    def __init__(self) -> None:
        super().__init__(_("无效的会员码。"))


@dataclass(frozen=True)
class IssuedPass:
    token: str  # goes into the QR code
    code: str  # printed under it, for typing when the camera fails
    expires_at: datetime.datetime


def pass_issue(*, member: Member) -> IssuedPass:
    if member.status != MemberStatus.ACTIVE or member.id_problem:
        raise PassRefused(_("会籍状态异常，无法出示会员码。"))
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    expires = timezone.now() + LIFETIME
    MemberPass.objects.create(code=code, member=member, expires_at=expires)
    return IssuedPass(token=signing.dumps(code, salt=SALT), code=code, expires_at=expires)


def pass_code(scanned: str) -> str:
    """The code a scan carries: the signed token of the QR, or the code typed under it.
    A bad signature or an expired token is refused here, before anything is read."""
    text = scanned.strip()
    if len(text) == CODE_LENGTH:
        return text.upper()
    try:
        return str(signing.loads(text, salt=SALT, max_age=LIFETIME))
    except signing.SignatureExpired:
        raise PassRefused(_("会员码已过期，请刷新后重新出示。")) from None
    except signing.BadSignature:
        raise PassUnknown from None


def pass_check(found: MemberPass) -> None:
    """Refuse a pass already used, expired, or whose member is not in good standing. The pass
    is read with its member (`found.member` loaded in the same statement)."""
    if found.used_at is not None:
        raise PassRefused(_("该会员码已使用，请刷新后重新出示。"))
    if found.expires_at <= timezone.now():
        raise PassRefused(_("会员码已过期，请刷新后重新出示。"))
    if found.member.status != MemberStatus.ACTIVE or found.member.id_problem:
        raise PassRefused(_("会籍状态异常。"))


@cache
def _pass_sql() -> str:
    passes, members = (connection.ops.quote_name(model._meta.db_table) for model in (MemberPass, Member))
    return (
        f"SELECT {select_list(MemberPass, 'p')}, {select_list(Member, 'm')} "
        f"FROM {passes} p JOIN {members} m ON m.id = p.member_id WHERE p.code = %s"
    )


def _find(code: str) -> MemberPass:
    """The pass with its member, in one hand-written query (every scan runs it)."""
    with connection.cursor() as cursor:
        cursor.execute(_pass_sql(), [code])
        row = cursor.fetchone()
    if row is None:
        raise PassUnknown
    instances = load_row(row, (MemberPass, Member))
    found: MemberPass = instances[0]
    found.member = instances[1]
    return found


def pass_peek(*, scanned: str) -> Member:
    """Who the pass belongs to, without using it (the cashier sees valid/invalid first)."""
    found = _find(pass_code(scanned))
    pass_check(found)
    return found.member


@transaction.atomic
def pass_redeem(
    *, scanned: str, purpose: str, actor: "User | None", audit: AuditContext = NO_REQUEST
) -> Member:
    """Use the pass once: only the request whose conditional UPDATE flips used_at wins."""
    code = pass_code(scanned)
    found = _find(code)
    pass_check(found)
    now = timezone.now()
    won = MemberPass.objects.filter(code=code, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now, purpose=purpose[:32]
    )
    if not won:
        raise PassRefused(_("该会员码已使用，请刷新后重新出示。"))
    audit_record(
        actor=actor, action="pass.redeem", target=found.member, audit=audit, detail={"purpose": purpose}
    )
    return found.member
