"""The member's QR pass: what the e-card shows, what a cashier, a venue door or a
service point scans. The QR holds a random id and a signature, nothing personal;
it lives 120 seconds and can be used once (MO-3, MO-4). Modules that scan it
(cards, culture, services) call `pass_redeem` with their own purpose."""

import datetime
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core import signing
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.db import load_row, select_list

from .models import Member, MemberPass, MemberStatus

LIFETIME = datetime.timedelta(seconds=120)
SALT = "gonghui.member-pass"
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: it is typed by cashiers
CODE_LENGTH = 10


class PassRefused(Exception):
    """The message says why, in Chinese, for the person at the counter."""


@dataclass(frozen=True)
class IssuedPass:
    token: str  # goes into the QR code
    code: str  # printed under it, for typing when the camera fails
    expires_at: datetime.datetime


@dataclass(frozen=True)
class Beside:
    """A scanning module's own read, made in the pass's statement (one round trip less on
    every scan): an uncorrelated query of at most one row. `check` gets its columns (all None
    if it found nothing) and may refuse before the pass itself is judged."""

    sql: str
    params: Sequence[Any]
    check: Callable[[Sequence[Any]], None]


def pass_issue(*, member: Member) -> IssuedPass:
    if member.status != MemberStatus.ACTIVE or member.id_problem:
        raise PassRefused(_("会籍状态异常，无法出示会员码。"))
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    expires = timezone.now() + LIFETIME
    MemberPass.objects.create(code=code, member=member, expires_at=expires)
    return IssuedPass(token=signing.dumps(code, salt=SALT), code=code, expires_at=expires)


def _code_from(scanned: str) -> str:
    text = scanned.strip()
    if len(text) == CODE_LENGTH:
        return text.upper()
    try:
        return str(signing.loads(text, salt=SALT, max_age=LIFETIME))
    except signing.SignatureExpired:
        raise PassRefused(_("会员码已过期，请刷新后重新出示。")) from None
    except signing.BadSignature:
        raise PassRefused(_("无效的会员码。")) from None


@cache
def _pass_sql(test: str = "TRUE", beside: str = "") -> str:
    columns = f"{select_list(MemberPass, 'p')}, {select_list(Member, 'm')}, ({test})"
    joined = "members_memberpass p JOIN members_member m ON m.id = p.member_id"
    if beside:
        columns, joined = f"{columns}, x.*", f"{joined} LEFT JOIN ({beside}) x ON TRUE"
    return f"SELECT {columns} FROM {joined} WHERE p.code = %s"


def _find(
    code: str, test: str = "TRUE", params: Sequence[Any] = (), beside: Beside | None = None
) -> tuple[MemberPass, bool, Sequence[Any]]:
    """The pass with its member, in one hand-written query (every scan at every counter runs
    it), the answer to `test`, an SQL condition on the member `m`, and the columns of the read
    `beside` it."""
    sql = _pass_sql(test, beside.sql if beside else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(beside.params if beside else ()), code])
        row = cursor.fetchone()
    if row is None:
        raise PassRefused(_("无效的会员码。"))
    width = len(MemberPass._meta.concrete_fields) + len(Member._meta.concrete_fields)
    found, member = load_row(row[:width], (MemberPass, Member))
    found.member = member
    return found, bool(row[width]), row[width + 1 :]


def pass_peek(*, scanned: str) -> Member:
    """Who the pass belongs to, without using it (the cashier sees valid/invalid first)."""
    return pass_peek_asking(scanned=scanned, test="TRUE")[0]


def pass_peek_asking(
    *, scanned: str, test: str, params: Sequence[Any] = (), beside: Beside | None = None
) -> tuple[Member, bool]:
    """pass_peek, and in the same query a yes/no question of the scanning module's about the
    member: `test` is an SQL condition on `m` (e.g. "holds an active card"); `beside`, the
    module's own read, is checked before the pass."""
    found, answer, columns = _find(_code_from(scanned), test, params, beside)
    if beside is not None:
        beside.check(columns)
    _check(found)
    return found.member, answer


def _check(found: MemberPass) -> None:
    if found.used_at is not None:
        raise PassRefused(_("该会员码已使用，请刷新后重新出示。"))
    if found.expires_at <= timezone.now():
        raise PassRefused(_("会员码已过期，请刷新后重新出示。"))
    if found.member.status != MemberStatus.ACTIVE or found.member.id_problem:
        raise PassRefused(_("会籍状态异常。"))


@transaction.atomic
def pass_redeem(*, scanned: str, purpose: str, actor: Any, audit: AuditContext = NO_REQUEST) -> Member:
    """Use the pass once: only the request whose conditional UPDATE flips used_at wins."""
    code = _code_from(scanned)
    found, _answer, _beside = _find(code)
    _check(found)
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
