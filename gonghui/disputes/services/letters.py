"""The 一函两书 ladder: a reminder letter, then a supervision opinion letter, then a proposal
letter to the same employer, each with its reply and follow-up."""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node, Unit

from ..errors import DisputeError
from ..models import Letter, LetterKind, LetterStatus

LETTER_REPLY_DAYS = {LetterKind.REMINDER: 15, LetterKind.SUPERVISION: 15, LetterKind.PROPOSAL: 30}


def letter_body(
    *,
    kind: int,
    unit: Unit,
    issuer: Node,
    subject: str,
    issued_on: datetime.date,
    reply_due: datetime.date,
    previous: Letter | None,
) -> str:
    return render_to_string(
        f"disputes/letters/{LetterKind(kind).name.lower()}.txt",
        {
            "unit": unit,
            "issuer": issuer,
            "subject": subject,
            "issued_on": issued_on,
            "reply_due": reply_due,
            "previous": previous,
        },
    )


@transaction.atomic
def letter_issue(
    *,
    unit: Unit,
    issuer: Node,
    subject: str,
    actor: User,
    previous: Letter | None = None,
    issued_on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Letter:
    """Issue the next rung: a reminder letter first; a supervision opinion letter only
    after a reminder to the same employer; a proposal letter only after a supervision
    letter. A rung can be escalated once, and not after the employer put things right."""
    issued_on = issued_on or timezone.localdate()
    if previous is None:
        kind = LetterKind.REMINDER
        if not subject.strip():
            raise DisputeError(_("请填写事由。"))
    else:
        previous = Letter.unscoped.select_for_update().get(pk=previous.pk)
        if previous.kind >= LetterKind.PROPOSAL:
            raise DisputeError(_("建议书已是最高一级文书。"))
        if previous.status in (LetterStatus.ESCALATED, LetterStatus.RESOLVED):
            raise DisputeError(_("该文书已升级或单位已整改，不能再次升级。"))
        kind = LetterKind(previous.kind + 1)
        unit, subject = previous.unit, previous.subject
    reply_due = issued_on + datetime.timedelta(days=LETTER_REPLY_DAYS[kind])
    try:
        with transaction.atomic():
            letter = Letter.unscoped.create(
                kind=kind,
                number="t" + uuid.uuid4().hex[:29],
                unit=unit,
                issuer=issuer,
                subject=subject.strip()[:200],
                body="",
                previous=previous,
                issued_on=issued_on,
                reply_due=reply_due,
            )
    except IntegrityError:
        raise DisputeError(_("该文书已升级，不能再次升级。")) from None
    prefix = {LetterKind.REMINDER: "提示", LetterKind.SUPERVISION: "监意", LetterKind.PROPOSAL: "监建"}[kind]
    letter.number = f"工{prefix}〔{issued_on.year}〕{letter.pk}号"
    letter.body = letter_body(
        kind=kind,
        unit=unit,
        issuer=issuer,
        subject=letter.subject,
        issued_on=issued_on,
        reply_due=reply_due,
        previous=previous,
    )
    letter.save(update_fields=["number", "body"])
    if previous is not None:
        Letter.unscoped.filter(pk=previous.pk).update(status=LetterStatus.ESCALATED)
    audit_record(actor=actor, action="letter.issue", target=letter, audit=audit, detail={"kind": int(kind)})
    return letter


@transaction.atomic
def letter_reply(
    *,
    letter: Letter,
    reply: str,
    resolved: bool,
    actor: User,
    replied_on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Letter:
    """Record the employer's reply and the follow-up: resolved closes the ladder."""
    if not reply.strip():
        raise DisputeError(_("请填写单位回复内容。"))
    updated = Letter.unscoped.filter(pk=letter.pk, status=LetterStatus.ISSUED).update(
        status=LetterStatus.RESOLVED if resolved else LetterStatus.ANSWERED,
        reply=reply.strip()[:500],
        replied_on=replied_on or timezone.localdate(),
    )
    if not updated:
        raise DisputeError(_("该文书已回复或已升级。"))
    audit_record(actor=actor, action="letter.reply", target=letter, audit=audit)
    return Letter.unscoped.get(pk=letter.pk)


@transaction.atomic
def letter_follow_up(*, letter: Letter, note: str, actor: User, audit: AuditContext = NO_REQUEST) -> Letter:
    if not note.strip():
        raise DisputeError(_("请填写跟踪情况。"))
    letter = Letter.unscoped.select_for_update().get(pk=letter.pk)
    letter.follow_up = (f"{letter.follow_up}\n" if letter.follow_up else "") + note.strip()
    letter.follow_up = letter.follow_up[-500:]
    letter.save(update_fields=["follow_up"])
    audit_record(actor=actor, action="letter.follow_up", target=letter, audit=audit)
    return letter
