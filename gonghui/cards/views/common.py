from typing import Any

from django.http import HttpRequest

from gonghui.accounts.decorators import _guard
from gonghui.accounts.models import Role

cashier_required = _guard(lambda user: user.role == Role.CASHIER)
venue_staff_required = _guard(lambda user: user.role == Role.VENUE_STAFF)
district_required = _guard(lambda user: user.is_backoffice and user.role == Role.DISTRICT_STAFF)


def int_or_zero(value: Any) -> int:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else 0


def year_param(request: HttpRequest) -> int | None:
    year = int_or_zero(request.GET.get("year"))
    return year if 2000 <= year <= 2100 else None
