"""The spine's id-taking routes: the tree, units, members, join and transfer requests, roster
imports, KPIs, and the JSON API over them."""

from gonghui.members.models import Member, RosterImport, Transfer
from gonghui.members.roster.jobs import roster_import_create, validate_roster_import
from gonghui.members.services import join_application_submit, transfer_request
from gonghui.organizations.models import Node
from gonghui.testing.district import District, make_id, make_phone

from .base import Group, Objects, Place, Target, ids, reach

# A roster with one bad row, so the import has an error report to download.
ROSTER = "姓名,公民身份号码,联系电话,入会时间\n赵导入,310110198503120000,13900000000,2015-3-1\n".encode()

ROUTES = {
    "organizations:node": Target("node"),
    "organizations:unit": Target("unit"),
    "results:kpis": Target("node"),
    "api:node_detail": Target("node"),
    "api:node_children": Target("node"),
    "api:node_kpis": Target("node"),
    "api:unit_detail": Target("unit"),
    "members:detail": Target("member"),
    # A member reads their own record through the API, and nothing else.
    "api:member_detail": Target("member", reach(member=frozenset({"own"}))),
    "api:member_bookings": Target("member", reach(member=frozenset({"own"}))),
    "members:reveal": Target("member", post={"field": "id_number"}),
    "members:status": Target("member", post={"status": "left", "reason": "离职"}),
    "members:transfer": Target("member", post={"to_union": "平凉标记丙公司工会"}),
    "members:join-approve": Target("join"),
    "members:join-reject": Target("join", post={"reason": "不符合条件"}),
    "members:transfer-approve": Target("transfer"),
    "members:transfer-reject": Target("transfer", post={"reason": "不符合条件"}),
    "members:import": Target("roster"),
    "members:import-confirm": Target("roster"),
    # Cancelling deletes the job's files, which no rollback restores: it gets jobs of its own.
    "members:import-cancel": Target("roster_queued"),
    "members:import-mapping": Target("roster"),
    "members:import-errors": Target("roster"),
}


def joins(places: dict[str, Place]) -> dict[str, int]:
    return {
        relation: join_application_submit(
            name=f"申请人{relation}",
            id_number=make_id(900 + i, birth="19920101"),
            phone=make_phone(900 + i),
            unit=place.unit,
        ).pk
        for i, (relation, place) in enumerate(places.items())
        if place.member is not None
    }


def transfers(d: District, places: dict[str, Place]) -> dict[str, Transfer]:
    """A transfer is visible to both its unions: each is pinned to one union, so it has one relation."""
    staff = d.users["district"]
    movers = {
        "own": (d.members["colleague"], d.dinghai_union),
        "subtree": (d.members["subtree"], d.dinghai_union_b),
        "sibling": (d.members["sibling2"], d.pingliang_union),
        "unrelated": (places["unrelated"].member, places["unrelated"].node),
    }
    found = {}
    for relation, (member, union) in movers.items():
        assert member is not None
        to = d.dinghai_union if union == d.dinghai_union_b else d.dinghai_union_b
        transfer = transfer_request(member=member, to_union=to, actor=staff)
        Transfer.unscoped.filter(pk=transfer.pk).update(
            to_union=union, path=union.path, from_union=union, from_path=union.path
        )
        found[relation] = transfer
    return found


def roster_imports(d: District, places: dict[str, Place], *, validated: bool) -> dict[str, RosterImport]:
    jobs = {}
    for relation, place in places.items():
        if place.member is None:
            continue
        job = roster_import_create(
            union=place.node, filename="花名册.csv", data=ROSTER, actor=d.users["district"]
        )
        if validated:
            validate_roster_import.call(job.pk)
        jobs[relation] = job
    return jobs


def build(d: District, places: dict[str, Place]) -> Objects:
    members: dict[str, Member | None] = {r: p.member for r, p in places.items()}
    nodes: dict[str, Node | None] = {r: p.node for r, p in places.items()}
    return {
        "node": ids(nodes),
        "unit": ids({r: p.unit for r, p in places.items()}),
        "member": ids(members),
        "join": {r: (pk,) for r, pk in joins(places).items()},
        "transfer": ids(transfers(d, places)),
        "roster": ids(roster_imports(d, places, validated=True)),
        "roster_queued": ids(roster_imports(d, places, validated=False)),
    }


SPINE = Group(ROUTES, build)
