"""Joint inspections: the weekly Wednesday round and the pre-Spring-Festival wage checks.
A visit's finding may open a case in the mediation network."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node, Unit

from ..errors import DisputeError
from ..models import (
    CHECKLISTS,
    Category,
    Channel,
    Inspection,
    InspectionKind,
    InspectionStatus,
    InspectionVisit,
)
from .cases import Worker, case_register

WEDNESDAY = 2


@transaction.atomic
def inspection_schedule(
    *, kind: str, date: datetime.date, street: Node, actor: User, audit: AuditContext = NO_REQUEST
) -> Inspection:
    if kind == InspectionKind.WEEKLY and date.weekday() != WEDNESDAY:
        raise DisputeError(_("每周联合检查安排在星期三。"))
    if street.kind != Node.Kind.STREET:
        raise DisputeError(_("检查按街镇安排。"))
    try:
        with transaction.atomic():
            inspection = Inspection.unscoped.create(kind=kind, date=date, street=street)
    except IntegrityError:
        raise DisputeError(_("该街镇当天已安排同类检查。")) from None
    audit_record(actor=actor, action="inspection.schedule", target=inspection, audit=audit)
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
    actor: User,
    open_case: bool = False,
    category: str = Category.WAGES,
    audit: AuditContext = NO_REQUEST,
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
            audit=audit,
        )
        visit.save(update_fields=["case"])
    Inspection.unscoped.filter(pk=inspection.pk).update(status=InspectionStatus.DONE)
    audit_record(actor=actor, action="inspection.visit", target=visit, audit=audit)
    return visit
