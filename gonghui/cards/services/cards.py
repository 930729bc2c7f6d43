"""The card's life: issue, activate, suspend and resume, report lost, replace."""

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import luhn

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member, MemberPass
from gonghui.members.passes import IssuedPass, pass_issue

from ..errors import CardsError
from ..models import Card, CardStatusChange
from .scan import require_holder

CARD_PREFIX = "310110"  # the district's code; 16 digits with a Luhn check digit, like a bank card


def new_card_no() -> str:
    body = CARD_PREFIX + "".join(secrets.choice("0123456789") for _ in range(9))
    return body + luhn.calc_check_digit(body)


def _expire_passes(member: Member) -> None:
    """QR codes already on screen stop working at once (a lost phone, a replaced e-card)."""
    now = timezone.now()
    MemberPass.objects.filter(member=member, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)


@transaction.atomic
def card_issue(
    *, member: Member, actor: User | None, audit: AuditContext = NO_REQUEST, replaces: Card | None = None
) -> Card:
    if not member.is_counted:
        raise CardsError(_("只有在册会员才能办理服务卡。"))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                card = Card.unscoped.create(
                    card_no=new_card_no(),
                    member=member,
                    issued_at=timezone.now(),
                    issued_by=actor if actor is not None and actor.pk else None,
                    replaces=replaces,
                    ecard_version=(replaces.ecard_version + 1) if replaces else 1,
                )
            break
        except IntegrityError:
            if Card.unscoped.filter(member=member, status__in=Card.LIVE).exists():
                raise CardsError(_("该会员已有服务卡，如遗失请先挂失再补卡。")) from None
    else:  # pragma: no cover - 10^9 card numbers, five collisions in a row
        raise CardsError(_("卡号生成失败，请重试。"))
    audit_record(actor=actor, action="cards.card.issue", target=card, audit=audit)
    return card


def _move(
    card: Card,
    *,
    to: str,
    allowed: tuple[str, ...],
    actor: User | None,
    action: str,
    audit: AuditContext,
    **extra: Any,
) -> Card:
    """One status change as a conditional UPDATE on the status just read: two clicks cannot
    both win. The change is kept in the card's history, so holders as of a past day can be
    counted."""
    before = Card.unscoped.filter(pk=card.pk).values_list("status", flat=True).first()
    moved = before in allowed and Card.unscoped.filter(pk=card.pk, status=before).update(status=to, **extra)
    if not moved:
        raise CardsError(_("卡片状态已变化，请刷新后重试。"))
    card.refresh_from_db()
    CardStatusChange.objects.create(card=card, from_status=str(before), to_status=to, at=timezone.now())
    audit_record(actor=actor, action=action, target=card, audit=audit, detail={"status": to})
    return card


@transaction.atomic
def card_activate(*, card: Card, actor: User | None, audit: AuditContext = NO_REQUEST) -> Card:
    return _move(
        card,
        to=Card.Status.ACTIVE,
        allowed=(Card.Status.ISSUED,),
        actor=actor,
        action="cards.card.activate",
        audit=audit,
        activated_at=timezone.now(),
    )


@transaction.atomic
def card_suspend(*, card: Card, actor: User | None, audit: AuditContext = NO_REQUEST) -> Card:
    card = _move(
        card,
        to=Card.Status.SUSPENDED,
        allowed=(Card.Status.ACTIVE,),
        actor=actor,
        action="cards.card.suspend",
        audit=audit,
    )
    _expire_passes(card.member)
    return card


@transaction.atomic
def card_resume(*, card: Card, actor: User | None, audit: AuditContext = NO_REQUEST) -> Card:
    return _move(
        card,
        to=Card.Status.ACTIVE,
        allowed=(Card.Status.SUSPENDED,),
        actor=actor,
        action="cards.card.resume",
        audit=audit,
    )


@transaction.atomic
def card_report_lost(*, card: Card, actor: User | None, audit: AuditContext = NO_REQUEST) -> Card:
    card = _move(
        card,
        to=Card.Status.LOST,
        allowed=(Card.Status.ISSUED, Card.Status.ACTIVE, Card.Status.SUSPENDED),
        actor=actor,
        action="cards.card.lost",
        audit=audit,
    )
    _expire_passes(card.member)
    return card


@transaction.atomic
def card_replace(*, card: Card, actor: User | None, audit: AuditContext = NO_REQUEST) -> Card:
    """A new card number and a new e-card; the old card and its QR codes stop working."""
    old = _move(
        card,
        to=Card.Status.REPLACED,
        allowed=(Card.Status.LOST, Card.Status.ACTIVE, Card.Status.SUSPENDED),
        actor=actor,
        action="cards.card.replace",
        audit=audit,
        closed_at=timezone.now(),
    )
    _expire_passes(old.member)
    return card_issue(member=old.member, actor=actor, audit=audit, replaces=old)


def ecard_pass(*, member: Member) -> IssuedPass:
    """The QR pass the e-card shows: only while the member holds an active card."""
    require_holder(member)
    return pass_issue(member=member)
