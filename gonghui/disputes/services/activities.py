"""Legal aid, joint inspections and the 一函两书 ladder."""

import datetime
import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node, Unit

from ..models import (
    CHECKLISTS,
    AidStatus,
    Case,
    Category,
    Channel,
    Inspection,
    InspectionKind,
    InspectionStatus,
    InspectionVisit,
    Lawyer,
    LegalAidApplication,
    Letter,
    LetterKind,
    LetterStatus,
)
from .cases import case_register
from .network import DisputeError, Worker

LETTER_REPLY_DAYS = {LetterKind.REMINDER: 15, LetterKind.SUPERVISION: 15, LetterKind.PROPOSAL: 30}
WEDNESDAY = 2


# Legal aid ---------------------------------------------------------------------------------------


def aid_eligible(*, case: Case, low_income: bool, migrant: bool) -> bool:
    """Free legal aid for workers in financial difficulty, and for anyone claiming
    unpaid wages or work-injury compensation (the usual local rule)."""
    return (
        low_income
        or case.category in (Category.WAGES, Category.WORK_INJURY)
        or (migrant and case.category != Category.OTHER)
    )


@transaction.atomic
def legal_aid_apply(
    *, case: Case, low_income: bool, migrant: bool, actor: Any, audit: AuditContext = NO_REQUEST
) -> LegalAidApplication:
    try:
        with transaction.atomic():
            application = LegalAidApplication.unscoped.create(
                case=case,
                low_income=low_income,
                migrant=migrant,
                eligible=aid_eligible(case=case, low_income=low_income, migrant=migrant),
                applied_at=timezone.now(),
                path=case.path,
            )
    except IntegrityError:
        raise DisputeError(_("该案件已有法律援助申请。")) from None
    audit_record(actor=actor, action="legal_aid.apply", target=application, audit=audit)
    return application


def lawyers_for(case: Case) -> Any:
    return Lawyer.unscoped.filter(active=True, assignments__street_id=case.unit.street_id).order_by("name")


@transaction.atomic
def legal_aid_decide(
    *,
    application: LegalAidApplication,
    grant: bool,
    actor: Any,
    lawyer: Lawyer | None = None,
    reason: str = "",
    audit: AuditContext = NO_REQUEST,
) -> LegalAidApplication:
    application = LegalAidApplication.unscoped.select_for_update().get(pk=application.pk)
    if application.status != AidStatus.PENDING:
        raise DisputeError(_("该申请已处理。"))
    if grant:
        if not application.eligible:
            raise DisputeError(_("不符合法律援助条件。"))
        if lawyer is None or not lawyer.active:
            raise DisputeError(_("请指派一名律师。"))
        application.status, application.lawyer = AidStatus.GRANTED, lawyer
    else:
        if not reason.strip():
            raise DisputeError(_("不予援助时请填写理由。"))
        application.status = AidStatus.REFUSED
    application.reason, application.decided_at = reason.strip()[:200], timezone.now()
    application.save()
    audit_record(actor=actor, action="legal_aid.decide", target=application, audit=audit)
    return application


# Inspections -------------------------------------------------------------------------------------


@transaction.atomic
def inspection_schedule(*, kind: str, date: datetime.date, street: Node, actor: Any) -> Inspection:
    if kind == InspectionKind.WEEKLY and date.weekday() != WEDNESDAY:
        raise DisputeError(_("每周联合检查安排在星期三。"))
    if street.kind != Node.Kind.STREET:
        raise DisputeError(_("检查按街镇安排。"))
    try:
        with transaction.atomic():
            inspection = Inspection.unscoped.create(kind=kind, date=date, street=street)
    except IntegrityError:
        raise DisputeError(_("该街镇当天已安排同类检查。")) from None
    audit_record(actor=actor, action="inspection.schedule", target=inspection)
    return inspection


def wednesdays(start: datetime.date, weeks: int) -> list[datetime.date]:
    first = start + datetime.timedelta(days=(WEDNESDAY - start.weekday()) % 7)
    return [first + datetime.timedelta(weeks=n) for n in range(weeks)]


@transaction.atomic
def inspection_visit_record(
    *,
    inspection: Inspection,
    unit: Unit,
    checklist: dict[str, bool],
    finding: str,
    actor: Any,
    open_case: bool = False,
    category: str = Category.WAGES,
) -> InspectionVisit:
    """Record one enterprise visited; a finding may open a case in the mediation network."""
    if unit.street_id != inspection.street_id:
        raise DisputeError(_("该单位不在本次检查的街镇。"))
    items = {key for key, _label in CHECKLISTS[InspectionKind(inspection.kind)]}
    answers = {key: bool(value) for key, value in checklist.items() if key in items}
    has_issue = bool(finding.strip()) or not all(answers.get(key, False) for key in items)
    try:
        with transaction.atomic():
            visit = InspectionVisit.objects.create(
                inspection=inspection,
                unit=unit,
                checklist=answers,
                finding=finding.strip()[:300],
                has_issue=has_issue,
            )
    except IntegrityError:
        raise DisputeError(_("本次检查已记录该单位。")) from None
    if open_case and has_issue:
        visit.case = case_register(
            channel=Channel.INSPECTION,
            category=category,
            unit=unit,
            narrative=finding.strip() or _("联合检查发现问题"),
            workers=[Worker(name=_("相关职工"))],
            actor=actor,
        )
        visit.save(update_fields=["case"])
    Inspection.unscoped.filter(pk=inspection.pk).update(status=InspectionStatus.DONE)
    audit_record(actor=actor, action="inspection.visit", target=visit)
    return visit


# 一函两书 ----------------------------------------------------------------------------------------


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
    actor: Any,
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
    actor: Any,
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
def letter_follow_up(*, letter: Letter, note: str, actor: Any, audit: AuditContext = NO_REQUEST) -> Letter:
    if not note.strip():
        raise DisputeError(_("请填写跟踪情况。"))
    letter = Letter.unscoped.select_for_update().get(pk=letter.pk)
    letter.follow_up = (f"{letter.follow_up}\n" if letter.follow_up else "") + note.strip()
    letter.follow_up = letter.follow_up[-500:]
    letter.save(update_fields=["follow_up"])
    audit_record(actor=actor, action="letter.follow_up", target=letter, audit=audit)
    return letter
