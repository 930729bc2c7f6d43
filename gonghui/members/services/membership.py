"""Writes on members, join applications and transfers. Each is one transaction
with its audit record; views, the API, imports and tasks all call these."""

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.ids import InvalidIdNumber, normalize_phone
from gonghui.lib.pinyin import initials
from gonghui.lib.roles import Role
from gonghui.lib.scoping import district_of, locked
from gonghui.lib.workdays import add_working_days
from gonghui.organizations.models import Node, Unit
from gonghui.organizations.signals import figures_changed

from ..identity import identity_from, phone_blind_index
from ..models import (
    IdProblem,
    JoinApplication,
    Member,
    MemberStatus,
    MemberStatusChange,
    RequestStatus,
    Transfer,
)
from .numbers import allocate_member_numbers

if TYPE_CHECKING:
    from gonghui.accounts.models import User


class MembershipError(ValidationError):
    pass


def response_due(start: datetime.date | None = None) -> datetime.date:
    return add_working_days(start or timezone.localdate(), settings.JOIN_RESPONSE_WORKING_DAYS)


def _record_status(member: Member, old: str, actor: "User", reason: str = "") -> None:
    MemberStatusChange.objects.create(
        member=member,
        from_status=old,
        to_status=member.status,
        union=member.union,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        reason=reason,
    )


def _parse_phone(raw: str) -> str:
    try:
        return normalize_phone(raw)
    except ValueError as exc:
        raise MembershipError(str(exc)) from None


def _parse_identity(raw: str) -> Any:
    try:
        return identity_from(raw)
    except InvalidIdNumber as exc:
        raise MembershipError(str(exc)) from None


@transaction.atomic
def join_application_submit(
    *,
    name: str,
    id_number: str,
    phone: str,
    unit: Unit,
    actor: "User | None" = None,
    audit: AuditContext = NO_REQUEST,
) -> JoinApplication:
    """A worker applies online; the application goes to the union covering their unit."""
    identity = _parse_identity(id_number)
    mobile = _parse_phone(phone)
    if unit.union is None:
        raise MembershipError(_("该单位尚未建立工会，请联系所在街镇工会。"))
    if Member.unscoped.filter(id_index=identity.index, status=MemberStatus.ACTIVE, id_problem="").exists():
        raise MembershipError(_("您已是在册会员，无需重复申请。"))
    if JoinApplication.unscoped.filter(id_index=identity.index, status=RequestStatus.PENDING).exists():
        raise MembershipError(_("您已有一份待审批的入会申请。"))
    application = JoinApplication.unscoped.create(
        name=name.strip(),
        id_number=identity.info.number,
        id_index=identity.index,
        phone=mobile,
        phone_index=phone_blind_index(mobile),
        unit=unit,
        union=unit.union,
        due_on=response_due(),
        applicant=actor if actor is not None and actor.role == Role.MEMBER else None,
    )
    audit_record(actor=actor, action="join.submit", target=application, audit=audit)
    return application


def _decide(application: JoinApplication) -> None:
    if application.status != RequestStatus.PENDING:
        raise MembershipError(_("该申请已处理。"))


@transaction.atomic
def join_application_approve(
    *, application: JoinApplication, actor: "User", audit: AuditContext = NO_REQUEST
) -> Member:
    application = JoinApplication.unscoped.select_for_update().get(pk=application.pk)
    _decide(application)
    identity = identity_from(application.id_number)
    existing = Member.unscoped.filter(id_index=identity.index, id_problem="").first()
    if existing and existing.status == MemberStatus.ACTIVE:
        raise MembershipError(_("此人已是在册会员，请走会员关系接转。"))
    if existing:
        member = existing
        old = member.status
        member.status, member.union, member.unit = MemberStatus.ACTIVE, application.union, application.unit
        member.joined_on = timezone.localdate()
        member.save()
        _record_status(member, old, actor, _("重新入会"))
    else:
        member = member_create(
            name=application.name,
            id_number=application.id_number,
            phone=application.phone,
            union=application.union,
            unit=application.unit,
            actor=actor,
            audit=audit,
        )
    application.status, application.member = RequestStatus.APPROVED, member
    application.decided_at, application.decided_by = timezone.now(), actor
    application.save()
    audit_record(actor=actor, action="join.approve", target=application, audit=audit)
    return member


@transaction.atomic
def join_application_reject(
    *, application: JoinApplication, reason: str, actor: "User", audit: AuditContext = NO_REQUEST
) -> None:
    if not reason.strip():
        raise MembershipError(_("驳回时请填写理由。"))
    application = JoinApplication.unscoped.select_for_update().get(pk=application.pk)
    _decide(application)
    application.status, application.reason = RequestStatus.REJECTED, reason.strip()
    application.decided_at, application.decided_by = timezone.now(), actor
    application.save()
    audit_record(actor=actor, action="join.reject", target=application, audit=audit)


@transaction.atomic
def member_create(
    *,
    name: str,
    id_number: str,
    union: Node,
    actor: "User",
    phone: str = "",
    unit: Unit | None = None,
    joined_on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
    **fields: Any,
) -> Member:
    identity = _parse_identity(id_number)
    mobile = _parse_phone(phone) if phone else ""
    member = Member(
        name=name.strip(),
        id_number=identity.info.number,
        id_index=identity.index,
        gender=identity.info.gender,
        birth_date=identity.info.birth_date,
        phone=mobile,
        phone_index=phone_blind_index(mobile) if mobile else "",
        union=union,
        unit=unit,
        joined_on=joined_on or timezone.localdate(),
        member_no=allocate_member_numbers(1)[0],
        **fields,
    )
    member.name_initials = initials(member.name)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise MembershipError(_("该身份证号已登记为会员。")) from None
    _record_status(member, "", actor)
    audit_record(actor=actor, action="member.create", target=member, audit=audit)
    figures_changed.send(sender=Member)
    return member


@transaction.atomic
def member_set_status(
    *, member: Member, status: str, actor: "User", reason: str = "", audit: AuditContext = NO_REQUEST
) -> Member:
    member = locked(Member, member)
    if status not in MemberStatus.values or status == MemberStatus.TRANSFERRED:
        raise MembershipError(_("无效的会籍状态。"))
    old = member.status
    member.status = status
    member.save(update_fields=["status"])
    _record_status(member, old, actor, reason)
    audit_record(
        actor=actor,
        action="member.status",
        target=member,
        audit=audit,
        detail={"from": old, "to": status},
    )
    figures_changed.send(sender=Member)
    return member


@transaction.atomic
def member_correct_id(
    *, member: Member, id_number: str, actor: "User", audit: AuditContext = NO_REQUEST
) -> Member:
    """Fix a flagged record; it counts again once its ID is valid and unique."""
    identity = _parse_identity(id_number)
    member = locked(Member, member)
    if Member.unscoped.filter(id_index=identity.index, id_problem="").exclude(pk=member.pk).exists():
        raise MembershipError(_("该身份证号已属于另一位会员。"))
    member.id_number, member.id_index = identity.info.number, identity.index
    member.gender, member.birth_date = identity.info.gender, identity.info.birth_date
    member.id_problem = IdProblem.NONE
    member.save()
    audit_record(actor=actor, action="member.correct_id", target=member, audit=audit)
    figures_changed.send(sender=Member)
    return member


@transaction.atomic
def transfer_request(
    *,
    member: Member,
    to_union: Node,
    actor: "User",
    to_unit: Unit | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Transfer:
    if member.status != MemberStatus.ACTIVE:
        raise MembershipError(_("只有在册会员可以办理接转。"))
    if to_union.kind != Node.Kind.GRASSROOTS or to_union.pk == member.union_id:
        raise MembershipError(_("请选择另一个基层工会。"))
    if to_unit is not None and to_unit.district != district_of(to_union.path):
        raise MembershipError(_("所选单位不在接收工会所在的区域。"))
    try:
        with transaction.atomic():
            transfer = Transfer.unscoped.create(
                member=member,
                from_union=member.union,
                to_union=to_union,
                to_unit=to_unit,
                requested_by=actor,
                due_on=response_due(),
            )
    except IntegrityError:
        raise MembershipError(_("该会员已有一项待处理的接转。")) from None
    audit_record(actor=actor, action="transfer.request", target=transfer, audit=audit)
    return transfer


def _kept_employer(member: Member, to_union: Node) -> Unit | None:
    """A member moved without a new employer keeps theirs within its district; moved to another
    district, they have left it (a city's cluster keeps a member and their employer on one shard,
    and its foreign key refuses any other pair)."""
    unit = member.unit
    return unit if unit is not None and unit.district == district_of(to_union.path) else None


@transaction.atomic
def transfer_approve(*, transfer: Transfer, actor: "User", audit: AuditContext = NO_REQUEST) -> Member:
    """The receiving union accepts: the member moves, keeping one record and its history."""
    transfer = Transfer.unscoped.select_for_update().get(pk=transfer.pk)
    if transfer.status != RequestStatus.PENDING:
        raise MembershipError(_("该接转已处理。"))
    member = locked(Member, transfer.member_id)
    old_union = member.union
    member.unit = transfer.to_unit or _kept_employer(member, transfer.to_union)
    member.union = transfer.to_union
    member.save()
    MemberStatusChange.objects.create(
        member=member,
        from_status=MemberStatus.ACTIVE,
        to_status=MemberStatus.ACTIVE,
        union=member.union,
        at=timezone.now(),
        actor=actor,
        reason=_("由%(from)s转入") % {"from": old_union.name},
    )
    Transfer.unscoped.filter(pk=transfer.pk).update(
        status=RequestStatus.APPROVED, decided_at=timezone.now(), decided_by=actor
    )
    audit_record(actor=actor, action="transfer.approve", target=transfer, audit=audit)
    figures_changed.send(sender=Member)
    return member


@transaction.atomic
def transfer_reject(
    *, transfer: Transfer, reason: str, actor: "User", audit: AuditContext = NO_REQUEST
) -> None:
    if not reason.strip():
        raise MembershipError(_("驳回时请填写理由。"))
    updated = Transfer.unscoped.filter(pk=transfer.pk, status=RequestStatus.PENDING).update(
        status=RequestStatus.REJECTED, reason=reason.strip(), decided_at=timezone.now(), decided_by=actor
    )
    if not updated:
        raise MembershipError(_("该接转已处理。"))
    audit_record(actor=actor, action="transfer.reject", target=transfer, audit=audit)


def member_reveal(*, member: Member, field: str, actor: "User", audit: AuditContext = NO_REQUEST) -> str:
    """The full value of a masked field, for a permitted role, audited before it is shown."""
    if field not in ("id_number", "phone") or not actor.can_reveal:
        audit_record(
            actor=actor,
            action="member.reveal",
            target=member,
            audit=audit,
            result="denied",
            detail={"field": field},
        )
        raise PermissionError
    with transaction.atomic():
        audit_record(actor=actor, action="member.reveal", target=member, audit=audit, detail={"field": field})
    return str(getattr(member, field))


def member_read(*, member: Member, actor: "User", audit: AuditContext = NO_REQUEST) -> None:
    audit_record(actor=actor, action="member.read", target=member, audit=audit)
