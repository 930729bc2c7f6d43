"""The honours module's id-taking routes: an honour of the roll and its revocation, a studio
with its members and results."""

import datetime

from gonghui.honours import services
from gonghui.honours.models import HonourKind, Studio
from gonghui.testing.district import District

from .base import Group, Objects, Place, Target, ids
from .elsewhere import staff_over

ROUTES = {
    "honours:detail": Target("honour"),
    "honours:revoke": Target("honour", post={"reason": "标记撤销"}),
    "honours:studio": Target("studio"),
    "honours:studio_member_add": Target("studio", post={"member_no": "T000000000"}),
    "honours:studio_result_add": Target(
        "studio", post={"title": "标记成果", "kind": "patent", "achieved_on": "2026-01-01"}
    ),
}


def build(d: District, places: dict[str, Place]) -> Objects:
    day = datetime.date(2016, 4, 28)
    honours, studios = {}, {}
    for r, p in places.items():
        actor = staff_over(d, p)
        honours[r] = services.honour_award(
            kind=HonourKind.CITY_PIONEER_TEAM,
            node=p.node,
            recipient=f"标记先锋班组{r}",
            awarded_on=day,
            actor=actor,
        )
        studios[r] = services.studio_create(
            node=p.node,
            name=f"标记创新工作室{r}",
            level=Studio.Level.DISTRICT,
            topic="工艺改进",
            leader_name="标记领衔人",
            founded_on=day,
            actor=actor,
        )
    return {"honour": ids(honours), "studio": ids(studios)}


HONOURS = Group(ROUTES, build)
