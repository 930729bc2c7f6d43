"""Cases from registration to outcome, their documents and deadline alerts."""

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.ids import normalize_phone
from gonghui.lib.numbers import CASE, record_number
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.organizations.models import Unit

from .. import storage
from ..errors import DisputeError
from ..models import (
    LEGAL_DAYS,
    AlertKind,
    Case,
    CaseDocument,
    CaseEvent,
    CaseParty,
    CaseStatus,
    Category,
    Channel,
    DeadlineAlert,
    EventKind,
    Mediator,
    Outcome,
    PartyKind,
)
from .network import route

ALERT_DAYS_BEFORE = 3


@dataclass(frozen=True)
class Worker:
    """A worker party of a case as registered; `member` when they are one of ours."""

    name: str
    phone: str = ""
    member: Member | None = None


# Cases -------------------------------------------------------------------------------------------


def _step(
    case: Case, kind: str, actor: User | None, note: str = "", at: datetime.datetime | None = None
) -> None:
    CaseEvent.objects.create(
        case=case,
        kind=kind,
        at=at or timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        note=note,
    )


def _check_channel(channel: str, **fields: object) -> None:
    if channel not in Channel.values:
        raise DisputeError(_("案件来源无效。"))
    if channel == Channel.HOTLINE and not (fields["hotline_order_no"] and fields["hotline_deadline"]):
        raise DisputeError(_("12351热线工单须填写工单号和办结期限。"))
    if channel == Channel.COURT and not (fields["court_case_no"] and fields["court_deadline"]):
        raise DisputeError(_("法院委托调解须填写法院案号和委托期限。"))


@transaction.atomic
def case_register(
    *,
    channel: str,
    category: str,
    unit: Unit,
    narrative: str,
    workers: Sequence[Worker],
    actor: User,
    applicant: User | None = None,
    hotline_order_no: str = "",
    hotline_deadline: datetime.date | None = None,
    court_case_no: str = "",
    court_deadline: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Case:
    """Register a case from any channel and route it to the organization that mediates it."""
    _check_channel(
        channel,
        hotline_order_no=hotline_order_no,
        hotline_deadline=hotline_deadline,
        court_case_no=court_case_no,
        court_deadline=court_deadline,
    )
    if category not in Category.values:
        raise DisputeError(_("争议类型无效。"))
    if not narrative.strip():
        raise DisputeError(_("请填写案情。"))
    if not workers:
        raise DisputeError(_("请至少填写一名职工当事人。"))
    org = route(unit=unit, channel=channel)
    now = timezone.now()
    case = Case.unscoped.create(
        number="t" + uuid.uuid4().hex[:19],
        channel=channel,
        category=category,
        org=org,
        unit=unit,
        applicant=applicant,
        narrative=narrative.strip(),
        hotline_order_no=hotline_order_no if channel == Channel.HOTLINE else "",
        hotline_deadline=hotline_deadline if channel == Channel.HOTLINE else None,
        court_case_no=court_case_no if channel == Channel.COURT else "",
        court_deadline=court_deadline if channel == Channel.COURT else None,
        received_at=now,
        path=org.path,
    )
    case.number = record_number(CASE, now, case.pk)
    case.save(update_fields=["number"])
    for worker in workers:
        phone = normalize_phone(worker.phone) if worker.phone else ""
        CaseParty.objects.create(
            case=case, kind=PartyKind.WORKER, name=worker.name.strip(), phone=phone, member=worker.member
        )
    CaseParty.objects.create(case=case, kind=PartyKind.EMPLOYER, name=unit.name, unit=unit)
    _step(case, EventKind.REGISTERED, actor, str(Channel(channel).label))
    _step(case, EventKind.ROUTED, actor, org.name)
    audit_record(actor=actor, action="case.register", target=case, audit=audit, detail={"org": org.pk})
    return case


def _locked(case: Case) -> Case:
    return Case.unscoped.select_for_update().get(pk=case.pk)


def _may_handle(case: Case, actor: User) -> None:
    """Services trust the view's scoping for staff; a mediator must serve in the case's organization."""
    if (
        actor.role == Role.MEDIATOR
        and not Mediator.unscoped.filter(user=actor, org_id=case.org_id, active=True).exists()
    ):
        raise DisputeError(_("您不是该调解组织的调解员。"))


def legal_due(case: Case, accepted: datetime.date) -> datetime.date:
    """15 days from acceptance; the court's own deadline for an entrusted case."""
    if case.channel == Channel.COURT and case.court_deadline:
        return case.court_deadline
    return accepted + datetime.timedelta(days=LEGAL_DAYS)


@transaction.atomic
def case_accept(*, case: Case, actor: User, audit: AuditContext = NO_REQUEST) -> Case:
    case = _locked(case)
    _may_handle(case, actor)
    if case.status != CaseStatus.RECEIVED:
        raise DisputeError(_("该案件不在待受理状态。"))
    case.status, case.accepted_at = CaseStatus.ACCEPTED, timezone.now()
    case.due_on = legal_due(case, timezone.localdate(case.accepted_at))
    case.save(update_fields=["status", "accepted_at", "due_on"])
    _step(case, EventKind.ACCEPTED, actor, _("调解期限至 %(date)s") % {"date": case.due_on.isoformat()})
    audit_record(actor=actor, action="case.accept", target=case, audit=audit)
    return case


@transaction.atomic
def case_refuse(*, case: Case, reason: str, actor: User, audit: AuditContext = NO_REQUEST) -> Case:
    if not reason.strip():
        raise DisputeError(_("不予受理时请填写理由。"))
    case = _locked(case)
    _may_handle(case, actor)
    if case.status != CaseStatus.RECEIVED:
        raise DisputeError(_("该案件不在待受理状态。"))
    case.status, case.refusal_reason = CaseStatus.REFUSED, reason.strip()[:200]
    case.save(update_fields=["status", "refusal_reason"])
    _step(case, EventKind.REFUSED, actor, case.refusal_reason)
    audit_record(actor=actor, action="case.refuse", target=case, audit=audit)
    return case


@transaction.atomic
def case_assign(*, case: Case, mediator: Mediator, actor: User, audit: AuditContext = NO_REQUEST) -> Case:
    case = _locked(case)
    _may_handle(case, actor)
    if not case.is_open:
        raise DisputeError(_("已结案或不予受理的案件不能指派。"))
    if mediator.org_id != case.org_id or not mediator.active:
        raise DisputeError(_("只能指派本调解组织在任的调解员。"))
    case.mediator = mediator
    case.save(update_fields=["mediator"])
    _step(case, EventKind.ASSIGNED, actor, str(mediator))
    audit_record(actor=actor, action="case.assign", target=case, audit=audit)
    return case


@transaction.atomic
def case_note(*, case: Case, note: str, actor: User, audit: AuditContext = NO_REQUEST) -> None:
    if not note.strip():
        raise DisputeError(_("请填写调解记录。"))
    _may_handle(case, actor)
    _step(case, EventKind.NOTE, actor, note.strip())
    audit_record(actor=actor, action="case.note", target=case, audit=audit)


def agreement_document(case: Case) -> str:
    """The mediation agreement (调解协议书) as printable text, from its template."""
    return render_to_string(
        "disputes/agreement_document.txt",
        {
            "case": case,
            "workers": [p for p in case.parties.all() if p.kind == PartyKind.WORKER],
            "employer": case.unit,
            "amount": case.amount_recovered,
            "date": timezone.localdate(case.closed_at),
        },
    )


@transaction.atomic
def case_close(
    *,
    case: Case,
    outcome: str,
    actor: User,
    amount: Decimal = Decimal("0.00"),
    guidance: str = "",
    terms: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Case:
    case = _locked(case)
    _may_handle(case, actor)
    if case.status != CaseStatus.ACCEPTED:
        raise DisputeError(_("只有调解中的案件可以结案。"))
    if outcome not in (Outcome.AGREEMENT, Outcome.NO_AGREEMENT, Outcome.WITHDRAWN):
        raise DisputeError(_("请选择结案结果。"))
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount < 0:
        raise DisputeError(_("金额不能为负数。"))
    if outcome != Outcome.AGREEMENT and amount:
        raise DisputeError(_("只有达成协议的案件才有追回金额。"))
    if outcome == Outcome.NO_AGREEMENT and not guidance.strip():
        guidance = _("可自收到本告知之日起依法向劳动人事争议仲裁委员会申请仲裁，或依法向人民法院起诉。")
    case.status, case.outcome, case.closed_at = CaseStatus.CLOSED, outcome, timezone.now()
    case.amount_recovered, case.guidance = amount, guidance.strip()[:300]
    if outcome == Outcome.AGREEMENT:
        case.agreement_text = agreement_document(case) + (f"\n{terms.strip()}\n" if terms.strip() else "")
    case.save()
    _step(case, EventKind.CLOSED, actor, str(Outcome(outcome).label))
    audit_record(
        actor=actor,
        action="case.close",
        target=case,
        audit=audit,
        detail={"outcome": outcome, "amount": str(amount)},
    )
    return case


@transaction.atomic
def case_rate(*, case: Case, satisfaction: int, actor: User, audit: AuditContext = NO_REQUEST) -> Case:
    """The worker who filed the case rates it once it is closed."""
    if not 1 <= satisfaction <= 5:
        raise DisputeError(_("满意度应为1到5。"))
    updated = Case.unscoped.filter(
        pk=case.pk, applicant=actor, status=CaseStatus.CLOSED, satisfaction__isnull=True
    ).update(satisfaction=satisfaction)
    if not updated:
        raise DisputeError(_("该案件尚未结案或已评价。"))
    _step(case, EventKind.RATED, actor, str(satisfaction))
    audit_record(actor=actor, action="case.rate", target=case, audit=audit)
    return Case.unscoped.get(pk=case.pk)


@transaction.atomic
def case_read(*, case: Case, actor: User, audit: AuditContext = NO_REQUEST) -> None:
    """Every read of a case file leaves one audit record (AU-1)."""
    audit_record(actor=actor, action="case.read", target=case, audit=audit)


# Documents ---------------------------------------------------------------------------------------


@transaction.atomic
def document_upload(
    *, case: Case, filename: str, data: bytes, actor: User, audit: AuditContext = NO_REQUEST
) -> CaseDocument:
    _may_handle(case, actor)
    content_type = storage.check_upload(data)  # raises UploadRefused
    name = storage.store(data)
    document = CaseDocument.objects.create(
        case=case,
        filename=storage.safe_filename(filename, content_type),
        content_type=content_type,
        size=len(data),
        storage_name=name,
        uploaded_by=actor,
    )
    _step(case, EventKind.DOCUMENT, actor, document.filename)
    audit_record(actor=actor, action="case.document.upload", target=document, audit=audit)
    return document


@transaction.atomic
def document_open(*, document: CaseDocument, actor: User, audit: AuditContext = NO_REQUEST) -> bytes:
    audit_record(actor=actor, action="case.document.read", target=document, audit=audit)
    return storage.load(document.storage_name)


# Deadlines ---------------------------------------------------------------------------------------


def deadline_alerts_scan(*, today: datetime.date | None = None) -> int:
    """Alert once for every case in mediation whose legal time limit is near or past,
    and for every open 12351 work order near or past its own deadline. The unique
    constraint makes a second run, even a simultaneous one, add nothing."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=ALERT_DAYS_BEFORE)
    mediation = Case.unscoped.filter(status=CaseStatus.ACCEPTED, due_on__lte=soon).values_list("pk", "due_on")
    work_orders = Case.unscoped.filter(
        status__in=[CaseStatus.RECEIVED, CaseStatus.ACCEPTED], hotline_deadline__lte=soon
    ).values_list("pk", "hotline_deadline")
    deadlines = sorted({(pk, due) for pk, due in [*mediation, *work_orders] if due is not None})
    created = 0
    for pk, due_on in deadlines:
        kind = AlertKind.OVERDUE if due_on < today else AlertKind.DUE_SOON
        try:
            with transaction.atomic():
                alert = DeadlineAlert.objects.create(case_id=pk, kind=kind, due_on=due_on)
                case = Case.unscoped.get(pk=pk)
                _step(case, EventKind.ALERT, None, f"{AlertKind(kind).label}：{due_on.isoformat()}")
                audit_record(actor=None, action="case.deadline_alert", target=alert, detail={"kind": kind})
        except IntegrityError:
            continue  # already alerted: by an earlier run or one running right now
        created += 1
    return created
