"""The reform responsibility list: tasks, measures with their road map, and progress reports.
Reports are appended, never changed (the table refuses it); each is audited with what it said."""

import datetime
import hashlib
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node

from ..errors import FederationError
from ..models import MeasureStatus, Milestone, ProgressReport, ReformMeasure, ReformTask


@transaction.atomic
def task_create(
    *,
    node: Node,
    number: int,
    title: str,
    lead: str,
    listed_on: datetime.date,
    due_on: datetime.date,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> ReformTask:
    if due_on < listed_on:
        raise FederationError(_("完成时限不能早于列入日期。"), "dates")
    try:
        with transaction.atomic():
            task = ReformTask.unscoped.create(
                node=node,
                number=number,
                title=title.strip()[:200],
                lead=lead.strip()[:60],
                listed_on=listed_on,
                due_on=due_on,
            )
    except IntegrityError:
        raise FederationError(_("该序号的任务已存在。"), "duplicate") from None
    audit_record(actor=actor, action="federation.reform.task", target=task, audit=audit)
    return task


@transaction.atomic
def measure_create(
    *,
    task: ReformTask,
    number: int,
    title: str,
    owner_name: str,
    starts_on: datetime.date,
    due_on: datetime.date,
    milestones: Sequence[tuple[str, datetime.date]] = (),
    owner: User | None = None,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> ReformMeasure:
    """A measure with its road map: milestones, each with its date in the time table."""
    if due_on < starts_on:
        raise FederationError(_("完成时限不能早于启动时间。"), "dates")
    try:
        with transaction.atomic():
            measure = ReformMeasure.unscoped.create(
                task=task,
                number=number,
                title=title.strip()[:300],
                owner_name=owner_name.strip()[:60],
                owner=owner,
                starts_on=starts_on,
                due_on=due_on,
            )
    except IntegrityError:
        raise FederationError(_("该序号的措施已存在。"), "duplicate") from None
    for label, day in milestones:
        Milestone.unscoped.create(measure=measure, title=label.strip()[:200], due_on=day)
    audit_record(actor=actor, action="federation.reform.measure", target=measure, audit=audit)
    return measure


@transaction.atomic
def milestone_reach(
    *, milestone: Milestone, reached_on: datetime.date, actor: User, audit: AuditContext = NO_REQUEST
) -> Milestone:
    milestone = Milestone.unscoped.select_for_update().get(pk=milestone.pk)
    if milestone.reached_on is not None:
        raise FederationError(_("该节点已完成。"), "state")
    if reached_on > timezone.localdate():
        raise FederationError(_("完成时间不能晚于今天。"), "dates")
    milestone.reached_on = reached_on
    milestone.save(update_fields=["reached_on"])
    audit_record(actor=actor, action="federation.reform.milestone", target=milestone, audit=audit)
    return milestone


@transaction.atomic
def progress_report(
    *,
    measure: ReformMeasure,
    progress: int,
    note: str,
    evidence: str,
    reported_on: datetime.date | None = None,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> ProgressReport:
    """Report a measure's progress with its evidence. At 100 % the measure is done. The report
    is appended to the history and audited with a digest of what it says."""
    if not 0 <= progress <= 100:
        raise FederationError(_("进度应在 0 至 100 之间。"), "range")
    if not note.strip() or not evidence.strip():
        raise FederationError(_("请填写进展情况和佐证材料。"), "evidence")
    measure = ReformMeasure.unscoped.select_for_update().get(pk=measure.pk)
    if measure.status == MeasureStatus.DONE:
        raise FederationError(_("该措施已完成。"), "state")
    day = reported_on or timezone.localdate()
    report = ProgressReport.unscoped.create(
        measure=measure,
        reported_on=day,
        progress=progress,
        note=note.strip(),
        evidence=evidence.strip()[:300],
        reporter=actor,
        at=timezone.now(),
    )
    measure.progress = progress
    measure.status = MeasureStatus.DONE if progress == 100 else MeasureStatus.ACTIVE
    measure.done_on = day if progress == 100 else None
    measure.save(update_fields=["progress", "status", "done_on"])
    digest = hashlib.sha256(f"{report.progress}|{report.note}|{report.evidence}".encode()).hexdigest()
    audit_record(
        actor=actor,
        action="federation.reform.progress",
        target=report,
        audit=audit,
        detail={"measure": measure.pk, "progress": progress, "digest": digest},
    )
    return report
