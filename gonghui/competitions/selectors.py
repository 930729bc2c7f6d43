"""Read queries of the merit competitions: the standings a period's flag is decided on, the
recomputation of scores and flags from the records, the public progress wall, and
`competitions_figures` for the KPI registry."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

from . import scoring
from .models import (
    Award,
    Competition,
    Indicator,
    IndicatorScore,
    Participant,
    ProgressReport,
    RedFlag,
    Round,
    Team,
)


def round_standings(round: Round) -> list[scoring.Standing]:
    """Every confirmed report of the period, as the flag rule reads it."""
    rows = ProgressReport.unscoped.filter(round=round, status=ProgressReport.Status.CONFIRMED).values_list(
        "team_id", "team__section", "score", "progress"
    )
    # A confirmed report always carries its score and progress (a database check).
    return [
        scoring.Standing(t, section, score, progress)
        for t, section, score, progress in rows
        if score is not None and progress is not None
    ]


def recompute_report(report: ProgressReport) -> tuple[Decimal, Decimal]:
    """(progress, score) of a confirmed report, from its records alone."""
    team, current = report.team, report.round
    competition = team.competition
    share = scoring.plan_share(competition.started_on, competition.ends_on, current.ends_on)
    progress = scoring.progress_value(report.actual, team.planned, share)
    values = dict(IndicatorScore.objects.filter(report=report).values_list("indicator_id", "value"))
    indicators = list(Indicator.objects.filter(competition=competition))
    if not indicators:
        return progress, progress
    pairs = [(i.weight, progress if i.kind == Indicator.Kind.PROGRESS else values[i.pk]) for i in indicators]
    return progress, scoring.weighted_score(pairs)


def recompute_flags(round: Round) -> dict[str, int]:
    """Section -> the team that holds the period's flag, from the confirmed reports alone."""
    leaders = scoring.leaders(round_standings(round), round.competition.flag_rule)
    return {section: s.team_id for section, s in leaders.items()}


# --- the public progress wall ---------------------------------------------------------------


@dataclass(frozen=True)
class WallRow:
    team: Team
    actual: Decimal
    ratio: Decimal  # actual / the whole plan, for the bar
    progress: Decimal | None  # against plan to date, of the last confirmed report
    score: Decimal | None
    holds_flag: bool
    flags: int


def public_competitions() -> QuerySet[Competition]:
    """The competitions on the public wall: published, with no login. The wall is public by
    design, so it reads with the explicit unscoped manager and shows team names only."""
    return Competition.unscoped.filter(public=True).order_by("-started_on", "id")


def wall(competition: Competition) -> dict[str, Any]:
    teams = list(Team.unscoped.filter(competition=competition).order_by("section", "name"))
    latest: dict[int, ProgressReport] = {}
    for report in (
        ProgressReport.unscoped.filter(team__competition=competition, status=ProgressReport.Status.CONFIRMED)
        .select_related("round")
        .order_by("round__number", "id")
    ):
        latest[report.team_id] = report
    history = list(
        RedFlag.unscoped.filter(competition=competition)
        .select_related("round", "team")
        .order_by("-round__number", "section")
    )
    holders = {}
    for flag in reversed(history):  # oldest first: the last one of each section holds it now
        holders[flag.section] = flag.team_id
    counts = dict(
        RedFlag.unscoped.filter(competition=competition).values_list("team_id").annotate(n=Count("id"))
    )
    rows = []
    for team in teams:
        last = latest.get(team.pk)
        actual = last.actual if last else Decimal("0.00")
        rows.append(
            WallRow(
                team=team,
                actual=actual,
                ratio=min(Decimal(1), actual / team.planned).quantize(Decimal("0.0001")),
                progress=last.progress if last else None,
                score=last.score if last else None,
                holds_flag=holders.get(team.section) == team.pk,
                flags=counts.get(team.pk, 0),
            )
        )
    sections: dict[str, list[WallRow]] = {}
    for row in sorted(rows, key=lambda r: (r.team.section, -(r.score or Decimal(-1)), r.team.name)):
        sections.setdefault(row.team.section, []).append(row)
    current = Round.unscoped.filter(competition=competition).order_by("-number").first()
    return {"sections": sections, "history": history, "current": current}


# --- figures --------------------------------------------------------------------------------


def running_in(period: Period | None, via: str = "") -> Q:
    """Competitions running at some time in the period (`via` the way to the competition)."""
    if period is None:
        return Q()
    return Q(**{f"{via}started_on__lte": period.end, f"{via}ends_on__gte": period.start})


def competitions_figures(node: Node, period: Period | None = None) -> dict[str, Any]:
    """Competitions of the node's subtree held (running at some time) in the period; their
    teams and distinct front-line participants where the teams hang; red flags of the periods
    ending in the period, counted where the winning team hangs; awards given in the period,
    counted where the recipient is."""
    competitions = Competition.unscoped.filter(running_in(period), path__startswith=node.path)
    teams = Team.unscoped.filter(running_in(period, "competition__"), path__startswith=node.path)
    participants = Participant.unscoped.filter(team__in=teams).values("member").distinct()
    flags = RedFlag.unscoped.filter(path__startswith=node.path)
    awards = Award.unscoped.filter(path__startswith=node.path)
    if period is not None:
        flags = flags.filter(awarded_on__gte=period.start, awarded_on__lte=period.end)
        awards = awards.filter(awarded_on__gte=period.start, awarded_on__lte=period.end)
    return {
        "competitions": competitions.count(),
        "teams": teams.count(),
        "participants": participants.count(),
        "red_flags_awarded": flags.count(),
        "awards": awards.count(),
    }
