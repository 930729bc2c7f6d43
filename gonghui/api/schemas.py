import datetime
from typing import Any

from ninja import Field, Schema

from gonghui.lib.figures import BEGINNING, LAST_YEAR
from gonghui.lib.params import MAX_ID

FIRST_YEAR = BEGINNING.year


class NodeOut(Schema):
    id: int
    name: str
    kind: str
    path: str
    depth: int
    founded_on: datetime.date | None
    children: int


class UnitOut(Schema):
    id: int
    name: str
    uscc: str
    industry: str
    ownership: str
    workforce: int
    street_id: int
    must_have_union: bool
    union_id: int | None
    covered_on: datetime.date | None


class MemberOut(Schema):
    id: int
    name: str
    member_no: str
    gender: str
    id_number_masked: str
    phone_masked: str
    union_id: int
    unit_id: int | None
    status: str
    joined_on: datetime.date
    id_problem: str


class PeriodOut(Schema):
    from_: datetime.date = Field(alias="from")
    to: datetime.date


class KpisOut(Schema):
    """The top-level figures of docs/kpis.md, and each module's under `modules`."""

    node_id: int
    period: PeriodOut | None
    members: int
    unions: int
    covered_units: int
    eligible_units: int
    covered_eligible_units: int
    uncovered_eligible_units: int
    workers_in_covered_units: int
    establishment_rate: float | None
    membership_rate: float | None
    unions_by_kind: dict[str, int]
    by_year: dict[str, dict[str, int]]
    new_units_covered: int
    new_unions: int
    new_members: int
    modules: dict[str, dict[str, Any]]
    computed_at: datetime.datetime


class KpisQuery(Schema):
    """One of: a year, a range of years, a month (YYYY-MM) or a day; none for all the records."""

    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    from_: int | None = Field(None, alias="from", ge=FIRST_YEAR, le=LAST_YEAR)
    to: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    month: str | None = Field(None, max_length=7)
    as_of: datetime.date | None = None


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    """A parameter out of its range or of the wrong type: what is wrong, in Chinese, and where."""

    detail: str
    errors: list[dict[str, Any]]


# Every operation may answer these besides its own: not logged in, a token without the
# operation's permission, bad parameters, a token over its rate (gonghui/api/integrations).
COMMON: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut, 422: InvalidOut, 429: ErrorOut}


def optional_id() -> Any:
    """A filter by an object's id: 1 to 2^63-1, else 422."""
    return Field(None, ge=1, le=MAX_ID, description="编号，1 至 2^63-1")
