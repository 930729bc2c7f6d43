"""Cadres' visits: plans, a visit with the problems raised (each a ticket with an owner and a
deadline), closing a problem (never without an answer) and research reports."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node, Unit

from ..errors import FederationError
from ..models import Problem, ProblemStatus, ResearchReport, Visit, VisitPlan

PROBLEM_DAYS = 30  # a problem's default time to answer


@dataclass(frozen=True)
class ProblemDraft:
    description: str
    owner_name: str
    due_on: datetime.date | None = None


@transaction.atomic
def plan_create(
    *,
    street: Node,
    year: int,
    title: str,
    target_units: int,
    target_workers: int,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> VisitPlan:
    if street.kind != Node.Kind.STREET:
        raise FederationError(_("走访计划按街镇制定。"), "street")
    try:
        with transaction.atomic():
            plan = VisitPlan.unscoped.create(
                street=street,
                year=year,
                title=title.strip()[:120],
                target_units=target_units,
                target_workers=target_workers,
            )
    except IntegrityError:
        raise FederationError(_("该街镇本年度已有走访计划。"), "duplicate") from None
    audit_record(actor=actor, action="federation.plan.create", target=plan, audit=audit)
    return plan


@transaction.atomic
def visit_record(
    *,
    unit: Unit,
    visited_on: datetime.date,
    people_met: int,
    notes: str = "",
    problems: Iterable[ProblemDraft] = (),
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> Visit:
    """A cadre's visit to a unit and the talks with its workers; each problem raised becomes a
    ticket with an owner and a deadline. The visit counts under its street's plan of the year."""
    if visited_on > timezone.localdate():
        raise FederationError(_("走访日期不能晚于今天。"), "dates")
    drafts = [p for p in problems if p.description.strip()]
    for draft in drafts:
        if not draft.owner_name.strip():
            raise FederationError(_("每个问题都要有责任人。"), "owner")
        if draft.due_on is not None and draft.due_on < visited_on:
            raise FederationError(_("办理期限不能早于走访日期。"), "dates")
    plan = VisitPlan.unscoped.filter(street_id=unit.street_id, year=visited_on.year).first()
    visit = Visit.unscoped.create(
        plan=plan,
        unit=unit,
        visited_on=visited_on,
        visitor=actor,
        visitor_name=(actor.get_full_name() or actor.get_username())[:40],
        people_met=people_met,
        notes=notes.strip(),
    )
    for draft in drafts:
        Problem.unscoped.create(
            visit=visit,
            description=draft.description.strip()[:500],
            raised_on=visited_on,
            owner_name=draft.owner_name.strip()[:40],
            due_on=draft.due_on or visited_on + datetime.timedelta(days=PROBLEM_DAYS),
        )
    audit_record(
        actor=actor,
        action="federation.visit.record",
        target=visit,
        audit=audit,
        detail={"problems": len(drafts), "people_met": people_met},
    )
    return visit


@transaction.atomic
def problem_close(
    *,
    problem: Problem,
    status: str,
    answer: str,
    closed_on: datetime.date | None = None,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> Problem:
    """Solved, or explained to the workers: either way, with the answer given."""
    if status not in (ProblemStatus.SOLVED, ProblemStatus.EXPLAINED):
        raise FederationError(_("请选择办结方式：已解决或已解释说明。"), "status")
    if not answer.strip():
        raise FederationError(_("办结问题须填写答复。"), "answer")
    problem = Problem.unscoped.select_for_update().get(pk=problem.pk)
    if problem.status != ProblemStatus.OPEN:
        raise FederationError(_("该问题已办结。"), "state")
    day = closed_on or timezone.localdate()
    if day < problem.raised_on:
        raise FederationError(_("办结日期不能早于收集日期。"), "dates")
    problem.status, problem.answer, problem.closed_on = status, answer.strip(), day
    problem.owner = problem.owner or actor
    problem.save(update_fields=["status", "answer", "closed_on", "owner"])
    audit_record(
        actor=actor, action="federation.problem.close", target=problem, audit=audit, detail={"status": status}
    )
    return problem


@transaction.atomic
def report_create(
    *,
    node: Node,
    title: str,
    author_name: str,
    written_on: datetime.date,
    summary: str,
    visits: Iterable[Visit] = (),
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> ResearchReport:
    if not title.strip() or not summary.strip():
        raise FederationError(_("请填写题目和主要内容。"), "text")
    linked = list(visits)
    if any(not v.path.startswith(node.path) for v in linked):
        raise FederationError(_("只能关联本组织范围内的走访。"), "visits")
    report = ResearchReport.unscoped.create(
        node=node,
        title=title.strip()[:200],
        author_name=author_name.strip()[:40],
        written_on=written_on,
        summary=summary.strip(),
    )
    report.visits.set(linked)
    audit_record(actor=actor, action="federation.report.create", target=report, audit=audit)
    return report
