"""Reading what a client sends, within bounds (FZ-1, FZ-2): ids in paths, numbers, years, days
and months in query strings and forms, JSON bodies. Every reader answers None (or raises
BadInput with a Chinese message) for a value out of range, so no view hands the database an
integer past 64 bits or Python a date past year 9999, and none answers 500.

- `IdConverter` is the URL converter `<id:pk>` every urls.py uses instead of Django's `<int:…>`:
  it matches 1 to 2^63-1 only, so a longer id is a 404 like any missing one.
- `int_param`, `id_param`, `year_param`, `date_param`, `month_param` read one query or form
  value; None when it is absent or out of range (a list then shows unfiltered).
- `json_body` reads a JSON request body no bigger than `MAX_JSON_BYTES` and nested no deeper
  than `MAX_JSON_DEPTH`, or raises BadInput."""

import datetime
import json
import re
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.urls import converters, register_converter
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1  # the largest bigint: every primary key fits below it
FIRST_YEAR, LAST_YEAR = 1900, 2100  # a year any record can be about
FIRST_DAY, LAST_DAY = datetime.date(FIRST_YEAR, 1, 1), datetime.date(LAST_YEAR, 12, 31)
MAX_JSON_BYTES = 64 * 1024
MAX_JSON_DEPTH = 8
_DIGITS = re.compile(r"[0-9]{1,19}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class BadInput(ValueError):
    """The message says what is wrong, in Chinese, for a 400."""


class IdConverter:
    """A primary key in a path: 1 to 2^63-1; anything longer is no match (a 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))


if "id" not in converters.get_converters():
    register_converter(IdConverter, "id")


def int_param(raw: object, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """A whole number written in digits (a leading minus allowed when `low` is negative),
    between `low` and `high`; None otherwise."""
    text = str(raw if raw is not None else "").strip()
    negative = text.startswith("-")
    digits = text[1:] if negative else text
    if not _DIGITS.fullmatch(digits):
        return None
    number = -int(digits) if negative else int(digits)
    return number if low <= number <= high else None


def id_param(raw: object) -> int | None:
    """An object's id: 1 to 2^63-1."""
    return int_param(raw, low=1)


def year_param(raw: object, *, low: int = FIRST_YEAR, high: int = LAST_YEAR) -> int | None:
    return int_param(raw, low=low, high=high)


def date_param(
    raw: object, *, low: datetime.date = FIRST_DAY, high: datetime.date = LAST_DAY
) -> datetime.date | None:
    """A day written YYYY-MM-DD, between `low` and `high`."""
    text = str(raw if raw is not None else "").strip()
    if len(text) != 10:
        return None
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day if low <= day <= high else None


def month_param(raw: object, *, low: int = FIRST_YEAR, high: int = LAST_YEAR) -> tuple[int, int] | None:
    """A month written YYYY-MM, its year between `low` and `high`: (year, month)."""
    match = _MONTH.fullmatch(str(raw if raw is not None else "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return (year, month) if low <= year <= high and 1 <= month <= 12 else None


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in a JSON text, without parsing it (no recursion)."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def json_body(
    request: HttpRequest, *, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH
) -> Any:
    """The request's JSON body (numbers with a point as Decimal); an empty body is {}."""
    length = int_param(request.META.get("CONTENT_LENGTH") or 0) or 0
    if length > max_bytes:
        raise BadInput(_("请求内容过大。"))
    body = request.body
    if len(body) > max_bytes:
        raise BadInput(_("请求内容过大。"))
    try:
        text = body.decode() if body else "{}"
    except UnicodeDecodeError:
        raise BadInput(_("请求内容不是有效的 JSON。")) from None
    if json_depth(text) > max_depth:
        raise BadInput(_("请求内容嵌套过深。"))
    try:
        return json.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError):
        raise BadInput(_("请求内容不是有效的 JSON。")) from None


def _ignored(request: HttpRequest, message: str) -> None:
    messages.warning(request, message)


def query_id(request: HttpRequest, key: str) -> int | None:
    """?key=<id> as an id; a value that is no id is ignored, and the page says so."""
    raw = request.GET.get(key, "").strip()
    if raw and (number := id_param(raw)) is None:
        _ignored(request, _("编号筛选无效，已忽略。"))
        return None
    return number if raw else None


def query_year(request: HttpRequest, key: str, *, low: int = FIRST_YEAR, high: int = LAST_YEAR) -> int | None:
    """?key=<year> between `low` and `high`; a year out of range is ignored, and the page says so."""
    raw = request.GET.get(key, "").strip()
    if raw and (year := year_param(raw, low=low, high=high)) is None:
        _ignored(request, _("年度应在 %(low)s 至 %(high)s 之间，已忽略该筛选。") % {"low": low, "high": high})
        return None
    return year if raw else None


def query_date(request: HttpRequest, key: str) -> datetime.date | None:
    """?key=YYYY-MM-DD between 1900 and 2100; another value is ignored, and the page says so."""
    raw = request.GET.get(key, "").strip()
    if raw and (day := date_param(raw)) is None:
        _ignored(request, _("日期应为 1900 至 2100 年间的 YYYY-MM-DD，已忽略该筛选。"))
        return None
    return day if raw else None
