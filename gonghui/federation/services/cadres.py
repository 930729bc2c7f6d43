"""Cadres: training recorded in person-times, and the professional union workers hired by the
social-work centre, graded (职称) and assigned to the streets."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node

from ..errors import FederationError
from ..models import Assignment, Grade, Training, UnionWorker


@transaction.atomic
def training_record(
    *,
    node: Node,
    title: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    hours: int,
    attendees: int,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> Training:
    if ends_on < starts_on:
        raise FederationError(_("结业日期不能早于开班日期。"), "dates")
    if attendees < 1:
        raise FederationError(_("培训人次应大于零。"), "attendees")
    if kind not in Training.Kind.values:
        raise FederationError(_("未知的培训类别。"), "kind")
    training = Training.unscoped.create(
        node=node,
        title=title.strip()[:120],
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
        attendees=attendees,
    )
    audit_record(actor=actor, action="federation.training.record", target=training, audit=audit)
    return training


@transaction.atomic
def worker_hire(
    *,
    name: str,
    node: Node,
    hired_on: datetime.date,
    grade: str = Grade.NONE,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> UnionWorker:
    if grade not in Grade.values:
        raise FederationError(_("未知的职称。"), "grade")
    worker = UnionWorker.unscoped.create(
        name=name.strip()[:40],
        node=node,
        hired_on=hired_on,
        grade=grade,
        graded_on=hired_on if grade != Grade.NONE else None,
    )
    audit_record(actor=actor, action="federation.worker.hire", target=worker, audit=audit)
    return worker


@transaction.atomic
def worker_assign(
    *,
    worker: UnionWorker,
    street: Node,
    post: str,
    starts_on: datetime.date,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> Assignment:
    """Assign a worker to a street (as its union chair, say); the current assignment ends."""
    if street.kind != Node.Kind.STREET:
        raise FederationError(_("职业化工会工作者派驻到街镇。"), "street")
    worker = UnionWorker.unscoped.select_for_update().get(pk=worker.pk)
    if worker.left_on is not None:
        raise FederationError(_("该工作者已离职。"), "left")
    current = Assignment.unscoped.filter(worker=worker, ends_on__isnull=True).first()
    if current is not None:
        if starts_on <= current.starts_on:
            raise FederationError(_("新的派驻应晚于当前派驻的起始日期。"), "dates")
        current.ends_on = starts_on - datetime.timedelta(days=1)
        current.save(update_fields=["ends_on"])
    assignment = Assignment.unscoped.create(
        worker=worker, street=street, post=post.strip()[:40], starts_on=starts_on
    )
    worker.node = street
    worker.save()
    audit_record(actor=actor, action="federation.worker.assign", target=assignment, audit=audit)
    return assignment


@transaction.atomic
def worker_grade(
    *,
    worker: UnionWorker,
    grade: str,
    graded_on: datetime.date,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> UnionWorker:
    if grade not in Grade.values:
        raise FederationError(_("未知的职称。"), "grade")
    worker = UnionWorker.unscoped.select_for_update().get(pk=worker.pk)
    worker.grade, worker.graded_on = grade, graded_on
    worker.save(update_fields=["grade", "graded_on"])
    audit_record(
        actor=actor, action="federation.worker.grade", target=worker, audit=audit, detail={"grade": grade}
    )
    return worker
