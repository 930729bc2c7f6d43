import datetime

from ninja import Schema


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


class KpisOut(Schema):
    node_id: int
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
    computed_at: datetime.datetime


class ErrorOut(Schema):
    detail: str
