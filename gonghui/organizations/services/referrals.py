"""Writes of the spine's referrals: a module puts a matter to another module's deciding body
(see models.Referral); the deciding module records the decision; the first reads it back."""

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record

from ..models import Node, Referral

if TYPE_CHECKING:
    from gonghui.accounts.models import User


class ReferralError(ValueError):
    """The message says why, in Chinese."""


@transaction.atomic
def referral_open(
    *,
    source: str,
    node: Node,
    title: str,
    url: str = "",
    actor: "User | None",
    audit: AuditContext = NO_REQUEST,
) -> Referral:
    """Put a matter to the body of `node`. The same source may be put again once the earlier
    referral was rejected or withdrawn (a revised draft); never while one is pending or adopted."""
    referral = Referral.unscoped.select_for_update().filter(source=source).first()
    if referral is not None and referral.status in (Referral.Status.PENDING, Referral.Status.ADOPTED):
        raise ReferralError(_("该事项已提请审议。"))
    if referral is None:
        referral = Referral(source=source)
    referral.node, referral.title, referral.url = node, title, url
    referral.status, referral.decided_on, referral.decided_by, referral.detail = (
        Referral.Status.PENDING,
        None,
        "",
        {},
    )
    referral.save()
    audit_record(actor=actor, action="referral.open", target=referral, audit=audit, detail={"source": source})
    return referral


@transaction.atomic
def referral_decide(
    *,
    referral: Referral,
    adopted: bool,
    decided_by: str,
    on: datetime.date,
    detail: dict[str, Any] | None = None,
    actor: "User | None",
    audit: AuditContext = NO_REQUEST,
) -> Referral:
    """Record the body's decision, once: only a pending referral is decided."""
    status = Referral.Status.ADOPTED if adopted else Referral.Status.REJECTED
    moved = Referral.unscoped.filter(pk=referral.pk, status=Referral.Status.PENDING).update(
        status=status, decided_on=on, decided_by=decided_by, detail=detail or {}
    )
    if not moved:
        raise ReferralError(_("该事项不在待审议状态。"))
    referral.refresh_from_db()
    audit_record(
        actor=actor, action="referral.decide", target=referral, audit=audit, detail={"status": status}
    )
    return referral


@transaction.atomic
def referral_withdraw(
    *, referral: Referral, actor: "User | None", audit: AuditContext = NO_REQUEST
) -> Referral:
    moved = Referral.unscoped.filter(pk=referral.pk, status=Referral.Status.PENDING).update(
        status=Referral.Status.WITHDRAWN
    )
    if not moved:
        raise ReferralError(_("该事项不在待审议状态。"))
    referral.refresh_from_db()
    audit_record(actor=actor, action="referral.withdraw", target=referral, audit=audit)
    return referral
