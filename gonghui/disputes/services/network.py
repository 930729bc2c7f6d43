"""The mediation network: its organizations, their mediators, the lawyers' panel, and
the routing rule that picks the organization a case goes to."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node, Unit

from ..errors import DisputeError
from ..models import (
    Channel,
    Lawyer,
    LawyerAssignment,
    MediationOrg,
    Mediator,
    OrgKind,
)


def route(*, unit: Unit, channel: str) -> MediationOrg:
    """Which organization mediates: the court room for court-entrusted cases; else the
    enterprise's own committee, then its union's committee, then the street's centre,
    then the district's centre."""
    active = MediationOrg.unscoped.filter(active=True)
    candidates: list[Q] = []
    if channel == Channel.COURT:
        candidates.append(Q(kind=OrgKind.COURT_ROOM))
    else:
        candidates.append(Q(kind=OrgKind.ENTERPRISE_COMMITTEE, unit=unit))
        if unit.union_id:
            candidates.append(Q(kind=OrgKind.ENTERPRISE_COMMITTEE, node_id=unit.union_id, unit__isnull=True))
        candidates.append(Q(kind=OrgKind.STREET_CENTRE, node_id=unit.street_id))
    candidates.append(Q(kind=OrgKind.DISTRICT_CENTRE))
    for rule in candidates:
        if org := active.filter(rule).order_by("id").first():
            return org
    raise DisputeError(_("尚未设立可受理该案件的调解组织。"))


@transaction.atomic
def mediation_org_create(
    *,
    name: str,
    kind: str,
    node: Node,
    actor: User,
    unit: Unit | None = None,
    established_on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> MediationOrg:
    if kind == OrgKind.ENTERPRISE_COMMITTEE and node.kind != Node.Kind.GRASSROOTS:
        raise DisputeError(_("企业调解委员会应设在基层工会。"))
    if kind == OrgKind.STREET_CENTRE and node.kind != Node.Kind.STREET:
        raise DisputeError(_("街镇法律援助工作站应设在街镇工会。"))
    try:
        with transaction.atomic():
            org = MediationOrg.unscoped.create(
                name=name, kind=kind, node=node, unit=unit, established_on=established_on
            )
    except IntegrityError:
        raise DisputeError(_("该组织已设立同类调解组织。")) from None
    audit_record(actor=actor, action="mediation_org.create", target=org, audit=audit)
    return org


@transaction.atomic
def mediation_org_close(
    *, org: MediationOrg, closed_on: datetime.date, actor: User, audit: AuditContext = NO_REQUEST
) -> MediationOrg:
    """The organization leaves the network from `closed_on` on; its mediators' seats end with it."""
    if org.established_on and closed_on < org.established_on:
        raise DisputeError(_("撤销日期不能早于成立日期。"))
    if not MediationOrg.unscoped.filter(pk=org.pk, active=True).update(active=False, closed_on=closed_on):
        raise DisputeError(_("该调解组织已撤销。"))
    org.refresh_from_db()
    audit_record(actor=actor, action="mediation_org.close", target=org, audit=audit)
    return org


@transaction.atomic
def mediator_appoint(
    *,
    user: User,
    org: MediationOrg,
    actor: User,
    invited: bool = False,
    appointed_on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Mediator:
    """Appoint (or appoint again) a mediator: serving from `appointed_on`, today by default."""
    if user.role != Role.MEDIATOR:
        raise DisputeError(_("只有调解员账号可以被聘为调解员。"))
    seat, _created = Mediator.unscoped.update_or_create(
        user=user,
        org=org,
        defaults={
            "invited": invited,
            "active": True,
            "appointed_on": appointed_on or timezone.localdate(),
            "left_on": None,
        },
    )
    audit_record(actor=actor, action="mediator.appoint", target=seat, audit=audit)
    return seat


@transaction.atomic
def mediator_leave(
    *, seat: Mediator, left_on: datetime.date, actor: User, audit: AuditContext = NO_REQUEST
) -> Mediator:
    """The mediator stops serving in the organization from `left_on` on."""
    if seat.appointed_on and left_on < seat.appointed_on:
        raise DisputeError(_("离任日期不能早于聘任日期。"))
    if not Mediator.unscoped.filter(pk=seat.pk, active=True).update(active=False, left_on=left_on):
        raise DisputeError(_("该调解员已离任。"))
    seat.refresh_from_db()
    audit_record(actor=actor, action="mediator.leave", target=seat, audit=audit)
    return seat


@transaction.atomic
def lawyer_assign(
    *,
    lawyer: Lawyer,
    street: Node,
    actor: User,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> LawyerAssignment:
    """Match a panel lawyer to a street, from `since` (today by default) until `until` (open)."""
    if since and until and until < since:
        raise DisputeError(_("解除日期不能早于结对日期。"))
    assignment, _created = LawyerAssignment.unscoped.update_or_create(
        lawyer=lawyer, street=street, defaults={"since": since or timezone.localdate(), "until": until}
    )
    audit_record(actor=actor, action="lawyer.assign", target=assignment, audit=audit)
    return assignment
