"""Named lists of members kept by one module for another to read (see models/groups.py)."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node

from ..models import Member, MemberGroup

if TYPE_CHECKING:
    from gonghui.accounts.models import User


@transaction.atomic
def member_group_sync(
    *,
    source: str,
    name: str,
    node: Node,
    members: Iterable[Member],
    actor: "User | None",
    audit: AuditContext = NO_REQUEST,
) -> MemberGroup:
    """Create or replace the list a module keeps under `source` (e.g. "competitions.team:12"):
    the same source always names the same list, so a module may sync it as often as it likes."""
    group, _created = MemberGroup.unscoped.update_or_create(
        source=source, defaults={"name": name, "node": node}
    )
    group.members.set(list(members))
    audit_record(
        actor=actor, action="member.group.sync", target=group, audit=audit, detail={"source": source}
    )
    return group
