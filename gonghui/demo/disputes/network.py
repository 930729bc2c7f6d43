"""The mediation network: its organizations, the mediator accounts and the lawyers' panel."""

import datetime
import random
from typing import Any

from django.contrib.auth.hashers import make_password

from gonghui.accounts.models import User
from gonghui.disputes.models import (
    Lawyer,
    LawyerAssignment,
    MediationOrg,
    Mediator,
    OrgKind,
)
from gonghui.lib.bulk import insert_rows
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node, Unit

from .. import people

TARGET_ORGS = 2215
COMMITTEE_SHARE = 0.905
COURT_MEDIATORS = 10
ESTABLISHED = datetime.date(2013, 6, 1)  # the network's centres and the court room
AS_OF = datetime.date(2016, 12, 31)
DEMO_PASSWORD = "gonghui-demo-2026"
FIRMS = [
    "申江律师事务所",
    "杨浦律师事务所",
    "复兴律师事务所",
    "东方明珠律师事务所",
    "同济律师事务所",
    "五角场律师事务所",
]


def seed_network(rng: random.Random, *, scale: float) -> dict[str, Any]:
    root = Node.objects.get_first_root_node()
    streets = list(Node.objects.filter(kind=Node.Kind.STREET).order_by("path"))
    industries = list(Node.objects.filter(kind=Node.Kind.INDUSTRY).order_by("path"))
    unions = list(Node.objects.filter(kind=Node.Kind.GRASSROOTS).order_by("path"))
    established = ESTABLISHED
    rows: list[tuple[Any, ...]] = [
        (f"{root.name}法律援助中心", OrgKind.DISTRICT_CENTRE, root.pk, None, established, True, root.path),
        (f"{root.name}区人民法院工会调解室", OrgKind.COURT_ROOM, root.pk, None, established, True, root.path),
    ]
    rows += [
        (f"{s.name}法律援助工作站", OrgKind.STREET_CENTRE, s.pk, None, established, True, s.path)
        for s in streets
    ]
    rows += [
        (f"{n.name}劳动争议调解委员会", OrgKind.INDUSTRY_COMMITTEE, n.pk, None, established, True, n.path)
        for n in industries
    ]
    # The demo's chair always has a committee (its "mediator" account sits on it), whatever the
    # draws before this one, which depend on the time of day the demo is seeded.
    chair_union = User.objects.filter(username="chair").values_list("node_id", flat=True).first()
    with_committee = [u for u in unions if rng.random() < COMMITTEE_SHARE or u.pk == chair_union]
    rows += [
        (f"{u.name}劳动争议调解委员会", OrgKind.ENTERPRISE_COMMITTEE, u.pk, None, u.founded_on, True, u.path)
        for u in with_committee
    ]
    # The rest: enterprises of joint unions with a committee of their own, the largest first,
    # so that the end of 2016 has the seed's 2,215 (committees of unions founded since come on top).
    wanted = max(0, round(TARGET_ORGS * scale) - sum(1 for row in rows if row[4] is None or row[4] <= AS_OF))
    committee_unions = {u.pk: u for u in with_committee if u.founded_on is None or u.founded_on <= AS_OF}
    big_units = (
        Unit.unscoped.filter(union_id__in=list(committee_unions), covered_on__lte=AS_OF)
        .order_by("-workforce", "id")
        .values_list("pk", "name", "union_id", "covered_on")[:wanted]
    )
    rows += [
        (
            f"{name}劳动争议调解委员会",
            OrgKind.ENTERPRISE_COMMITTEE,
            union_id,
            pk,
            covered,
            True,
            committee_unions[union_id].path,
        )
        for pk, name, union_id, covered in big_units
    ]
    columns = ["name", "kind", "node_id", "unit_id", "established_on", "active", "path"]
    insert_rows(MediationOrg._meta.db_table, columns, rows)
    return {"root": root, "streets": streets, "orgs": len(rows), "committee_unions": len(with_committee)}


def seed_people(rng: random.Random, streets: list[Node]) -> dict[str, Any]:
    """Mediator accounts for the centres and the court room, and the lawyers' panel."""
    password = make_password(DEMO_PASSWORD)
    orgs = {
        o.pk: o for o in MediationOrg.unscoped.exclude(kind=OrgKind.ENTERPRISE_COMMITTEE, unit__isnull=False)
    }
    court = next(o for o in orgs.values() if o.kind == OrgKind.COURT_ROOM)
    centre = next(o for o in orgs.values() if o.kind == OrgKind.DISTRICT_CENTRE)
    chair = User.objects.filter(username="chair").first()
    chair_committee = (
        MediationOrg.unscoped.filter(node_id=chair.node_id, unit__isnull=True).first()
        if chair and chair.node_id
        else None
    )
    seats: list[tuple[str, MediationOrg, bool]] = [
        (f"court{i + 1}", court, True) for i in range(COURT_MEDIATORS)
    ]
    seats += [(f"legal{i + 1}", centre, False) for i in range(3)]
    for org in orgs.values():
        if org.kind == OrgKind.STREET_CENTRE:
            seats += [(f"street{org.node_id}m{i + 1}", org, False) for i in range(2)]
    if chair_committee:
        seats.append(("mediator", chair_committee, False))
    users = User.objects.bulk_create(
        [
            User(username=name, role=Role.MEDIATOR, password=password, first_name=people.person_name(rng))
            for name, _org, _invited in seats
        ]
    )
    by_name = {u.username: u for u in User.objects.filter(username__in=[s[0] for s in seats])}
    Mediator.unscoped.bulk_create(
        [
            Mediator(
                user=by_name[name],
                org=org,
                invited=invited,
                path=org.path,
                appointed_on=max(org.established_on or ESTABLISHED, ESTABLISHED),
            )
            for name, org, invited in seats
        ]
    )
    lawyers = []
    root_path = Node.objects.get_first_root_node().path
    for n in range(len(streets)):
        for k in range(2):
            lawyers.append(
                Lawyer(
                    name=people.person_name(rng),
                    firm=rng.choice(FIRMS),
                    license_no=f"131012019{n:03d}{k:05d}",
                    phone=people.mobile(rng),
                    path=root_path,
                )
            )
    lawyers = Lawyer.unscoped.bulk_create(lawyers)
    LawyerAssignment.unscoped.bulk_create(
        [
            LawyerAssignment(
                lawyer=lawyer, street=streets[i // 2], path=streets[i // 2].path, since=ESTABLISHED
            )
            for i, lawyer in enumerate(lawyers)
        ]
    )
    return {"mediators": len(users), "lawyers": len(lawyers), "chair_committee": chair_committee}
