"""The skills module's id-taking routes: classes and their enrolments, contests and entries,
technician rewards through verification, approval and payout, and the member's enrolment."""

import datetime

from gonghui.skills import services
from gonghui.skills.models import Contest, Grade, TrainingClass
from gonghui.testing.district import District

from .base import Group, Objects, Place, Target, ids, reach
from .elsewhere import staff_over

# A class is open to the members of its node's subtree: the chair's union and the street above.
ANCESTORS = reach({}, member=frozenset({"own", "parent"}))
ROUTES = {
    "skills:class": Target("class"),
    "skills:class_enrol": Target("class", post={"member_no": "T000000000"}),
    "skills:class_attendance": Target("class", post={"session_no": "1"}),
    "skills:enrolment_complete": Target("enrolment"),
    "skills:contest": Target("contest"),
    "skills:entry_add": Target("contest", post={"team_name": "标记参赛队"}),
    "skills:entry_result": Target("entry", post={"score": "88", "prize": "first"}),
    "skills:reward": Target("reward"),
    "skills:reward_verify": Target("reward", post={"note": "证书属实"}),
    "skills:reward_approve": Target("reward"),
    "skills:reward_reject": Target("reward", post={"note": "证书不符"}),
    "skills:reward_pay": Target("reward", post={"key": "walker-key-0001"}),
    "skills:m_enrol": Target("class", ANCESTORS),
}


def build(d: District, places: dict[str, Place]) -> Objects:
    today = datetime.date.today()
    classes, enrolments, contests, entries, rewards = {}, {}, {}, {}, {}
    for r, p in places.items():
        actor = staff_over(d, p)
        classes[r] = services.class_create(
            node=p.node,
            title=f"标记培训班{r}",
            kind=TrainingClass.Kind.TEAM_LEADER,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=30),
            sessions=4,
            capacity=20,
            actor=actor,
        )
        contests[r] = services.contest_create(
            node=p.node, title=f"标记技能竞赛{r}", kind=Contest.Kind.SKILL, held_on=today, actor=actor
        )
        entries[r] = services.entry_add(contest=contests[r], team_name=f"标记队{r}", actor=actor)
        if p.member is not None:
            enrolments[r] = services.enrolment_create(training=classes[r], member=p.member, actor=actor)
            rewards[r] = services.reward_apply(
                member=p.member,
                grade=Grade.TECHNICIAN,
                certificate_no=f"标记证书{r}",
                certified_on=datetime.date(2026, 1, 10),
                actor=actor,
            )
    return {
        "class": ids(classes),
        "enrolment": ids(enrolments),
        "contest": ids(contests),
        "entry": ids(entries),
        "reward": ids(rewards),
    }


SKILLS = Group(ROUTES, build)
