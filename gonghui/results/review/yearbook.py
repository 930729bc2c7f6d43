"""The yearbook statistics of a node for one year, as the city federation collects them: unions
by unit category (单位类别, the ownership codes of the employer units), members, coverage by
street, and workers' congresses where the congress module is installed.

Members, coverage and congresses are the KPI registry's figures. The registry has no breakdown
by unit category, so that table is counted here from the employer units with the registry's own
definitions (covered as of the day, eligible units, members as of the day by their union), and
its total row equals the registry's figures (a test holds them together)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum

from gonghui.lib.figures import FigureSet, Period
from gonghui.members.selectors import counted_members_by_path
from gonghui.organizations.models import Node, Unit

from .data import compared_children

UNSORTED = ""  # unions covering no unit, members of unions outside any category
CATEGORY_KEYS = ("units", "eligible", "covered", "covered_eligible", "workers", "unions", "members")


@dataclass
class Yearbook:
    node: Node
    year: int
    spine: FigureSet
    total: dict[str, Any]  # the spine's figures of the node for the year
    children: list[tuple[Node, dict[str, Any]]]
    categories: dict[str, dict[str, int]]  # ownership code -> counts
    congress: FigureSet | None = None
    congress_total: dict[str, Any] = field(default_factory=dict)
    congress_children: list[tuple[Node, dict[str, Any]]] = field(default_factory=list)

    @property
    def day(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)


def _bucket() -> dict[str, int]:
    return dict.fromkeys(CATEGORY_KEYS, 0)


def by_category(node: Node, day: datetime.date) -> dict[str, dict[str, int]]:
    """Units, eligible units, units covered on the day (eligible ones apart, for the
    establishment rate) and their workers by the units' own
    category; grassroots unions founded by the day and their members on the day by the category
    of the largest unit each covers."""
    covered = Q(union__isnull=False) & (Q(covered_on__isnull=True) | Q(covered_on__lte=day))
    out: dict[str, dict[str, int]] = defaultdict(_bucket)
    units = Unit.unscoped.filter(path__startswith=node.path)
    for row in (
        units.values("ownership")
        .annotate(
            units=Count("id"),
            eligible=Count("id", filter=Q(must_have_union=True)),
            covered=Count("id", filter=covered),
            covered_eligible=Count("id", filter=covered & Q(must_have_union=True)),
            workers=Sum("workforce", filter=covered, default=0),
        )
        .order_by()
    ):
        for key in ("units", "eligible", "covered", "covered_eligible", "workers"):
            out[row["ownership"]][key] += row[key]
    largest: dict[str, tuple[int, int, str]] = {}
    for path, ownership, workforce, pk in units.filter(covered).values_list(
        "union__path", "ownership", "workforce", "id"
    ):
        largest[path] = max(largest.get(path, (-1, 0, "")), (workforce, -pk, ownership))
    category = {path: ownership for path, (_w, _pk, ownership) in largest.items()}
    unions = Node.objects.filter(path__startswith=node.path, kind=Node.Kind.GRASSROOTS).exclude(
        founded_on__gt=day
    )
    for path in unions.values_list("path", flat=True):
        out[category.get(path, UNSORTED)]["unions"] += 1
    for members in counted_members_by_path(node.path, day):
        out[category.get(members["path"], UNSORTED)]["members"] += members["n"]
    return dict(out)


def gather_yearbook(node: Node, year: int, sets: tuple[FigureSet, ...]) -> Yearbook:
    period = Period.year(year)
    by_group = {figures.group: figures for figures in sets}
    spine = by_group[""]
    children = compared_children(node)
    book = Yearbook(
        node=node,
        year=year,
        spine=spine,
        total=dict(spine.compute(node, period)),
        children=[(child, dict(spine.compute(child, period))) for child in children],
        categories=by_category(node, period.end),
    )
    if (congress := by_group.get("congress")) is not None:
        book.congress = congress
        book.congress_total = dict(congress.compute(node, period))
        book.congress_children = [(child, dict(congress.compute(child, period))) for child in children]
    return book
