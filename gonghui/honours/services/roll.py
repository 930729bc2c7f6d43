"""Writes on the honours roll: recording an honour and revoking one."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit

from ..errors import HonoursError
from ..models import CONFERRED_BY, INDIVIDUAL_KINDS, Honour, HonourKind
from .common import require_scope


@transaction.atomic
def honour_award(
    *,
    kind: str,
    awarded_on: datetime.date,
    actor: User,
    member: Member | None = None,
    node: Node | None = None,
    unit: Unit | None = None,
    recipient: str = "",
    conferred_by: str = "",
    citation: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Honour:
    """An individual honour names the member (and hangs at their union); a collective one names
    the collective, team or union and the node it belongs to."""
    if kind not in HonourKind.values:
        raise HonoursError(_("请选择荣誉类别。"), "kind")
    individual = kind in INDIVIDUAL_KINDS
    if individual and member is None:
        raise HonoursError(_("个人荣誉须填写会员。"), "member")
    if not individual:
        member = None
        if node is None or not recipient.strip():
            raise HonoursError(_("集体荣誉须填写获得集体的名称和所属工会。"), "recipient")
    where = member.path if member is not None else node.path  # type: ignore[union-attr]
    require_scope(actor, where)
    if awarded_on > timezone.localdate():
        raise HonoursError(_("授予日期不能晚于今天。"), "date")
    try:
        with transaction.atomic():
            honour = Honour(
                kind=kind,
                member=member,
                node=member.union if member is not None else node,
                unit=unit if unit is not None else (member.unit if member is not None else None),
                recipient=member.name if member is not None else recipient.strip(),
                conferred_by=conferred_by.strip() or CONFERRED_BY[HonourKind(kind)],
                awarded_on=awarded_on,
                citation=citation.strip()[:300],
            )
            honour.save()
    except IntegrityError:
        raise HonoursError(_("该会员已获得这一荣誉。"), "duplicate") from None
    audit_record(actor=actor, action="honours.honour.award", target=honour, audit=audit)
    return honour


@transaction.atomic
def honour_revoke(
    *,
    honour: Honour,
    reason: str,
    actor: User,
    on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Honour:
    require_scope(actor, honour.path)
    if not reason.strip():
        raise HonoursError(_("撤销时请填写原因。"), "reason")
    day = on or timezone.localdate()
    if day < honour.awarded_on:
        raise HonoursError(_("撤销日期不能早于授予日期。"), "date")
    if not Honour.unscoped.filter(pk=honour.pk, revoked_on__isnull=True).update(
        revoked_on=day, revoke_reason=reason.strip()[:200]
    ):
        raise HonoursError(_("该荣誉已撤销。"), "revoked")
    honour.refresh_from_db()
    audit_record(actor=actor, action="honours.honour.revoke", target=honour, audit=audit)
    return honour
