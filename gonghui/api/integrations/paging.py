"""One page of a scoped queryset. A page past the end answers an empty list without asking the
database for an offset it cannot hold."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from .schemas import PageQuery


def page_of(queryset: QuerySet, query: PageQuery, out: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    count = queryset.count()
    offset = (query.page - 1) * query.page_size
    rows = [out(row) for row in queryset[offset : offset + query.page_size]] if offset < count else []
    return {"count": count, "page": query.page, "page_size": query.page_size, "results": rows}
