"""Writes on the tree that modules ask for: a union founded for an employer unit. The tree and
the coverage of units are the spine's, so a module that records a founding calls this."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.scoping import locked

from ..models import Node, Unit
from ..signals import figures_changed

if TYPE_CHECKING:
    from gonghui.accounts.models import User

# The nodes a new grassroots union may hang under: its street, or a union of that street.
FOUNDING_PARENTS = (
    Node.Kind.STREET,
    Node.Kind.INDUSTRY,
    Node.Kind.PARK,
    Node.Kind.BUILDING,
    Node.Kind.REGIONAL,
)


class OrganizationError(ValidationError):
    pass


@transaction.atomic
def union_found(
    *,
    unit: Unit,
    parent: Node,
    name: str,
    founded_on: datetime.date,
    chair_name: str,
    actor: "User | None",
    audit: AuditContext = NO_REQUEST,
) -> Node:
    """Found a grassroots union for an uncovered unit: a new node under `parent` (the unit's
    street or a union of it), and the unit covered by it from `founded_on`, which moves the
    coverage rates. The unit's row is locked, so a unit is never covered twice, and the
    parent's, so two foundings under it never take the same path."""
    name = name.strip()
    if not name:
        raise OrganizationError(_("请填写工会名称。"))
    if founded_on > timezone.localdate():
        raise OrganizationError(_("成立日期不能晚于今天。"))
    held = locked(Unit, unit)  # by its district too on Citus, which locks rows of one shard only
    if held.union_id is not None:
        raise OrganizationError(_("该单位已有工会。"))
    holder = Node.objects.select_for_update().get(pk=parent.pk)
    if holder.kind not in FOUNDING_PARENTS or not holder.path.startswith(held.street.path):
        raise OrganizationError(_("新建工会只能隶属于单位所在街镇或其下的行业、园区、楼宇、区域工会。"))
    node: Node = Node.objects.add_child(
        holder,
        {
            "name": name[:120],
            "kind": Node.Kind.GRASSROOTS,
            "founded_on": founded_on,
            "chair_name": chair_name.strip()[:40],
        },
    )
    held.union = node
    held.covered_on = founded_on
    held.save()
    unit.union, unit.covered_on, unit.path, unit.district = node, founded_on, held.path, held.district
    audit_record(
        actor=actor,
        action="organizations.union.found",
        target=node,
        audit=audit,
        detail={"unit": held.pk, "parent": holder.pk, "founded_on": founded_on.isoformat()},
    )
    figures_changed.send(sender=Node)
    return node
