"""Generates the competitions' records in bulk. Scores and flags are computed with the same
functions the services use (competitions.scoring), so recomputing them from the records
gives what is stored."""

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gonghui.competitions import scoring
from gonghui.competitions.models import (
    Award,
    Competition,
    Indicator,
    IndicatorScore,
    Participant,
    ProgressReport,
    RedFlag,
    Round,
    Team,
    TeamReporter,
)
from gonghui.competitions.services import participants_publish, period_after
from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node, Unit

from .plans import INDICATORS, PLANS, Plan

CENT = Decimal("0.01")
ROLES = ("一线职工", "班组长", "技术骨干", "安全员", "质量员")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def demo_member() -> Member | None:
    """The member the demo signs in as (see demo.workflows): the first union's first member."""
    union = Node.objects.filter(kind=Node.Kind.GRASSROOTS).order_by("path").first()
    if union is None:
        return None
    return (
        Member.unscoped.filter(union=union, status=MemberStatus.ACTIVE, id_problem="")
        .exclude(phone="")
        .first()
    )


class Seeder:
    def __init__(self, rng: random.Random, scale: float, actor: Any, root: Node) -> None:
        self.rng, self.scale, self.actor, self.root = rng, scale, actor, root
        self.today = timezone.localdate()
        self.unions = list(
            Node.objects.filter(kind=Node.Kind.GRASSROOTS, path__startswith=root.path).order_by("path")
        )
        self.unit_of: dict[int, int] = {}
        for union_id, unit_id in (
            Unit.unscoped.filter(union__isnull=False).order_by("id").values_list("union_id", "id")
        ):
            self.unit_of.setdefault(union_id, unit_id)
        self.me = demo_member()
        self.counts: dict[str, int] = defaultdict(int)

    # --- one competition --------------------------------------------------------------------
    def competition(self, plan: Plan, live: bool) -> None:
        over = plan.ends_on < self.today
        competition = Competition(
            node=self.root,
            path=self.root.path,
            title=plan.title,
            partner=plan.partner,
            category=plan.category,
            started_on=plan.started_on,
            ends_on=plan.ends_on,
            period=plan.period,
            flag_rule=plan.rule,
            rules=plan.rules,
            status=Competition.Status.CLOSED if over else Competition.Status.RUNNING,
            closed_on=plan.ends_on if over else None,
        )
        competition.save()
        indicators = Indicator.objects.bulk_create(
            [Indicator(competition=competition, name=n, kind=k, weight=Decimal(w)) for n, k, w in INDICATORS]
        )
        teams = self.teams(competition, plan, live)
        if plan.started_on <= self.today:
            self.rounds(competition, plan, teams, indicators)
        if over:
            self.awards(competition, teams)
        for team in teams:
            participants_publish(team=team, actor=self.actor)
        self.counts["competitions"] += 1

    def teams(self, competition: Competition, plan: Plan, live: bool) -> list[Team]:
        nodes = self.rng.sample(self.unions, min(len(plan.teams), len(self.unions)))
        if live and self.me is not None:
            nodes[0] = next(u for u in self.unions if u.pk == self.me.union_id)
        teams = []
        for (section, name), node in zip(plan.teams, nodes, strict=False):
            low, high = plan.planned
            teams.append(
                Team(
                    competition=competition,
                    node=node,
                    path=node.path,
                    unit_id=self.unit_of.get(node.pk),
                    name=name,
                    project=name.removesuffix("项目部").removesuffix("团队")
                    + ("项目" if plan.measure != "户" else "征收地块"),
                    section=section,
                    planned=Decimal(self.rng.randint(low, high)),
                    measure=plan.measure,
                )
            )
        Team.unscoped.bulk_create(teams)
        participants, reporters = [], []
        for index, team in enumerate(teams):
            pool = list(
                Member.unscoped.filter(union_id=team.node_id, status=MemberStatus.ACTIVE, id_problem="")
                .order_by("id")
                .values_list("id", flat=True)[:300]
            )
            if live and index == 0 and self.me is not None:
                reporters.append(TeamReporter(team=team, member_id=self.me.pk))
                pool = [self.me.pk] + [m for m in pool if m != self.me.pk]
            size = min(len(pool), max(3, round(self.rng.randint(10, 40) * self.scale)))
            chosen = pool[:1] + self.rng.sample(pool[1:], max(size - 1, 0)) if pool else []
            if chosen and not (live and index == 0 and self.me is not None):
                reporters.append(TeamReporter(team=team, member_id=chosen[0]))
            for n, member_id in enumerate(chosen):
                participants.append(
                    Participant(
                        team=team,
                        member_id=member_id,
                        role=ROLES[0 if n else 1] if n < 2 else self.rng.choice(ROLES),
                        joined_on=plan.started_on,
                        path=team.path,
                    )
                )
        Participant.unscoped.bulk_create(participants, batch_size=2000)
        TeamReporter.objects.bulk_create(reporters)
        self.counts["teams"] += len(teams)
        self.counts["participants"] += len(participants)
        return teams

    # --- periods, reports, scores and flags ---------------------------------------------------
    def rounds(
        self, competition: Competition, plan: Plan, teams: list[Team], indicators: list[Indicator]
    ) -> None:
        rounds: list[Round] = []
        last_end: datetime.date | None = None
        while True:
            start, end = period_after(competition, last_end)
            if start > min(plan.ends_on, self.today):
                break
            closed = end < self.today
            rounds.append(
                Round(
                    competition=competition,
                    path=competition.path,
                    number=len(rounds) + 1,
                    starts_on=start,
                    ends_on=end,
                    status=Round.Status.CLOSED if closed else Round.Status.OPEN,
                    closed_at=_at(end + datetime.timedelta(days=3), 10) if closed else None,
                    closed_by=self.actor if closed else None,
                )
            )
            last_end = end
        Round.unscoped.bulk_create(rounds)
        finish = {t.pk: t.planned * Decimal(self.rng.uniform(0.85, 1.08)) for t in teams}
        pace = {t.pk: self.rng.uniform(0.8, 1.25) for t in teams}
        done = {t.pk: Decimal(0) for t in teams}
        reports, values = [], []
        for current in rounds:
            share = scoring.plan_share(plan.started_on, plan.ends_on, current.ends_on)
            for index, team in enumerate(teams):
                if current.status == Round.Status.OPEN and (index == 0 or self.rng.random() < 0.3):
                    continue  # not reported yet this period (the demo member's team among them)
                target = finish[team.pk] * Decimal(float(share) ** pace[team.pk])
                step = max(Decimal(0), target - done[team.pk]) * Decimal(self.rng.uniform(0.7, 1.2))
                actual = min(done[team.pk] + step, finish[team.pk]).quantize(
                    Decimal(1) if plan.measure == "户" else CENT
                )
                done[team.pk] = actual = max(actual, done[team.pk])
                confirmed = current.status == Round.Status.CLOSED or self.rng.random() < 0.4
                judged = {
                    i.pk: Decimal(self.rng.randint(70 if i.kind != "innovation" else 55, 100))
                    for i in indicators
                    if i.kind != Indicator.Kind.PROGRESS
                }
                progress = scoring.progress_value(actual, team.planned, share)
                score = scoring.weighted_score(
                    (i.weight, progress if i.kind == Indicator.Kind.PROGRESS else judged[i.pk])
                    for i in indicators
                )
                reported = min(current.ends_on, self.today) - datetime.timedelta(days=self.rng.randint(0, 3))
                reports.append(
                    ProgressReport(
                        team=team,
                        round=current,
                        path=team.path,
                        actual=actual,
                        note="按计划推进" if progress >= 95 else "加快推进中",
                        status=ProgressReport.Status.CONFIRMED
                        if confirmed
                        else ProgressReport.Status.SUBMITTED,
                        reported_at=_at(reported, 17),
                        checked_by=self.actor if confirmed else None,
                        checked_at=_at(reported + datetime.timedelta(days=1), 10) if confirmed else None,
                        progress=progress if confirmed else None,
                        score=score if confirmed else None,
                    )
                )
                values.append(judged if confirmed else {})
        ProgressReport.unscoped.bulk_create(reports, batch_size=2000)
        IndicatorScore.objects.bulk_create(
            [
                IndicatorScore(report=report, indicator_id=pk, value=value)
                for report, judged in zip(reports, values, strict=True)
                for pk, value in judged.items()
            ],
            batch_size=5000,
        )
        self.flags(competition, rounds, reports)
        self.counts["reports"] += len(reports)

    def flags(self, competition: Competition, rounds: list[Round], reports: list[ProgressReport]) -> None:
        by_round: dict[int, list[scoring.Standing]] = defaultdict(list)
        team_of = {}
        for report in reports:
            if report.status == ProgressReport.Status.CONFIRMED:
                assert report.score is not None and report.progress is not None
                by_round[report.round_id].append(
                    scoring.Standing(report.team_id, report.team.section, report.score, report.progress)
                )
                team_of[report.team_id] = report.team
        flags = []
        for current in rounds:
            if current.status != Round.Status.CLOSED:
                continue
            for section, s in sorted(scoring.leaders(by_round[current.pk], competition.flag_rule).items()):
                flags.append(
                    RedFlag(
                        competition=competition,
                        round=current,
                        section=section,
                        team_id=s.team_id,
                        score=s.score,
                        progress=s.progress,
                        awarded_on=current.ends_on,
                        path=team_of[s.team_id].path,
                    )
                )
        RedFlag.unscoped.bulk_create(flags)
        self.counts["flags"] += len(flags)

    def awards(self, competition: Competition, teams: list[Team]) -> None:
        day = competition.ends_on + datetime.timedelta(days=30)
        if day > self.today:
            return
        flags: dict[int, int] = defaultdict(int)
        for team_id in RedFlag.unscoped.filter(competition=competition).values_list("team_id", flat=True):
            flags[team_id] += 1
        ranked = sorted(teams, key=lambda t: (-flags[t.pk], t.pk))
        awards = [
            Award(
                competition=competition,
                kind=Award.Kind.WINNER,
                team=ranked[0],
                awarded_on=day,
                path=ranked[0].path,
                citation="流动红旗次数最多",
            )
        ]
        awards += [
            Award(
                competition=competition,
                kind=Award.Kind.COLLECTIVE,
                team=t,
                awarded_on=day,
                path=t.path,
                citation="圆满完成竞赛目标",
            )
            for t in ranked[:3]
        ]
        heroes = list(
            Participant.unscoped.filter(team__in=ranked[:4])
            .order_by("id")
            .values_list("member_id", flat=True)[:40]
        )
        for member_id in self.rng.sample(heroes, min(len(heroes), 6)):
            awards.append(
                Award(
                    competition=competition,
                    kind=Award.Kind.INDIVIDUAL,
                    member_id=member_id,
                    awarded_on=day,
                    path=Member.unscoped.get(pk=member_id).path,
                    citation="一线岗位立功",
                )
            )
        Award.unscoped.bulk_create(awards)
        self.counts["awards"] += len(awards)


def seed_competitions(rng: random.Random, *, scale: float, actor: Any) -> str:
    root = Node.objects.filter(kind=Node.Kind.DISTRICT).order_by("path").first()
    if root is None or Competition.unscoped.exists():
        return "competitions: nothing to do"
    seeder = Seeder(rng, scale, actor, root)
    if not seeder.unions:
        return "competitions: no unions"
    today = seeder.today
    live = next((p for p in PLANS if p.started_on <= today <= p.ends_on and p.period == "month"), None)
    for plan in PLANS:
        seeder.competition(plan, live=plan is live)
    c = seeder.counts
    return (
        f"competitions: {c['competitions']} competitions, {c['teams']} teams, {c['participants']} front-line "
        f"participants, {c['reports']} progress reports, {c['flags']} red flags, {c['awards']} awards"
    )
