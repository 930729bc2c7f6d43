"""What the card demo's generators share: the years of the seed's records, the years since,
and their times."""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import connection
from django.utils import timezone

YEARS = range(2012, 2017)
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
# A holder as the generators pass it on: member id, path, non-enterprise, first activated, and
# when they stopped holding an active card (None: they still do).
type Holder = tuple[int, str, bool, datetime.datetime, datetime.datetime | None]


def later_years() -> range:
    """The years after the review period, up to this one."""
    return range(YEARS[-1] + 1, timezone.localdate().year + 1)


def year_end(year: int) -> datetime.date:
    """The last day of the year to draw from, or today in the current year."""
    return min(datetime.date(year, 12, 31), timezone.localdate())


def holds(holder: Holder, at: datetime.datetime) -> bool:
    return holder[3] <= at and (holder[4] is None or at < holder[4])


def pick_holder(rng: random.Random, holders: list[Holder], at: datetime.datetime) -> Holder | None:
    """A holder of an active card at `at`, or None after a few tries."""
    for _ in range(6):
        holder = rng.choice(holders)
        if holds(holder, at):
            return holder
    return None


def moment(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.datetime:
    """A time in opening hours on a day from `start` up to, not including, `end`."""
    day = start + datetime.timedelta(days=rng.randrange(max((end - start).days, 1)))
    return datetime.datetime(
        day.year, day.month, day.day, rng.randrange(9, 21), rng.randrange(60), tzinfo=SHANGHAI
    )


def db_dt(value: datetime.datetime | None) -> Any:
    return connection.ops.adapt_datetimefield_value(value) if value else None


def db_money(value: Decimal) -> Any:
    return connection.ops.adapt_decimalfield_value(value, 12, 2)
