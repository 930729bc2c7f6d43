"""The mediation network: its organizations, their mediators, the lawyers' panel, and
the routing rule that picks the organization a case goes to."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
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
def mediator_appoint(
    *, user: User, org: MediationOrg, actor: User, invited: bool = False, audit: AuditContext = NO_REQUEST
) -> Mediator:
    if user.role != Role.MEDIATOR:
        raise DisputeError(_("只有调解员账号可以被聘为调解员。"))
    seat, _created = Mediator.unscoped.update_or_create(
        user=user, org=org, defaults={"invited": invited, "active": True}
    )
    audit_record(actor=actor, action="mediator.appoint", target=seat, audit=audit)
    return seat


@transaction.atomic
def lawyer_assign(
    *, lawyer: Lawyer, street: Node, actor: User, audit: AuditContext = NO_REQUEST
) -> LawyerAssignment:
    assignment, _created = LawyerAssignment.unscoped.get_or_create(lawyer=lawyer, street=street)
    audit_record(actor=actor, action="lawyer.assign", target=assignment, audit=audit)
    return assignment
