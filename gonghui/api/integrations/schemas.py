"""What the integrators' endpoints take and answer, with the examples the schema shows."""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

MAX_ID = 2**63 - 1  # the database's bigint: an id past it is refused before any query
MAX_PAGE_SIZE = 200


class RefusalOut(Schema):
    detail: str

    model_config = ConfigDict(json_schema_extra={"examples": [{"detail": "该令牌没有调用此接口的权限。"}]})


class ProblemOut(Schema):
    """A refusal: a Chinese message, or the fields that failed validation."""

    detail: str | list[dict[str, Any]]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"detail": "该会员没有可用的服务卡（未办卡、未激活、已停用或已挂失）。"}]
        }
    )


def errors(*codes: int) -> dict[int, type[Schema]]:
    """The documented error answers: 422 may list invalid fields, the others say why in Chinese."""
    return {code: ProblemOut if code == 422 else RefusalOut for code in codes}


READ_ERRORS = errors(400, 401, 403, 404, 422, 429)


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_ID, description="页码，从1开始")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="每页条数（1–200）")


class TokenOut(Schema):
    name: str
    kind: str
    node_id: int
    permissions: list[str]
    expires_at: datetime.datetime
    rate_per_minute: int

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "市总工会服务平台",
                    "kind": "system",
                    "node_id": 1,
                    "permissions": ["kpis.read", "tree.read"],
                    "expires_at": "2027-12-06T08:00:00+08:00",
                    "rate_per_minute": 120,
                }
            ]
        }
    )


# What a scanner reads: no control characters (a NUL is refused before the API, see
# gonghui.lib.middleware), at most 400 characters.
SCANNED: str = Field(
    ..., min_length=1, max_length=400, pattern=r"^[^\x00-\x1f]+$", description="扫描到的会员码内容或短码"
)


class VerifyIn(Schema):
    scanned: str = SCANNED

    model_config = ConfigDict(json_schema_extra={"examples": [{"scanned": "GH1.eyJtIjoxMjN9.abc"}]})


class VerifyOut(Schema):
    valid: bool
    message: str
    member: str = Field(description="脱敏的会员姓名")
    discount: str
    rate: Decimal | None
    cap: Decimal | None

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "valid": True,
                    "message": "会员码有效",
                    "member": "张*",
                    "discount": "优惠10%，单笔最多优惠50.00元",
                    "rate": "0.10",
                    "cap": "50.00",
                }
            ]
        }
    )


class SaleIn(Schema):
    scanned: str = SCANNED
    amount: Decimal = Field(..., gt=0, max_digits=12, decimal_places=2, description="消费金额（元）")

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"scanned": "GH1.eyJtIjoxMjN9.abc", "amount": "88.00"}]}
    )


class SaleOut(Schema):
    id: int
    number: str
    member: str = Field(description="脱敏的会员姓名")
    amount: Decimal
    discount: Decimal
    paid: Decimal
    created_at: datetime.datetime
    key: str
    replayed: bool = Field(description="同一幂等键的重复请求：返回第一次的结果")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 1201,
                    "number": "XF20261206000001201",
                    "member": "张*",
                    "amount": "88.00",
                    "discount": "8.80",
                    "paid": "79.20",
                    "created_at": "2026-12-06T10:15:00+08:00",
                    "key": "till-7-20261206-0001",
                    "replayed": False,
                }
            ]
        }
    )


class SalePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SaleOut]


class BookingOut(Schema):
    id: int
    session_id: int
    programme: str
    venue: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    channel: str
    created_at: datetime.datetime
    checked_in_at: datetime.datetime | None
    cancelled_at: datetime.datetime | None


class BookingPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[BookingOut]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "count": 1,
                    "page": 1,
                    "page_size": 50,
                    "results": [
                        {
                            "id": 77,
                            "session_id": 12,
                            "programme": "职工合唱团排练",
                            "venue": "沪东工人文化宫",
                            "starts_at": "2026-12-12T14:00:00+08:00",
                            "ends_at": "2026-12-12T16:00:00+08:00",
                            "status": "confirmed",
                            "channel": "portal",
                            "created_at": "2026-12-01T09:00:00+08:00",
                            "checked_in_at": None,
                            "cancelled_at": None,
                        }
                    ],
                }
            ]
        }
    )


class CaseOut(Schema):
    """A case's status, without its narrative or the people in it."""

    id: int
    number: str
    channel: str
    category: str
    status: str
    org: str
    received_at: datetime.datetime
    accepted_at: datetime.datetime | None
    due_on: datetime.date | None
    closed_at: datetime.datetime | None
    outcome: str
    hotline_order_no: str

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 31,
                    "number": "TJ2026-0031",
                    "channel": "hotline",
                    "category": "wages",
                    "status": "accepted",
                    "org": "定海路街道劳动争议调解委员会",
                    "received_at": "2026-11-30T10:00:00+08:00",
                    "accepted_at": "2026-12-01T09:30:00+08:00",
                    "due_on": "2026-12-16",
                    "closed_at": None,
                    "outcome": "",
                    "hotline_order_no": "12351-20261130-0042",
                }
            ]
        }
    )


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CaseOut]
