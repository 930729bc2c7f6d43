"""The results layer's id-taking routes: a node's dashboard, its public board's settings and its
big-screen links for the back office; a published board and a signed big-screen link, which
open to anyone (no login) and so are in everyone's reach."""

from gonghui.results.links import screen_token
from gonghui.results.services import board_save
from gonghui.testing.district import District

from .base import EVERYWHERE, RELATIONS, ROLES, Group, Objects, Place, Target, ids, reach

DISTRICT_ONLY = reach({}, district=EVERYWHERE)
PUBLIC = {role: frozenset(RELATIONS) for role in ROLES}
ROUTES = {
    "results:dashboard": Target("node"),
    "results:board_edit": Target(
        "node", DISTRICT_ONLY, post={"title": "测试看板", "published": "on", "figures": ["members"]}
    ),
    "results:screen_link": Target("node", DISTRICT_ONLY, post={"hours": "24"}),
    "results:board": Target("board", PUBLIC),
    "results:screen": Target("screen", PUBLIC),
}


def build(d: District, places: dict[str, Place]) -> Objects:
    boards = {
        relation: board_save(
            node=place.node,
            title=f"{place.node.name}看板",
            figures=["members", "establishment_rate"],
            calendar=True,
            published=True,
            actor=d.users["district"],
        )
        for relation, place in places.items()
    }
    return {
        "node": ids({relation: place.node for relation, place in places.items()}),
        "board": ids(boards),
        "screen": {relation: (screen_token(place.node.pk, 24),) for relation, place in places.items()},
    }


RESULTS = Group(ROUTES, build)
