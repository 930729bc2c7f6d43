"""Cadres' visits: each street's plan a year, about 2,000 unit visits and 10,000 workers met a
year (at scale 1), about 100 problems a year (over 95 % solved, the rest explained; this year's
recent ones still open, a few overdue), and the research reports (337 in 2012-2016)."""

import datetime

from gonghui.accounts.models import User
from gonghui.federation.models import Problem, ProblemStatus, ResearchReport, Visit, VisitPlan
from gonghui.lib.roles import Role
from gonghui.organizations.models import Unit

from ..people import person_name
from .common import World, insert_objects, split

VISITS_A_YEAR = 2000
PROBLEMS_A_YEAR = 100
REPORTS_2012_2016 = 337
REPORTS_A_YEAR_LATER = 60
SOLVED = 0.965
TOPICS = [
    "加班费计算不规范",
    "劳动合同续签不及时",
    "职工食堂就餐难",
    "夏季高温津贴发放",
    "班组长培训机会少",
    "外来务工人员子女入学",
    "职工通勤班车",
    "工会经费使用公开",
    "职工体检项目",
    "女职工休息室",
]


def seed_visits(w: World) -> dict[str, int]:
    units = list(
        Unit.unscoped.filter(path__startswith=w.district.path).values_list("pk", "path", "street_id")
    )
    cadres = {u.node_id: u for u in User.objects.filter(role=Role.STREET_CADRE, node__in=w.streets)}
    plans = {}
    for year in w.years:
        for street in w.streets:
            plans[(street.pk, year)] = VisitPlan(
                street=street,
                year=year,
                title=f"{year}年{street.name}大走访",
                path=street.path,
                target_units=w.scaled(VISITS_A_YEAR) // len(w.streets),
                target_workers=w.scaled(VISITS_A_YEAR * 5) // len(w.streets),
            )
    VisitPlan.unscoped.bulk_create(plans.values())
    visits: list[Visit] = []
    for year in w.years:
        for _ in range(round(w.scaled(VISITS_A_YEAR) * w.year_share(year))):
            pk, path, street_id = w.rng.choice(units)
            cadre = cadres.get(street_id)
            visits.append(
                Visit(
                    plan=plans[(street_id, year)],
                    unit_id=pk,
                    visited_on=w.day_in(year),
                    visitor=cadre,
                    visitor_name=cadre.username if cadre else person_name(w.rng),
                    people_met=w.rng.randint(3, 7),
                    notes="与职工面对面座谈，了解生产生活情况",
                    path=path,
                )
            )
    insert_objects(Visit, visits)
    by_year: dict[int, list[Visit]] = {}
    for visit in visits:
        by_year.setdefault(visit.visited_on.year, []).append(visit)
    problems = [p for year, batch in by_year.items() for p in _problems(w, year, batch)]
    Problem.unscoped.bulk_create(problems, batch_size=5000)
    reports = _reports(w, by_year)
    return {"visits": len(visits), "problems": len(problems), "reports": reports}


def _problems(w: World, year: int, visits: list[Visit]) -> list[Problem]:
    n = round(w.rng.randint(PROBLEMS_A_YEAR - 4, PROBLEMS_A_YEAR + 4) * w.year_share(year))
    out = []
    # a visit may raise several problems (at a small scale there are fewer visits than problems)
    ordered = sorted((w.rng.choice(visits) for _ in range(n)), key=lambda v: v.visited_on)
    solved = round(len(ordered) * SOLVED)
    for i, visit in enumerate(ordered):
        raised = visit.visited_on
        due = raised + datetime.timedelta(days=30)
        problem = Problem(
            visit=visit,
            description=w.rng.choice(TOPICS),
            raised_on=raised,
            owner_name=person_name(w.rng),
            due_on=due,
            path=visit.path,
        )
        recent = (w.today - raised).days < 45
        if recent and w.rng.random() < 0.8:
            pass  # still being handled (some past their deadline)
        else:
            problem.status = ProblemStatus.SOLVED if i < solved else ProblemStatus.EXPLAINED
            problem.answer = "已协调单位解决，并向职工反馈" if i < solved else "已向职工解释相关政策规定"
            problem.closed_on = min(w.today, raised + datetime.timedelta(days=w.rng.randrange(3, 40)))
        out.append(problem)
    return out


def _reports(w: World, by_year: dict[int, list[Visit]]) -> int:
    counts = dict(zip(range(2012, 2017), split(REPORTS_2012_2016, 5, w.rng), strict=True))
    reports, links = [], []
    for year, visits in sorted(by_year.items()):
        n = counts.get(year, round(REPORTS_A_YEAR_LATER * w.year_share(year)))
        for i in range(n):
            topic = w.rng.choice(TOPICS)
            street = w.rng.choice(w.streets)
            report = ResearchReport(
                title=f"关于{topic}的调研报告（{year}-{i + 1}）",
                node=street,
                author_name=person_name(w.rng),
                written_on=w.day_in(year),
                summary=f"走访中职工反映{topic}，建议……",
                path=street.path,
            )
            reports.append(report)
            links.append(w.rng.sample(visits, min(3, len(visits))))
    ResearchReport.unscoped.bulk_create(reports, batch_size=2000)
    through = ResearchReport.visits.through
    through.objects.bulk_create(
        [
            through(researchreport_id=r.pk, visit_id=v.pk)
            for r, vs in zip(reports, links, strict=True)
            for v in vs
        ],
        batch_size=5000,
    )
    return len(reports)
