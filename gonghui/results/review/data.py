"""What the review prints, asked of the KPI registry: every registered figure set's values for the
node over the period, for each year of it, as of the day before it began (the opening stocks),
and for each of the node's sub-organizations (the subtree compared). Nothing else is counted
here: the review only lays out what the registry answers."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from gonghui.lib.figures import FigureSet, Period
from gonghui.organizations.models import Node

from ..registry import figure_sets

type Values = dict[str, dict[str, Any]]  # group -> the set's figures
type Progress = Callable[[int, int, str], None]  # done, total, what is being done


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
    return 2 + len(period.years_covered()) + len(compared_children(node))


def gather(node: Node, period: Period, progress: Progress | None = None) -> ReviewData:
    sets = figure_sets()
    children = compared_children(node)
    total_steps = 2 + len(period.years_covered()) + len(children)
    done = 0

    def step(what: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total_steps, what)

    total = registry_values(node, period, sets)
    step(f"{period.start.year}–{period.end.year}")
    opening = registry_values(node, Period.as_of(period.start - datetime.timedelta(days=1)), sets)
    step("opening")
    yearly: dict[int, Values] = {}
    for year in period.years_covered():
        this = Period(
            max(period.start, datetime.date(year, 1, 1)), min(period.end, datetime.date(year, 12, 31))
        )
        yearly[year] = total if this == period else registry_values(node, this, sets)
        step(str(year))
    compared = []
    for child in children:
        compared.append((child, registry_values(child, period, sets)))
        step(child.name)
    return ReviewData(node, period, sets, total, opening, yearly, compared)
