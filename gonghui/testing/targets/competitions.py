"""The competitions' id-taking routes: a competition and its teams, periods and reports for the
back office, the team reporter's phone page, and the public progress wall, which everybody
reaches (it shows team names only)."""

import datetime
from decimal import Decimal

from gonghui.competitions import services
from gonghui.competitions.models import Competition, Indicator, ProgressReport, Team
from gonghui.members.models import Member
from gonghui.testing.district import District

from .base import OWN, RELATIONS, ROLES, Group, Objects, Place, Target, ids, reach
from .elsewhere import account_of, staff_over

PUBLIC = {role: frozenset(RELATIONS) for role in ROLES}
ROUTES = {
    "competitions:detail": Target("competition"),
    "competitions:indicator_add": Target(
        "competition", post={"name": "标记指标", "kind": "quality", "weight": "10"}
    ),
    "competitions:team_new": Target(
        "competition", post={"name": "新班组", "project": "新项目", "planned": "10"}
    ),
    "competitions:round_open": Target("competition"),
    "competitions:close": Target("competition"),
    "competitions:award_add": Target("competition", post={"kind": "collective"}),
    "competitions:round_close": Target("round"),
    "competitions:team": Target("team"),
    "competitions:participant_add": Target("team", post={"member_no": "T000000000"}),
    "competitions:reporter_add": Target("team", post={"member_no": "T000000000"}),
    "competitions:report": Target("report", post={"decision": "return", "note": "请补充材料"}),
    "competitions:wall": Target("competition", PUBLIC),
    "competitions:m_report": Target("team", reach({}, member=OWN), post={"actual": "5", "note": "标记"}),
}


def competition_at(relation: str, place: Place, d: District) -> tuple[Competition, Team, ProgressReport]:
    actor = staff_over(d, place)
    competition = services.competition_create(
        node=place.node,
        title=f"标记竞赛{relation}",
        partner="标记合作部门",
        category=Competition.Category.INFRASTRUCTURE,
        started_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        actor=actor,
    )
    services.indicator_add(
        competition=competition, name="进度", kind=Indicator.Kind.PROGRESS, weight=Decimal(70), actor=actor
    )
    services.indicator_add(
        competition=competition, name="安全", kind=Indicator.Kind.SAFETY, weight=Decimal(30), actor=actor
    )
    team = services.team_add(
        competition=competition,
        node=place.node,
        name=f"竞赛班组{relation}",
        project=f"项目{relation}",
        planned=Decimal(100),
        actor=actor,
    )
    # The member persona reports for the team of its own union; each other team has a reporter
    # of its own (the street's team, a member of the chair's union other than the persona).
    reporter: Member = place.member if place.member is not None else d.members["colleague"]
    services.reporter_add(team=team, member=reporter, actor=actor)
    services.round_open(competition=competition, actor=actor)
    report = services.progress_report_submit(team=team, actual=Decimal(10), actor=account_of(reporter))
    return competition, team, report


def build(d: District, places: dict[str, Place]) -> Objects:
    made = {r: competition_at(r, p, d) for r, p in places.items()}
    return {
        "competition": ids({r: c for r, (c, _t, _p) in made.items()}),
        "round": ids({r: p.round for r, (_c, _t, p) in made.items()}),
        "team": ids({r: t for r, (_c, t, _p) in made.items()}),
        "report": ids({r: p for r, (_c, _t, p) in made.items()}),
    }


COMPETITIONS = Group(ROUTES, build)
