"""Every route that takes an id, with the object each needs, for the access tests."""

from dataclasses import dataclass

from django.urls import reverse

from gonghui.members.models import JoinApplication, Transfer
from gonghui.members.services import join_application_submit, transfer_request
from gonghui.organizations.models import Node
from gonghui.testing import District, make_id, make_phone


@dataclass
class Target:
    """One object of each kind, all hanging on the same node."""

    node: int
    unit: int
    member: int
    join: int
    transfer: int


def targets(d: District) -> dict[str, Target]:
    """Objects by where they hang: the chair's own union, another union of the same street,
    the sibling street, and the street node itself (the chair's parent)."""
    joins = {
        key: join_application_submit(
            name=f"申请人{key}",
            id_number=make_id(900 + i, birth="19920101"),
            phone=make_phone(900 + i),
            unit=d.units[unit_key],
        )
        for i, (key, unit_key) in enumerate(
            [("own", "dinghai_a"), ("subtree", "dinghai_b"), ("sibling", "pingliang_c")]
        )
    }
    transfers = {
        "own": transfer_request(
            member=d.members["colleague"], to_union=d.dinghai_union_b, actor=d.users["district"]
        ),
        "subtree": transfer_request(
            member=d.members["subtree"], to_union=d.dinghai_union, actor=d.users["district"]
        ),
        "sibling": transfer_request(
            member=d.members["sibling2"], to_union=d.dinghai_union_b, actor=d.users["district"]
        ),
    }
    # A transfer is visible to both its unions: pin each to one union so it has one relation.
    transfers["own"] = _pin(transfers["own"], d.dinghai_union)
    transfers["subtree"] = _pin(transfers["subtree"], d.dinghai_union_b)
    transfers["sibling"] = _pin(transfers["sibling"], d.pingliang_union)
    return {
        "own": Target(
            d.dinghai_union.pk,
            d.units["dinghai_a"].pk,
            d.members["own"].pk,
            joins["own"].pk,
            transfers["own"].pk,
        ),
        "subtree": Target(
            d.dinghai_union_b.pk,
            d.units["dinghai_b"].pk,
            d.members["subtree"].pk,
            joins["subtree"].pk,
            transfers["subtree"].pk,
        ),
        "sibling": Target(
            d.pingliang_union.pk,
            d.units["pingliang_c"].pk,
            d.members["sibling"].pk,
            joins["sibling"].pk,
            transfers["sibling"].pk,
        ),
        "parent": Target(d.dinghai.pk, d.units["dinghai_none"].pk, 0, 0, 0),
    }


def _pin(transfer: Transfer, union: Node) -> Transfer:
    Transfer.unscoped.filter(pk=transfer.pk).update(
        to_union=union, path=union.path, from_union=union, from_path=union.path
    )
    return Transfer.unscoped.get(pk=transfer.pk)


GET_ROUTES = {
    "organizations:node": "node",
    "organizations:unit": "unit",
    "members:detail": "member",
    "results:kpis": "node",
}
API_GET_ROUTES = {
    "/api/v1/nodes/{}": "node",
    "/api/v1/nodes/{}/children": "node",
    "/api/v1/nodes/{}/kpis": "node",
    "/api/v1/units/{}": "unit",
    "/api/v1/members/{}": "member",
}
POST_ROUTES = {
    "members:reveal": ("member", {"field": "id_number"}),
    "members:status": ("member", {"status": "left", "reason": "x"}),
    "members:transfer": ("member", {"to_union": "平凉标记丙公司工会"}),
    "members:join-approve": ("join", {}),
    "members:join-reject": ("join", {"reason": "不符合条件"}),
    "members:transfer-approve": ("transfer", {}),
    "members:transfer-reject": ("transfer", {"reason": "不符合条件"}),
}


def get_urls(target: Target) -> list[str]:
    urls = [
        reverse(name, args=[getattr(target, kind)])
        for name, kind in GET_ROUTES.items()
        if getattr(target, kind)
    ]
    urls += [
        pattern.format(getattr(target, kind))
        for pattern, kind in API_GET_ROUTES.items()
        if getattr(target, kind)
    ]
    return urls


def snapshot() -> tuple:
    """What a refused write must leave unchanged."""
    from gonghui.members.models import Member

    return (
        tuple(Member.unscoped.order_by("pk").values_list("pk", "status", "union_id")),
        tuple(JoinApplication.unscoped.order_by("pk").values_list("pk", "status")),
        tuple(Transfer.unscoped.order_by("pk").values_list("pk", "status")),
    )
