"""What the review prints, asked of the KPI registry: every registered figure set's values for the
node over the period, for each year of it, as of the day before it began (the opening stocks),
and for each of the node's sub-organizations (the subtree compared). Nothing else is counted
here: the review only lays out what the registry answers."""

import datetime
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone

from gonghui.lib.figures import FigureSet, Period
from gonghui.organizations.models import Node

from ..registry import figure_sets

type Values = dict[str, dict[str, Any]]  # group -> the set's figures
type Progress = Callable[[int, int, str], None]  # done, total, what is being done
WORKERS = 2
WORKERS = 2


@dataclass
class ReviewData:
    node: Node
    period: Period
    sets: tuple[FigureSet, ...]
    total: Values  # flows over the period, stocks at its end
    opening: Values  # stocks the day before the period began
    yearly: dict[int, Values]  # each year's flows, and stocks at its end
    children: list[tuple[Node, Values]] = field(default_factory=list)
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    def set_of(self, group: str) -> FigureSet | None:
        return next((figures for figures in self.sets if figures.group == group), None)

    @property
    def years(self) -> list[int]:
        return sorted(self.yearly)


def registry_values(node: Node, period: Period | None, sets: tuple[FigureSet, ...] | None = None) -> Values:
    """The registry's answer for one subtree and period, group by group (the spine's under "")."""
    return {figures.group: dict(figures.compute(node, period)) for figures in sets or figure_sets()}


def compared_children(node: Node) -> list[Node]:
    """The sub-organizations the review compares: the streets of a district, the industry, park,
    building and regional unions of a street (grassroots unions are too many to chart)."""
    return list(Node.objects.get_children(node).exclude(kind=Node.Kind.GRASSROOTS).order_by("path"))


def steps_for(node: Node, period: Period) -> int:
    """The registry calls `gather` makes: the period, the opening, each other year, each child."""
    years = len(period.years_covered())
    return 2 + (years if years > 1 else 0) + len(compared_children(node))


def in_parallel() -> bool:
    """The registry's answers are independent: on PostgreSQL, outside a transaction (a task, a
    command), two threads with connections of their own keep both of the server's cores busy.
    Inside a transaction another connection would not see its rows, so the calls run in turn."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def answer_on_own_connection(node: Node, period: Period, sets: tuple[FigureSet, ...]) -> Values:
    try:
        return registry_values(node, period, sets)
    finally:
        connection.close()  # the thread's own, opened for this call


def gather(node: Node, period: Period, progress: Progress | None = None) -> ReviewData:
    sets = figure_sets()
    children = compared_children(node)
    years = {
        year: Period(
            max(period.start, datetime.date(year, 1, 1)), min(period.end, datetime.date(year, 12, 31))
        )
        for year in period.years_covered()
    }
    asked: list[tuple[str, Node, Period]] = [
        (f"{period.start.year}–{period.end.year}", node, period),
        ("opening", node, Period.as_of(period.start - datetime.timedelta(days=1))),
        *((str(year), node, this) for year, this in years.items() if this != period),
        *((child.name, child, period) for child in children),
    ]
    answers: list[Values] = []
    parallel = in_parallel()
    with ThreadPoolExecutor(WORKERS if parallel else 1, thread_name_prefix="review") as pool:
        if parallel:
            pending = [pool.submit(answer_on_own_connection, who, when, sets) for _what, who, when in asked]
            results: Iterator[Values] = (future.result() for future in pending)
        else:
            results = (registry_values(who, when, sets) for _what, who, when in asked)
        for (what, _who, _when), values in zip(asked, results, strict=True):
            answers.append(values)
            if progress is not None:
                progress(len(answers), len(asked), what)
    total, opening, *rest = answers
    yearly = {year: total if this == period else rest.pop(0) for year, this in years.items()}
    return ReviewData(node, period, sets, total, opening, yearly, list(zip(children, rest, strict=True)))
