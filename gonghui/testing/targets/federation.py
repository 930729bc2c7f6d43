"""The federation module's id-taking routes: founding applications and drives, stations,
assessments (an assessor reaches only the unions assigned to them), allowances, visits and their
problems, reports, the reform list, workers, hotline orders, contests and entries, for the back
office, the assessor and the member's pages."""

import datetime
from decimal import Decimal

from gonghui.accounts.models import User
from gonghui.federation import services
from gonghui.federation.models import FoundingApplication, HotlineCategory, Problem, WorkOrder
from gonghui.lib.roles import Role
from gonghui.testing.district import District, add_unit
from gonghui.testing.federation import Federation

from .base import OWN, Group, Objects, Place, Target, ids, persona, reach

DISTRICT_MEMBERS = reach({}, member=frozenset({"own", "subtree", "sibling", "parent"}))
# A contest is open to the members below its organizer: the member's own union's and street's.
ABOVE_THE_MEMBER = reach({}, member=frozenset({"own", "parent"}))
STREETS = ("parent", "sibling", "unrelated")  # foundings and hotline orders hang on streets
DAY = "2026-12-01"
ROUTES = {
    "federation:founding": Target("founding"),
    "federation:founding_accept": Target("founding"),
    "federation:founding_reject": Target("founding", post={"reason": "材料不全"}),
    "federation:founding_record": Target(
        "founding",
        post={
            "union_name": "新工会",
            "chair_name": "甲",
            "first_meeting_on": DAY,
            "founded_on": DAY,
            "founding_members": "10",
        },
    ),
    "federation:drive": Target("drive", post={"held_on": DAY, "joined": "3"}),
    "federation:station": Target(
        "station", post={"criterion": "sign", "met": "on", "evidence": "照片", "checked_on": DAY}
    ),
    "federation:m_station": Target("station", DISTRICT_MEMBERS),
    "federation:m_check_in": Target("station", DISTRICT_MEMBERS, post={"code": "x", "service": "legal"}),
    "federation:assessment": Target("assessment", reach(assessor=OWN), post={"score_1": "5"}),
    "federation:assessment_confirm": Target("assessment", post={"title": "on"}),
    "federation:allowance_end": Target("allowance", post={"ends_on": DAY, "reason": "调离"}),
    "federation:visit": Target("visit"),
    "federation:problem": Target("problem", post={"status": "solved", "answer": "已解决"}),
    "federation:report": Target("report"),
    "federation:measure": Target("measure", post={"progress": "50", "note": "推进", "evidence": "纪要"}),
    "federation:milestone_reach": Target("milestone", post={"reached_on": DAY}),
    "federation:worker": Target("worker", post={"post": "工会主席", "starts_on": DAY}),
    "federation:order": Target("order"),
    "federation:order_answer": Target("order", post={"answer": "已答复"}),
    "federation:order_follow_up": Target("order", post={"satisfaction": "5"}),
    "federation:order_mediation": Target("order"),
    "federation:contest": Target("contest"),
    "federation:entry_review": Target("entry", post={"accept": "1"}),
    "federation:entry_image": Target("entry"),
    "federation:m_contest": Target("contest", ABOVE_THE_MEMBER),
    "federation:m_enter": Target("contest", ABOVE_THE_MEMBER, post={"title": "作品"}),
    "federation:m_vote": Target("entry", ABOVE_THE_MEMBER),
    "federation:m_image": Target("entry", ABOVE_THE_MEMBER),
}


def founding(place: Place, actor: User) -> FoundingApplication:
    unit = add_unit(place.street, None, f"待建会标记{place.street.pk}")
    return services.founding_submit(
        unit=unit,
        applicant_kind="workers",
        contact_name="职工代表",
        contact_phone="",
        workers=12,
        actor=actor,
    )


def order(place: Place, actor: User) -> WorkOrder:
    return services.order_register(
        channel="call",
        category=HotlineCategory.objects.get(code="0101"),
        caller_name="来电职工",
        caller_phone="13912340003",
        content="标记诉求",
        unit=place.unit,
        actor=actor,
    )


def build(d: District, places: dict[str, Place]) -> Objects:
    fed = Federation(d)
    staff = fed.staff
    fed.assessor = persona(d, "assessor")
    other, _created = User.objects.get_or_create(username="assessor_other", defaults={"role": Role.ASSESSOR})
    unions = {r: p for r, p in places.items() if r != "parent"}
    assessments = {
        r: services.assessment_assign(
            union=p.node, year=2016, assessor=fed.assessor if r == "own" else other, actor=staff
        )
        for r, p in unions.items()
    }
    allowances = {}
    for r, p in unions.items():
        passed = services.assessment_assign(union=p.node, year=2015, assessor=other, actor=staff)
        services.assessment_score(assessment=passed, scores=fed.full_scores(), actor=other)
        services.assessment_confirm(assessment=passed, title=True, actor=staff)
        allowances[r] = services.allowance_grant(
            union=p.node,
            chair_name="主席",
            monthly=Decimal("500.00"),
            starts_on=datetime.date(2016, 1, 1),
            actor=staff,
        )
    visits = {r: fed.visit(p.unit, problems=1) for r, p in places.items()}
    measures = {r: fed.measure(p.node) for r, p in places.items()}
    contests = {r: fed.contest(p.node) for r, p in places.items()}
    authors = {
        **{r: p.member for r, p in places.items()},
        "own": d.members["colleague"],
        "parent": d.members["colleague"],
    }
    return {
        "founding": ids({r: founding(places[r], staff) for r in STREETS}),
        "drive": ids(
            {
                r: services.drive_create(
                    node=p.node,
                    name="标记入会行动",
                    starts_on=datetime.date(2026, 1, 1),
                    ends_on=datetime.date(2026, 12, 31),
                    target=10,
                    actor=staff,
                )
                for r, p in places.items()
            }
        ),
        "station": ids({r: fed.station(p.node) for r, p in places.items()}),
        "assessment": ids(assessments),
        "allowance": ids(allowances),
        "visit": ids(visits),
        "problem": ids({r: Problem.unscoped.filter(visit=v).first() for r, v in visits.items()}),
        "report": ids(
            {
                r: services.report_create(
                    node=p.node,
                    title="标记调研",
                    author_name="甲",
                    written_on=datetime.date(2016, 5, 1),
                    summary="调研内容",
                    visits=[visits[r]],
                    actor=staff,
                )
                for r, p in places.items()
            }
        ),
        "measure": ids(measures),
        "milestone": ids({r: m.milestones.first() for r, m in measures.items()}),
        "worker": ids(
            {
                r: services.worker_hire(
                    name="标记工作者", node=p.node, hired_on=datetime.date(2014, 1, 1), actor=staff
                )
                for r, p in places.items()
            }
        ),
        "order": ids({r: order(places[r], staff) for r in STREETS}),
        "contest": ids(contests),
        "entry": ids({r: fed.entry(c, a) for r, c in contests.items() if (a := authors[r]) is not None}),
    }


FEDERATION = Group(ROUTES, build)
