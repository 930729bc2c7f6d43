"""Writes on the innovation studios: naming one, its members and its results."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from ..errors import HonoursError
from ..models import Studio, StudioMember, StudioResult
from .common import require_scope


@transaction.atomic
def studio_create(
    *,
    node: Node,
    name: str,
    level: str,
    topic: str,
    founded_on: datetime.date,
    actor: User,
    leader: Member | None = None,
    leader_name: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Studio:
    require_scope(actor, node.path)
    if leader is None and not leader_name.strip():
        raise HonoursError(_("请填写领衔人。"), "leader")
    try:
        with transaction.atomic():
            studio = Studio(
                node=node,
                name=name.strip(),
                level=level,
                topic=topic.strip(),
                leader=leader,
                leader_name=leader.name if leader else leader_name.strip(),
                founded_on=founded_on,
            )
            studio.full_clean(exclude=["path", "name"])
            studio.save()
    except IntegrityError:
        raise HonoursError(_("已有同名的工作室。"), "duplicate") from None
    if leader is not None:
        StudioMember.objects.create(studio=studio, member=leader, joined_on=founded_on)
    audit_record(actor=actor, action="honours.studio.create", target=studio, audit=audit)
    return studio


@transaction.atomic
def studio_member_add(
    *, studio: Studio, member: Member, actor: User, audit: AuditContext = NO_REQUEST
) -> StudioMember:
    require_scope(actor, studio.path)
    try:
        with transaction.atomic():
            link = StudioMember.objects.create(studio=studio, member=member, joined_on=timezone.localdate())
    except IntegrityError:
        raise HonoursError(_("该会员已是工作室成员。"), "duplicate") from None
    audit_record(
        actor=actor,
        action="honours.studio.member_add",
        target=studio,
        audit=audit,
        detail={"member": member.pk},
    )
    return link


@transaction.atomic
def studio_result_add(
    *,
    studio: Studio,
    title: str,
    kind: str,
    achieved_on: datetime.date,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> StudioResult:
    require_scope(actor, studio.path)
    if not title.strip():
        raise HonoursError(_("请填写成果名称。"), "title")
    result = StudioResult.objects.create(
        studio=studio, title=title.strip(), kind=kind, achieved_on=achieved_on
    )
    audit_record(
        actor=actor,
        action="honours.studio.result_add",
        target=studio,
        audit=audit,
        detail={"result": result.pk},
    )
    return result
