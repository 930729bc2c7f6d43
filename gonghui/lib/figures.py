"""The vocabulary of the KPI registry: what a figure is, the period it is asked for, and the
set of figures a module registers (in its own `figures.py`, as `FIGURES`).

Labels and definitions carry both languages: the registry is read by pages (in the reader's
language), by `manage.py kpis`, by the generated docs/kpis.md and by the review."""

import calendar
import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# The earliest day any record can be about: "since the beginning" for a flow.
BEGINNING = datetime.date(1949, 10, 1)
LAST_YEAR = 2100


class FigureUnit(StrEnum):
    COUNT = "count"
    RATE = "rate"  # a fraction with four places, shown as a percentage
    YUAN = "yuan"  # a string with two decimals
    PERSON_TIMES = "person_times"
    DAYS = "days"
    SCORE = "score"


class FigureKind(StrEnum):
    STOCK = "stock"  # as of the period's last day
    FLOW = "flow"  # summed over the period


def _bilingual(zh: str, en: str) -> str:
    return en if (get_language() or "").startswith("en") else zh


@dataclass(frozen=True)
class Figure:
    key: str
    zh: str
    en: str
    unit: FigureUnit
    kind: FigureKind
    definition: str  # in Chinese, as the review prints it
    definition_en: str
    # What it is broken down by ("" for a single number): "kind", "year", "circle", "month"…
    by: str = ""
    # The URL name of the list of records behind the figure; it takes ?node=<id>.
    drill: str = ""
    # Filters the list takes to show just these records ("coverage=uncovered"); "{year}" is
    # replaced by the year asked for, and the filter left out when no single year is.
    drill_query: str = ""
    # The names of a breakdown's keys, as (key, label) pairs (a TextChoices' `choices`): pages
    # show "东片" rather than "east". Keys without a name are shown as they are.
    labels: Sequence[tuple[str, Any]] = ()

    @property
    def label(self) -> str:
        return _bilingual(self.zh, self.en)

    @property
    def meaning(self) -> str:
        return _bilingual(self.definition, self.definition_en)

    def key_label(self, key: str) -> str:
        """A breakdown key's name in the reader's language."""
        for value, label in self.labels:
            if value == key:
                return str(label)
        return key


@dataclass(frozen=True)
class Period:
    """Flows are counted from `start` to `end`, both days included; stocks are as of `end`.
    `start` is BEGINNING for "since records began"."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("a period ends after it starts")

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def years(cls, first: int, last: int) -> "Period":
        return cls(datetime.date(first, 1, 1), datetime.date(last, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        days = calendar.monthrange(year, month)[1]
        return cls(datetime.date(year, month, 1), datetime.date(year, month, days))

    @classmethod
    def as_of(cls, day: datetime.date | None = None) -> "Period":
        """Everything up to `day` (today when not given)."""
        return cls(BEGINNING, day or timezone.localdate())

    @property
    def is_all_time(self) -> bool:
        return self.start == BEGINNING

    @property
    def single_year(self) -> int | None:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            return self.start.year if self.start.year == self.end.year else None
        return None

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as aware datetimes [from, to): the start's midnight to the midnight after
        the end, in the district's time zone."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return start, end

    def years_covered(self) -> range:
        return range(self.start.year, self.end.year + 1)

    def describe(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


class PeriodError(ValueError):
    """The message says what is wrong, in Chinese."""


def period_from(
    *,
    year: int | None = None,
    first: int | None = None,
    last: int | None = None,
    month: str | None = None,
    as_of: datetime.date | None = None,
) -> Period | None:
    """The period a caller asks for: a year, a range of years (`first` to `last`, either alone
    is one year), a month ("YYYY-MM") or the stocks of a day (everything up to `as_of`); None
    for all the records and today's stocks. Years run from 1949 to 2100."""
    asked = [x for x in (year, first or last, month, as_of) if x is not None]
    if len(asked) > 1:
        raise PeriodError(_("请只选择一种统计期间：年度、年度区间、月份或截止日期。"))
    for value in (year, first, last):
        if value is not None and not BEGINNING.year <= value <= LAST_YEAR:
            raise PeriodError(_("年度应在 1949 至 2100 之间。"))
    if year is not None:
        return Period.year(year)
    if first is not None or last is not None:
        start, end = first or last, last or first
        assert start is not None and end is not None
        if start > end:
            raise PeriodError(_("起始年度不能晚于结束年度。"))
        return Period.years(start, end)
    if month is not None:
        return _month(month)
    if as_of is not None:
        if not BEGINNING <= as_of <= datetime.date(LAST_YEAR, 12, 31):
            raise PeriodError(_("截止日期超出范围。"))
        return Period.as_of(as_of)
    return None


def _month(text: str) -> Period:
    try:
        year, month = (int(part) for part in text.split("-"))
        if not BEGINNING.year <= year <= LAST_YEAR:
            raise ValueError
        return Period.month(year, month)
    except (ValueError, calendar.IllegalMonthError):
        raise PeriodError(_("月份格式应为 YYYY-MM。")) from None


# A figure set's function: a node's subtree and a period (None for all the records, stocks now).
type Compute = Callable[[Any, Period | None], Mapping[str, Any]]


@dataclass(frozen=True)
class FigureSet:
    """A module's figures: the group's key in the KPI JSON ("" for the top level), its name,
    and one function computing them all for a node's subtree and a period."""

    group: str
    zh: str
    en: str
    figures: tuple[Figure, ...]
    compute: Compute = field(compare=False)

    @property
    def label(self) -> str:
        return _bilingual(self.zh, self.en)

    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.figures)

    def figure(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)
