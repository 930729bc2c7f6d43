"""The transfers between unions since 2017, and a few live items for the queues: join
applications and transfers waiting for an answer."""

import datetime
import random
from typing import Any

from gonghui.members.models import Member, MemberStatus
from gonghui.members.services import MembershipError, join_application_submit, transfer_request
from gonghui.organizations.models import Node, Unit

from . import people
from .spine.later import seed_transfers


def seed_queues(rng: random.Random, *, actor: Any) -> Member | None:
    seed_transfers(rng, actor=actor)
    units = list(Unit.unscoped.filter(union__isnull=False).select_related("union").order_by("id")[:400])
    for unit in rng.sample(units, min(12, len(units))):
        birth = people.birth_date(rng, as_of=datetime.date(2026, 1, 1))
        try:
            join_application_submit(
                name=people.person_name(rng),
                id_number=people.id_number(rng, birth=birth, male=rng.random() < 0.5, migrant=True),
                phone=people.mobile(rng),
                unit=unit,
                actor=actor,
            )
        except MembershipError:
            continue
    unions = list(Node.objects.filter(kind=Node.Kind.GRASSROOTS).order_by("path")[:50])
    movers = Member.unscoped.filter(status=MemberStatus.ACTIVE, id_problem="").order_by("id")[:6]
    for member in movers:
        target = rng.choice([u for u in unions if u.pk != member.union_id])
        transfer_request(member=member, to_union=target, actor=actor)
    return demo_member()


def demo_member() -> Member | None:
    """The member the demo logs in as: the first active member with a phone of the first union."""
    first_union = Node.objects.filter(kind=Node.Kind.GRASSROOTS).order_by("path").first()
    if first_union is None:
        return None
    return (
        Member.unscoped.filter(union=first_union, status=MemberStatus.ACTIVE, id_problem="")
        .exclude(phone="")
        .first()
    )
