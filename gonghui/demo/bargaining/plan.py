"""Which enterprise is first covered by an agreement when, and by which chain of agreements.

The seed: 9,840 enterprises covered by a collective contract or wage agreement at the end of
2016, after five years of 17.5 % average growth; so 4,393 at the end of 2011 (9,840 / 1.175^5).
Coverage then grows more slowly up to today. An enterprise with a union bargains on its own (a
collective contract every three years, and for a quarter of them a yearly wage agreement too);
one without bargains through a regional agreement of its street, signed for the enterprises
that join in the same year and renewed together."""

import datetime
import random
from dataclasses import dataclass, field

END_2011 = 4393
END_2016 = 9840
SEED_YEARS = range(2012, 2017)
LATER_GROWTH = 0.012  # a year, after 2016
ACTION_MONTHS = (4, 5)  # the yearly offer action month and the weeks after it


@dataclass
class Enterprise:
    unit_id: int
    street_id: int
    path: str
    union_id: int | None
    union_since: datetime.date | None
    workforce: int
    first: datetime.date = datetime.date.min

    @property
    def bargains_alone(self) -> bool:
        return self.union_id is not None and self.union_since is not None and self.union_since <= self.first


@dataclass
class Chain:
    """One agreement renewed term after term: its first day, term length and the units it covers."""

    kind: str
    level: str
    node_id: int
    node_path: str
    party: str
    first: datetime.date
    years: int
    units: list[Enterprise] = field(default_factory=list)


def targets(scale: float, available: int, today: datetime.date) -> dict[int, int]:
    """Enterprises covered at the end of each year (the seed's figures at scale 1)."""
    start, end = round(END_2011 * scale), round(END_2016 * scale)
    out = {2011: start}
    for year in SEED_YEARS:  # the same growth each year, landing on the seed's figure
        out[year] = round(start * (end / start) ** ((year - 2011) / 5))
    for year in range(2017, today.year + 1):
        out[year] = min(round(out[year - 1] * (1 + LATER_GROWTH)), int(available * 0.97))
    return out


def day_in(
    rng: random.Random, year: int, months: tuple[int, ...] | None = None, until: datetime.date | None = None
) -> datetime.date:
    if months and rng.random() < 0.7:
        month = rng.choice(months)
        day = datetime.date(year, month, rng.randrange(1, 29))
    else:
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    return min(day, until) if until else day


def first_coverage(
    rng: random.Random, enterprises: list[Enterprise], scale: float, today: datetime.date
) -> list[Enterprise]:
    """Give each covered enterprise the day it was first covered; returns them in that order."""
    order = enterprises[:]
    rng.shuffle(order)
    goal = targets(scale, len(order), today)
    covered: list[Enterprise] = []
    taken = 0
    for year in sorted(goal):
        n = goal[year] - taken
        for enterprise in order[taken : taken + n]:
            if year == 2011:
                enterprise.first = day_in(rng, rng.randrange(2005, 2012), ACTION_MONTHS)
            else:
                enterprise.first = day_in(rng, year, ACTION_MONTHS, until=today - datetime.timedelta(days=1))
            covered.append(enterprise)
        taken += n
    return covered


def add_years(day: datetime.date, years: int) -> datetime.date:
    return (
        day.replace(year=day.year + years)
        if not (day.month == 2 and day.day == 29)
        else day.replace(year=day.year + years, day=28)
    )


def terms(chain: Chain, today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The chain's terms, each starting the day after the last ended, up to the one in force today."""
    out = []
    start = chain.first
    while start <= today:
        end = add_years(start, chain.years) - datetime.timedelta(days=1)
        out.append((start, end))
        start = end + datetime.timedelta(days=1)
    return out
