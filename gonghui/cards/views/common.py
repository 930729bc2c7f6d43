from typing import Any

from gonghui.accounts.http import AppRequest
from gonghui.lib.access import role_required
from gonghui.lib.params import id_param, query_year
from gonghui.lib.roles import Role

cashier_required = role_required(Role.CASHIER)
venue_staff_required = role_required(Role.VENUE_STAFF)
district_required = role_required(Role.DISTRICT_STAFF)


def int_or_zero(value: Any) -> int:
    return id_param(value) or 0


def year_param(request: AppRequest) -> int | None:
    return query_year(request, "year", low=2000)
