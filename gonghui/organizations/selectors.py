"""Read queries on the tree and employer units, grouped per node path for KPIs."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from gonghui.lib.db import per_path

from .models import Node, Referral, Unit


def unions_by_kind(prefix: str) -> dict[str, int]:
    rows = Node.objects.filter(path__startswith=prefix).values("kind").annotate(n=Count("id")).order_by()
    return {row["kind"]: row["n"] for row in rows}


def unit_figures_by_path(
    prefix: str, as_of: datetime.date | None = None, *, by_path: bool = True
) -> Iterable[Mapping[str, Any]]:
    """Per node path (or in all: `by_path`, lib.db.per_path): covered units, eligible units,
    covered eligible units, workers of covered units; now, or on the day `as_of` (a unit covered
    later was not covered then; a unit covered without a known date counts as covered all along)."""
    covered = Q(union__isnull=False)
    if as_of is not None:
        covered &= Q(covered_on__isnull=True) | Q(covered_on__lte=as_of)
    return per_path(
        Unit.unscoped.filter(path__startswith=prefix),
        prefix,
        (),
        by_path=by_path,
        covered=Count("id", filter=covered),
        eligible=Count("id", filter=Q(must_have_union=True)),
        covered_eligible=Count("id", filter=covered & Q(must_have_union=True)),
        workers=Sum("workforce", filter=covered, default=0),
    )


def new_covered_units(prefix: str, start: datetime.date, end: datetime.date) -> int:
    return Unit.unscoped.filter(path__startswith=prefix, covered_on__gte=start, covered_on__lte=end).count()


def new_grassroots_unions(prefix: str, start: datetime.date, end: datetime.date) -> int:
    unions = Node.objects.filter(
        path__startswith=prefix, kind=Node.Kind.GRASSROOTS, founded_on__gte=start, founded_on__lte=end
    )
    return int(unions.count())


def new_covered_units_by_path_year(prefix: str, *, by_path: bool = True) -> Iterable[Mapping[str, Any]]:
    covered = Unit.unscoped.filter(path__startswith=prefix, covered_on__isnull=False)
    return per_path(
        covered.annotate(year=ExtractYear("covered_on")), prefix, ("year",), by_path=by_path, n=Count("id")
    )


def grassroots_by_path(prefix: str) -> Iterable[Mapping[str, Any]]:
    rows: Iterable[Mapping[str, Any]] = (
        Node.objects.filter(path__startswith=prefix).values("path", "kind", "founded_on").order_by()
    )
    return rows


def referral_of(source: str) -> Referral | None:
    """The referral a module opened under `source` (see models.Referral), as it stands."""
    return Referral.unscoped.filter(source=source).first()


def referrals_pending(node: Node) -> list[Referral]:
    """The matters waiting for the body of `node`."""
    return list(Referral.unscoped.filter(node=node, status=Referral.Status.PENDING).order_by("referred_at"))
