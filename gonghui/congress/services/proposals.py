"""Proposals (提案): submitted by a representative, seconded by others, accepted (立案) or
turned into an opinion, assigned to a department with a deadline, answered, and rated by the
proposer. Each step moves from one status to the next by a conditional UPDATE."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record

from ..errors import CongressError
from ..models import Congress, Proposal, ProposalSecond, Representative, Seat

SECONDS_NEEDED = 2  # representatives besides the proposer who second it before it is accepted
Status = Proposal.Status


def _sitting(representative: Representative, congress_id: int) -> None:
    if representative.congress_id != congress_id:
        raise CongressError(_("您不是本职代会的代表。"), "other_congress")
    if representative.status != Seat.ACTIVE:
        raise CongressError(_("该代表已不在任。"), "ended")


@transaction.atomic
def proposal_submit(
    *,
    congress: Congress,
    proposer: Representative,
    title: str,
    body: str,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Proposal:
    _sitting(proposer, congress.pk)
    if not title.strip() or not body.strip():
        raise CongressError(_("请填写案由和内容。"), "empty")
    congress = Congress.unscoped.select_for_update().get(pk=congress.pk)  # numbers are given in turn
    now = timezone.now()
    year_count = Proposal.unscoped.filter(congress=congress, submitted_at__year=now.year).count()
    proposal = Proposal(
        congress=congress,
        number=f"{now.year}-{year_count + 1:03d}",
        title=title.strip(),
        body=body.strip(),
        proposer=proposer,
        submitted_at=now,
    )
    proposal.save()
    audit_record(actor=actor, action="congress.proposal.submit", target=proposal, audit=audit)
    return proposal


@transaction.atomic
def proposal_second(
    *,
    proposal: Proposal,
    representative: Representative,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Proposal:
    _sitting(representative, proposal.congress_id)
    if representative.pk == proposal.proposer_id:
        raise CongressError(_("提案人不能附议自己的提案。"), "own")
    try:
        with transaction.atomic():
            if not Proposal.unscoped.filter(pk=proposal.pk, status=Status.SUBMITTED).update(
                seconds=F("seconds") + 1
            ):
                raise CongressError(_("该提案已审查，不能再附议。"), "status")
            ProposalSecond.objects.create(proposal=proposal, representative=representative, at=timezone.now())
    except IntegrityError:
        raise CongressError(_("您已附议该提案。"), "duplicate") from None
    proposal.refresh_from_db()
    audit_record(actor=actor, action="congress.proposal.second", target=proposal, audit=audit)
    return proposal


def _move(proposal: Proposal, came_from: list[str], fields: dict[str, Any], refusal: str) -> Proposal:
    if not Proposal.unscoped.filter(pk=proposal.pk, status__in=came_from).update(**fields):
        raise CongressError(refusal, "status")
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def proposal_decide(
    *, proposal: Proposal, decision: str, note: str = "", actor: User | None, audit: AuditContext = NO_REQUEST
) -> Proposal:
    """Accept (立案), turn into an opinion (转为意见建议) or decline, with a note."""
    if decision not in (Status.ACCEPTED, Status.OPINION, Status.DECLINED):
        raise CongressError(_("审查意见无效。"), "decision")
    if decision == Status.ACCEPTED and proposal.seconds < SECONDS_NEEDED:
        raise CongressError(_("立案须有 %(n)s 名以上代表附议。") % {"n": SECONDS_NEEDED}, "seconds")
    if decision == Status.DECLINED and not note.strip():
        raise CongressError(_("不予立案须说明理由。"), "note")
    fields = {"status": decision, "decided_at": timezone.now(), "decision_note": note.strip()[:200]}
    proposal = _move(proposal, [Status.SUBMITTED], fields, _("该提案已审查。"))
    audit_record(
        actor=actor,
        action="congress.proposal.decide",
        target=proposal,
        audit=audit,
        detail={"decision": decision},
    )
    return proposal


@transaction.atomic
def proposal_assign(
    *,
    proposal: Proposal,
    department: str,
    due_on: datetime.date,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Proposal:
    if not department.strip():
        raise CongressError(_("请填写承办部门。"), "department")
    if due_on <= timezone.localdate():
        raise CongressError(_("答复期限须晚于今天。"), "due")
    fields = {"status": Status.ASSIGNED, "department": department.strip()[:80], "due_on": due_on}
    proposal = _move(proposal, [Status.ACCEPTED, Status.OPINION], fields, _("该提案尚未立案或已交办。"))
    audit_record(actor=actor, action="congress.proposal.assign", target=proposal, audit=audit)
    return proposal


@transaction.atomic
def proposal_answer(
    *, proposal: Proposal, answer: str, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Proposal:
    if not answer.strip():
        raise CongressError(_("请填写答复内容。"), "answer")
    fields = {"status": Status.ANSWERED, "answer": answer.strip(), "answered_at": timezone.now()}
    proposal = _move(proposal, [Status.ASSIGNED], fields, _("该提案不在承办中。"))
    audit_record(actor=actor, action="congress.proposal.answer", target=proposal, audit=audit)
    return proposal


@transaction.atomic
def proposal_rate(
    *,
    proposal: Proposal,
    representative: Representative,
    rating: int,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Proposal:
    if representative.pk != proposal.proposer_id:
        raise CongressError(_("只有提案人可以评价答复。"), "not_proposer")
    if rating not in Proposal.Rating.values:
        raise CongressError(_("评价无效。"), "rating")
    fields = {"status": Status.RATED, "rating": rating, "rated_at": timezone.now()}
    proposal = _move(proposal, [Status.ANSWERED], fields, _("该提案尚未答复或已评价。"))
    audit_record(actor=actor, action="congress.proposal.rate", target=proposal, audit=audit)
    return proposal
