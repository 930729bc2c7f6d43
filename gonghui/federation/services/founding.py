"""Founding a union online: the application, its routing and answer, the founding recorded
(through the spine, which creates the union and covers the unit), and the joining drives."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.ids import InvalidPhone, normalize_phone
from gonghui.lib.workdays import add_working_days
from gonghui.organizations.models import Node, Unit
from gonghui.organizations.services import OrganizationError, union_found

from ..errors import FederationError
from ..models import DriveJoining, FoundingApplication, FoundingStatus, JoiningDrive

# The street or park union answers an application within this many working days.
FOUNDING_RESPONSE_WORKING_DAYS = 15


def founding_route(unit: Unit, park: Node | None = None) -> Node:
    """Where an application goes: the park union named, when it is one of the unit's street,
    else the unit's street."""
    if park is not None and park.kind == Node.Kind.PARK and park.path.startswith(unit.street.path):
        return park
    return unit.street


@transaction.atomic
def founding_submit(
    *,
    unit: Unit,
    applicant_kind: str,
    contact_name: str,
    contact_phone: str,
    workers: int,
    park: Node | None = None,
    submitted_on: datetime.date | None = None,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> FoundingApplication:
    if unit.union_id is not None:
        raise FederationError(_("该单位已建立工会，无需申请。"), "covered")
    try:
        phone = normalize_phone(contact_phone) if contact_phone.strip() else ""
    except InvalidPhone as error:
        raise FederationError(str(error), "phone") from None
    if not contact_name.strip():
        raise FederationError(_("请填写联系人。"), "contact")
    day = submitted_on or timezone.localdate()
    application = FoundingApplication(
        unit=unit,
        applicant_kind=applicant_kind,
        contact_name=contact_name.strip()[:40],
        contact_phone=phone,
        workers=workers,
        routed_to=founding_route(unit, park),
        submitted_on=day,
        due_on=add_working_days(day, FOUNDING_RESPONSE_WORKING_DAYS),
        applicant=actor if actor is not None and actor.role == "member" else None,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise FederationError(_("该单位已有一份办理中的建会申请。"), "duplicate") from None
    audit_record(actor=actor, action="federation.founding.submit", target=application, audit=audit)
    return application


def _open(application: FoundingApplication, *states: str) -> FoundingApplication:
    locked = FoundingApplication.unscoped.select_for_update().get(pk=application.pk)
    if locked.status not in states:
        raise FederationError(_("该申请已处理。"), "state")
    return locked


@transaction.atomic
def founding_accept(
    *, application: FoundingApplication, actor: User, audit: AuditContext = NO_REQUEST
) -> FoundingApplication:
    application = _open(application, FoundingStatus.SUBMITTED)
    application.status = FoundingStatus.ACCEPTED
    application.accepted_on = timezone.localdate()
    application.save(update_fields=["status", "accepted_on"])
    audit_record(actor=actor, action="federation.founding.accept", target=application, audit=audit)
    return application


@transaction.atomic
def founding_reject(
    *, application: FoundingApplication, reason: str, actor: User, audit: AuditContext = NO_REQUEST
) -> FoundingApplication:
    if not reason.strip():
        raise FederationError(_("请填写不予受理的理由。"), "reason")
    application = _open(application, FoundingStatus.SUBMITTED, FoundingStatus.ACCEPTED)
    application.status = FoundingStatus.REJECTED
    application.reason = reason.strip()[:200]
    application.save(update_fields=["status", "reason"])
    audit_record(actor=actor, action="federation.founding.reject", target=application, audit=audit)
    return application


@transaction.atomic
def founding_record(
    *,
    application: FoundingApplication,
    union_name: str,
    chair_name: str,
    first_meeting_on: datetime.date,
    founded_on: datetime.date,
    founding_members: int,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> FoundingApplication:
    """The first members' meeting was held and the chair elected: the spine founds the union
    and covers the unit (the coverage rates move); the application is done."""
    application = _open(application, FoundingStatus.SUBMITTED, FoundingStatus.ACCEPTED)
    if not chair_name.strip():
        raise FederationError(_("请填写当选的工会主席。"), "chair")
    if first_meeting_on > founded_on:
        raise FederationError(_("建会日期不能早于会员大会。"), "dates")
    if founding_members < 1:
        raise FederationError(_("请填写首批会员人数。"), "members")
    unit = Unit.unscoped.select_related("street").get(pk=application.unit_id)
    try:
        union = union_found(
            unit=unit,
            parent=application.routed_to,
            name=union_name,
            founded_on=founded_on,
            chair_name=chair_name,
            actor=actor,
            audit=audit,
        )
    except OrganizationError as error:
        raise FederationError(error.messages[0], "spine") from None
    application.status = FoundingStatus.FOUNDED
    application.union = union
    application.founded_on = founded_on
    application.first_meeting_on = first_meeting_on
    application.chair_name = chair_name.strip()[:40]
    application.founding_members = founding_members
    application.accepted_on = application.accepted_on or founded_on
    application.save()
    audit_record(actor=actor, action="federation.founding.record", target=application, audit=audit)
    return application


@transaction.atomic
def drive_create(
    *,
    node: Node,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    target: int,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> JoiningDrive:
    if ends_on < starts_on:
        raise FederationError(_("结束日期不能早于开始日期。"), "dates")
    drive = JoiningDrive.unscoped.create(
        node=node, name=name.strip()[:120], starts_on=starts_on, ends_on=ends_on, target=target
    )
    audit_record(actor=actor, action="federation.drive.create", target=drive, audit=audit)
    return drive


@transaction.atomic
def drive_joining_record(
    *,
    drive: JoiningDrive,
    held_on: datetime.date,
    joined: int,
    unit: Unit | None = None,
    note: str = "",
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> DriveJoining:
    if joined < 1:
        raise FederationError(_("入会人数应大于零。"), "joined")
    if not drive.starts_on <= held_on <= drive.ends_on:
        raise FederationError(_("日期不在本次行动期间。"), "dates")
    if unit is not None and not unit.path.startswith(drive.path[:8]):
        raise FederationError(_("该单位不在本次行动的范围内。"), "unit")
    joining = DriveJoining.unscoped.create(
        drive=drive, unit=unit, held_on=held_on, joined=joined, note=note[:200]
    )
    audit_record(actor=actor, action="federation.drive.joining", target=joining, audit=audit)
    return joining
