"""A member's correction and deletion requests (PIPL art. 46-47): filed from the portal,
answered by their union by the deadline, with what was done or why not."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.ids import InvalidIdNumber
from gonghui.members.identity import identity_from
from gonghui.members.models import Member
from gonghui.members.services import CORRECTABLE_FIELDS, MembershipError, clean_member_value, member_update

from ..models import DataRequest, RequestKind, RequestStatus
from .download import PrivacyError
from .erasure import member_erase

if TYPE_CHECKING:
    from gonghui.accounts.models import User


def request_due(start: datetime.date | None = None) -> datetime.date:
    return (start or timezone.localdate()) + datetime.timedelta(days=settings.PRIVACY_RESPONSE_DAYS)


def _check_value(field: str, value: str) -> str:
    """The value as the record would take it, so a bad number is refused at once, not by the staff."""
    try:
        if field == "id_number":
            return str(identity_from(value).info.number)
        return clean_member_value(field, value) if value else value
    except InvalidIdNumber as exc:
        raise PrivacyError(str(exc)) from None
    except MembershipError as error:
        raise PrivacyError(error.messages[0]) from None


def _file(member: Member, kind: str, actor: "User", audit: AuditContext, **fields: str) -> DataRequest:
    if getattr(member, "user", None) != actor:
        raise PermissionError
    try:
        with transaction.atomic():
            request = DataRequest.unscoped.create(
                kind=kind, member=member, requester=actor, union=member.union, due_on=request_due(), **fields
            )
    except IntegrityError:
        raise PrivacyError(_("您已有一项同类申请正在办理，请等待答复。")) from None
    audit_record(actor=actor, action=f"privacy.{kind}.request", target=request, audit=audit)
    return request


@transaction.atomic
def correction_request(
    *, member: Member, field: str, value: str, note: str = "", actor: "User", audit: AuditContext = NO_REQUEST
) -> DataRequest:
    if field not in CORRECTABLE_FIELDS:
        raise PrivacyError(_("请选择要更正的项目。"))
    value = _check_value(field, value.strip())
    if not value and not note.strip():
        raise PrivacyError(_("请填写正确的内容或说明。"))
    return _file(
        member, RequestKind.CORRECTION, actor, audit, field=field, value=value, note=note.strip()[:500]
    )


@transaction.atomic
def deletion_request(
    *, member: Member, note: str = "", actor: "User", audit: AuditContext = NO_REQUEST
) -> DataRequest:
    return _file(member, RequestKind.DELETION, actor, audit, note=note.strip()[:500])


def _close(request: DataRequest, status: str, reason: str, actor: "User") -> None:
    updated = DataRequest.unscoped.filter(pk=request.pk, status=RequestStatus.PENDING).update(
        status=status, reason=reason, resolved_at=timezone.now(), resolved_by=actor
    )
    if not updated:
        raise PrivacyError(_("该申请已办结。"))


@transaction.atomic
def request_apply(*, request: DataRequest, actor: "User", audit: AuditContext = NO_REQUEST) -> DataRequest:
    """Do what the member asked: correct the field through the members' own service, or erase
    what the law lets go (see member_erase)."""
    request = DataRequest.unscoped.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise PrivacyError(_("该申请已办结。"))
    if request.kind == RequestKind.CORRECTION:
        if not request.value:
            raise PrivacyError(
                _("该申请没有填写更正内容：请按说明核实后在会员档案中修改，或填写理由不予办理。")
            )
        try:
            member_update(
                member=request.member, changes={request.field: request.value}, actor=actor, audit=audit
            )
        except MembershipError as error:
            raise PrivacyError(error.messages[0]) from None
        reason = _("已按您的申请更正。")
    else:
        member_erase(member=request.member, cause="request", actor=actor, audit=audit)
        reason = _("已删除您的身份信息；依法须保存的记录已保留，见下方说明。")
    _close(request, RequestStatus.DONE, reason, actor)
    audit_record(actor=actor, action=f"privacy.{request.kind}.apply", target=request, audit=audit)
    request.refresh_from_db()
    return request


@transaction.atomic
def request_refuse(
    *, request: DataRequest, reason: str, actor: "User", audit: AuditContext = NO_REQUEST
) -> DataRequest:
    if not reason.strip():
        raise PrivacyError(_("不予办理时请填写理由。"))
    _close(request, RequestStatus.REFUSED, reason.strip()[:500], actor)
    audit_record(actor=actor, action=f"privacy.{request.kind}.refuse", target=request, audit=audit)
    request.refresh_from_db()
    return request
