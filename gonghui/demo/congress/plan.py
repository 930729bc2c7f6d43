"""When each union's congress was established, its terms and its seats.

The seed: the federation pushed congress establishment, above all in non-enterprise units, and
from 2015 (first in the district's health system) the competitive election of representatives,
their duty reports and a yearly assessment of their performance. The demo's congresses: most
units with a union have one, non-enterprise units nearly all by 2016; representatives are 5 % of
the workforce (at least 5, at most 60), elected for three-year terms (five in a fifth)."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node, Unit

PERIOD_START = datetime.date(2012, 1, 1)
ASSESSMENT_START = 2015


@dataclass
class UnitRow:
    pk: int
    path: str
    ownership: str
    covered_on: datetime.date | None
    workforce: int
    industry: str


@dataclass
class Plan:
    union_id: int
    union_path: str
    name: str
    units: list[UnitRow]
    established: datetime.date
    term_years: int
    seats: int
    pool: list[tuple[int, str]]  # counted members of its units: (id, gender)
    adopts_assessment: int | None = None  # the year its representatives are first assessed
    terms: list[tuple[int, datetime.date, datetime.date | None]] = field(default_factory=list)  # no, from, to

    @property
    def non_enterprise(self) -> bool:
        return any(u.ownership in ("400", "500", "700") for u in self.units)

    @property
    def health(self) -> bool:
        return any(u.industry == "Q" for u in self.units)


def established_on(rng: random.Random, plan: Plan, today: datetime.date) -> datetime.date | None:
    """The day the congress was set up, or None for a union that has none (yet)."""
    founded = min((u.covered_on for u in plan.units if u.covered_on), default=datetime.date(1995, 1, 1))
    ever = 0.99 if plan.non_enterprise else 0.86
    if rng.random() > ever:
        return None
    early = 0.7 if plan.non_enterprise else 0.5
    if rng.random() < early:
        year = rng.randrange(max(1990, founded.year), 2012) if founded.year < 2012 else founded.year
    else:
        later = today.year - 2016
        weights = [12, 10, 8, 6, 4] + [1] * later if plan.non_enterprise else [5] * 5 + [3] * later
        year = rng.choices(range(2012, today.year + 1), weights=weights)[0]
    day = datetime.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
    day = max(day, founded)
    return day if day < today else None


def add_years(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


def lay_terms(plan: Plan, today: datetime.date) -> None:
    """Its terms from the one sitting on 2012-01-01 (or its first) to the one sitting today."""
    start, terms = plan.established, []
    while start <= today:
        end = add_years(start, plan.term_years)
        terms.append((start, end if end <= today else None))
        start = end
    plan.terms = [(n, s, e) for n, (s, e) in enumerate(terms, 1) if e is None or e > PERIOD_START]


def plans(rng: random.Random, today: datetime.date, keep: int | None) -> list[Plan]:
    """One plan per union with a congress; `keep` (the demo chair's union) always has one."""
    units: dict[int, list[UnitRow]] = defaultdict(list)
    rows = Unit.unscoped.filter(union__isnull=False).order_by("id")
    for union_id, pk, path, ownership, covered_on, workforce, industry in rows.values_list(
        "union_id", "id", "path", "ownership", "covered_on", "workforce", "industry"
    ):
        units[union_id].append(UnitRow(pk, path, ownership, covered_on, workforce, industry))
    pool: dict[int, list[tuple[int, str]]] = defaultdict(list)
    counted = Member.unscoped.filter(status=MemberStatus.ACTIVE, id_problem="", unit__isnull=False)
    for pk, unit_id, gender in counted.order_by("id").values_list("id", "unit_id", "gender"):
        pool[unit_id].append((pk, gender))
    out = []
    for union_id, path, name in (
        Node.objects.filter(kind=Node.Kind.GRASSROOTS).order_by("path").values_list("pk", "path", "name")
    ):
        mine = units.get(union_id, [])
        members = [m for u in mine for m in pool[u.pk]]
        workforce = sum(u.workforce for u in mine)
        seats = min(max(5, round(workforce * 0.05)), 60, len(members))
        if not mine or seats < 3:
            continue
        plan = Plan(
            union_id,
            path,
            name.removesuffix("工会") + "职工代表大会",
            mine,
            datetime.date.min,
            5 if rng.random() < 0.2 else 3,
            seats,
            members,
        )
        when = established_on(rng, plan, today)
        if union_id == keep:
            when = when if when and when < PERIOD_START else datetime.date(2010, 4, 20)
        if when is None:
            continue
        plan.established = when
        plan.adopts_assessment = (
            2015 if plan.health else rng.choices([2016, 2017, 2018, None], [35, 30, 25, 10])[0]
        )
        lay_terms(plan, today)
        out.append(plan)
    return out


def grade(rng: random.Random, year: int) -> str:
    better = min(year - ASSESSMENT_START, 6) * 0.015  # duty performance improves as the practice takes hold
    return rng.choices(
        ["excellent", "competent", "basic", "incompetent"],
        [0.2 + better, 0.58 + better, 0.17 - better, 0.05 - better],
    )[0]
