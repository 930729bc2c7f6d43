from typing import Any

from gonghui.accounts.http import AppRequest
from gonghui.lib.access import role_required
from gonghui.lib.roles import Role

cashier_required = role_required(Role.CASHIER)
venue_staff_required = role_required(Role.VENUE_STAFF)
district_required = role_required(Role.DISTRICT_STAFF)


def int_or_zero(value: Any) -> int:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else 0


def year_param(request: AppRequest) -> int | None:
    year = int_or_zero(request.GET.get("year"))
    return year if 2000 <= year <= 2100 else None
