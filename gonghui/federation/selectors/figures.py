"""The federation's figures for a node's subtree and a period, computed from the records.
Flows count the records dated within the period (all of them when no period is given); stocks
are as of the period's last day (today when none is given)."""

import datetime
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

from ..models import (
    Criterion,
    DriveJoining,
    Entry,
    FoundingApplication,
    FoundingStatus,
    ModelTitle,
    OrderStatus,
    Problem,
    ProblemStatus,
    ReformMeasure,
    ReformTask,
    ResearchReport,
    Station,
    StationCheck,
    Training,
    UnionWorker,
    Visit,
    Vote,
    WorkOrder,
)


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _days(qs: QuerySet[Any], field: str, period: Period | None) -> QuerySet[Any]:
    if period is None:
        return qs
    return qs.filter(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _moments(qs: QuerySet[Any], field: str, period: Period | None) -> QuerySet[Any]:
    if period is None:
        return qs
    start, end = period.bounds()
    return qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})


def open_stations(prefix: str, day: datetime.date) -> QuerySet[Station]:
    return Station.unscoped.filter(path__startswith=prefix, opened_on__lte=day).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day)
    )


def stations_meeting_six_haves(station_ids: list[int], day: datetime.date) -> set[int]:
    """The stations whose latest check of every criterion, on or before `day`, was met."""
    latest: dict[tuple[int, str], bool] = {}
    checks = (
        StationCheck.unscoped.filter(station_id__in=station_ids, checked_on__lte=day)
        .order_by("checked_on", "id")
        .values_list("station_id", "criterion", "met")
    )
    for station_id, criterion, met in checks:
        latest[(station_id, criterion)] = met
    wanted = len(Criterion.values)
    met_count: dict[int, int] = {}
    for (station_id, _criterion), met in latest.items():
        met_count[station_id] = met_count.get(station_id, 0) + int(met)
    return {station_id for station_id, n in met_count.items() if n == wanted}


def titles_held(prefix: str, day: datetime.date) -> QuerySet[ModelTitle]:
    return ModelTitle.unscoped.filter(path__startswith=prefix, awarded_on__lte=day).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)
    )


def top_ten_year(prefix: str, day: datetime.date) -> int | None:
    """The year of the latest top-ten list named by `day` (the district names it)."""
    district = prefix[: Node.steplen]
    year: int | None = (
        ModelTitle.unscoped.filter(path__startswith=district, top_ten=True, awarded_on__lte=day)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return year


def federation_figures(node: Node, period: Period | None = None) -> dict[str, Any]:
    prefix = node.path
    day = period.end if period is not None else timezone.localdate()
    founded = FoundingApplication.unscoped.filter(path__startswith=prefix, status=FoundingStatus.FOUNDED)
    joinings = DriveJoining.unscoped.filter(path__startswith=prefix)
    stations = list(open_stations(prefix, day).values_list("pk", flat=True))
    titles = titles_held(prefix, day)
    year = top_ten_year(prefix, day)
    visits = _days(Visit.unscoped.filter(path__startswith=prefix), "visited_on", period).aggregate(
        n=Count("id"), met=Sum("people_met", default=0)
    )
    problems = _days(Problem.unscoped.filter(path__startswith=prefix), "raised_on", period).aggregate(
        n=Count("id"), solved=Count("id", filter=Q(status=ProblemStatus.SOLVED))
    )
    tasks = ReformTask.unscoped.filter(path__startswith=prefix, listed_on__lte=day)
    measures = ReformMeasure.unscoped.filter(path__startswith=prefix, task__listed_on__lte=day)
    workers = UnionWorker.unscoped.filter(path__startswith=prefix, hired_on__lte=day).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day)
    )
    return {
        "unions_founded": _days(founded, "founded_on", period).count(),
        "collective_joinings": _days(joinings, "held_on", period).aggregate(n=Sum("joined", default=0))["n"],
        "stations": len(stations),
        "stations_meeting_six_haves": len(stations_meeting_six_haves(stations, day)),
        "model_unions": titles.values("union").distinct().count(),
        "top_ten": titles.filter(top_ten=True, year=year).count() if year else 0,
        "visits_units": visits["n"],
        "visits_workers": visits["met"],
        "problems": problems["n"],
        "problems_solved_rate": _rate(problems["solved"], problems["n"]),
        "research_reports": _days(
            ResearchReport.unscoped.filter(path__startswith=prefix), "written_on", period
        ).count(),
        "reform_tasks": tasks.count(),
        "reform_measures": measures.count(),
        "reform_measures_done": measures.filter(done_on__lte=day).count(),
        "cadre_training_person_times": _days(
            Training.unscoped.filter(path__startswith=prefix), "starts_on", period
        ).aggregate(n=Sum("attendees", default=0))["n"],
        "professional_union_workers": workers.count(),
        **hotline_figures(prefix, period),
        "contest_entries": _moments(
            Entry.unscoped.filter(path__startswith=prefix), "submitted_at", period
        ).count(),
        "contest_votes": _moments(Vote.unscoped.filter(path__startswith=prefix), "at", period).count(),
    }


def hotline_figures(prefix: str, period: Period | None) -> dict[str, Any]:
    """Orders received in the period; answered in time = answered by the deadline, among those
    answered or already past their deadline (orders handed to mediation left out); satisfaction
    = the callers' average rating at the follow-up (1–5)."""
    today = timezone.localdate()
    orders = _moments(WorkOrder.unscoped.filter(path__startswith=prefix), "received_at", period)
    handled = orders.exclude(status=OrderStatus.MEDIATION).filter(
        Q(answered_on__isnull=False) | Q(due_on__lt=today)
    )
    counts = handled.aggregate(n=Count("id"), in_time=Count("id", filter=Q(answered_on__lte=F("due_on"))))
    rating = orders.filter(satisfaction__isnull=False).aggregate(avg=Avg("satisfaction"))["avg"]
    return {
        "hotline_orders": orders.count(),
        "hotline_answered_in_time_rate": _rate(counts["in_time"], counts["n"]),
        "hotline_satisfaction": round(float(rating), 2) if rating is not None else 0.0,
    }
