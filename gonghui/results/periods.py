"""The periods the results pages ask the registry for: the one chosen, the one it is compared
with, the years and months of the trends, and the standard set filled ahead of time.

Periods are keyed as the cache keys them: "now" (None: all the records, today's stocks) or
"YYYY-MM-DD/YYYY-MM-DD"."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.lib.figures import Period, PeriodError, period_from

NOW = "now"


@lru_cache(maxsize=4096)
def key_of(period: Period | None) -> str:
    return NOW if period is None else f"{period.start.isoformat()}/{period.end.isoformat()}"


def period_of(key: str) -> Period | None:
    if key == NOW:
        return None
    start, end = key.split("/")
    return Period(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))


def first_year() -> int:
    """The first year the trends show: the district's records begin then."""
    return int(getattr(settings, "RESULTS_FIRST_YEAR", 2012))


def years_back(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier (28 February for a 29th that year lacks)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def month_before(start: datetime.date) -> Period:
    last = start - datetime.timedelta(days=1)
    return Period.month(last.year, last.month)


def is_month(period: Period) -> bool:
    return (
        period.start.day == 1
        and (period.start.year, period.start.month) == (period.end.year, period.end.month)
        and period.end == Period.month(period.end.year, period.end.month).end
    )


def is_years(period: Period) -> bool:
    return (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)


def previous(period: Period | None, today: datetime.date) -> Period:
    """The period a figure is compared with: the one before, of the same length. A period still
    running is compared with the same days of the one before (this year so far with last year
    up to the same day); the stocks of a day with those of the same day a year earlier."""
    if period is None or period.is_all_time:
        return Period.as_of(years_back(period.end if period else today, 1))
    if is_years(period):
        span = period.end.year - period.start.year + 1
        before = Period(years_back(period.start, span), years_back(period.end, span))
        running_end = years_back(today, span)
    elif is_month(period):
        before = month_before(period.start)
        running_end = min(before.end, before.start + (today - period.start))
    else:
        length = period.end - period.start + datetime.timedelta(days=1)
        before = Period(period.start - length, period.end - length)
        running_end = today - length
    if period.start <= today < period.end:
        return Period(before.start, max(before.start, running_end))
    return before


def trend_years(today: datetime.date) -> list[int]:
    return list(range(min(first_year(), today.year), today.year + 1))


def trend_months(period: Period | None, today: datetime.date) -> list[Period]:
    """The months the month trend shows: those of the year the period ends in (up to this
    month in the current year); none for a range of several years."""
    if period is not None and not period.is_all_time and period.start.year != period.end.year:
        return []
    year = period.end.year if period is not None else today.year
    last = 12 if year < today.year else today.month
    return [Period.month(year, month) for month in range(1, last + 1)] if year <= today.year else []


def standard_periods(today: datetime.date | None = None) -> list[Period | None]:
    """Filled ahead of time for the nodes near the top of the tree: today's stocks, each year of
    the trends, each month of this year, and what this year, this month and today's stocks are
    compared with."""
    today = today or timezone.localdate()
    this_year, this_month = Period.year(today.year), Period.month(today.year, today.month)
    periods: list[Period | None] = [Period.as_of(today), this_year, this_month]
    periods += [previous(p, today) for p in list(periods)]
    periods += [Period.year(year) for year in trend_years(today) if year != today.year]
    periods += [p for p in trend_months(this_year, today) if p != this_month]
    unique: dict[str, Period | None] = {key_of(p): p for p in periods}
    return list(unique.values())


@dataclass(frozen=True)
class Chosen:
    """The period a page shows, with its name and the query parameters that ask for it (the
    API's: year, from, to, month, as_of)."""

    period: Period | None
    params: dict[str, str]

    @property
    def name(self) -> str:
        p = self.params
        if "year" in p:
            return _("%(year)s年") % {"year": p["year"]}
        if "from" in p:
            return _("%(first)s—%(last)s年") % {"first": p["from"], "last": p.get("to", p["from"])}
        if "month" in p:
            year, month = p["month"].split("-")
            return _("%(year)s年%(month)s月") % {"year": year, "month": int(month)}
        if "as_of" in p:
            return _("截至%(day)s") % {"day": p["as_of"]}
        return _("截至今日")

    @property
    def stocks_on(self) -> datetime.date:
        return self.period.end if self.period is not None else timezone.localdate()


FIELDS = ("year", "from", "to", "month", "as_of")


def chosen_from(query: Mapping[str, str], today: datetime.date) -> Chosen:
    """The period a page's query asks for, with the API's parameters (one of: year, from/to,
    month YYYY-MM, as_of YYYY-MM-DD); this year when none is given. Raises PeriodError."""
    raw = {name: str(query.get(name, "")).strip() for name in FIELDS}
    raw = {name: value for name, value in raw.items() if value}
    if not raw:
        return Chosen(Period.year(today.year), {"year": str(today.year)})
    try:
        year = int(raw["year"]) if "year" in raw else None
        first = int(raw["from"]) if "from" in raw else None
        last = int(raw["to"]) if "to" in raw else None
        as_of = datetime.date.fromisoformat(raw["as_of"]) if "as_of" in raw else None
    except ValueError:
        raise PeriodError(_("统计期间的格式不正确：年度为四位数字，日期为 YYYY-MM-DD。")) from None
    period = period_from(year=year, first=first, last=last, month=raw.get("month"), as_of=as_of)
    assert period is not None
    if year is not None:
        params = {"year": str(year)}
    elif first is not None or last is not None:
        params = {"from": str(period.start.year), "to": str(period.end.year)}
    elif as_of is not None:
        params = {"as_of": as_of.isoformat()}
    else:
        params = {"month": f"{period.start:%Y-%m}"}
    return Chosen(period, params)


def describe(period: Period | None) -> str:
    """A period in words, as the comparison names it."""
    if period is None:
        return _("今日")
    if period.is_all_time:
        return _("截至%(day)s") % {"day": period.end.isoformat()}
    if period.single_year:
        return _("%(year)s年") % {"year": period.single_year}
    if is_month(period):
        return _("%(year)s年%(month)s月") % {"year": period.start.year, "month": period.start.month}
    return _("%(start)s至%(end)s") % {"start": period.start.isoformat(), "end": period.end.isoformat()}
