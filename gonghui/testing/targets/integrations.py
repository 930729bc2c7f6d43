"""The API tokens' id-taking route: revoking one, which only district staff reach (every
relation of their district), for tokens made on each relation's node."""

from gonghui.integrations.services import token_create
from gonghui.testing.district import District

from .base import EVERYWHERE, Group, Objects, Place, Target, ids, reach

ROUTES = {
    "integrations:token-revoke": Target("token", reach({}, district=EVERYWHERE)),
}


def build(d: District, places: dict[str, Place]) -> Objects:
    staff = d.users["district"]
    tokens = {}
    for relation, place in places.items():
        if relation == "unrelated":  # another district's staff make its tokens
            continue
        tokens[relation], _secret = token_create(
            name=f"令牌{relation}", node=place.node, permissions=["tree.read"], days=30, actor=staff
        )
    return {"token": ids(tokens)}


INTEGRATIONS = Group(ROUTES, build)
