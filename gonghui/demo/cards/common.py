"""What the card demo's generators share: the years of the seed's records and their times."""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import connection

YEARS = range(2012, 2017)
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
# An active holder as the generators pass it on: member id, path, non-enterprise, activated.
type Holder = tuple[int, str, bool, datetime.datetime]


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
