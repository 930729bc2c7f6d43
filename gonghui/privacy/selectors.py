"""Reads for data requests: scoped to the union's staff, or the member's own."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from .models import DataRequest, RequestStatus


def requests_visible_to(user: Any) -> QuerySet[DataRequest]:
    return DataRequest.objects.visible_to(user).select_related("member", "union")


def request_queue(user: Any, *, status: str = RequestStatus.PENDING) -> QuerySet[DataRequest]:
    """The requests the user's unions must answer, the nearest deadline first."""
    qs = requests_visible_to(user)
    return qs.filter(status=status) if status else qs


def own_requests(user: Any) -> list[DataRequest]:
    return list(requests_visible_to(user).order_by("-submitted_at")[:20])


def overdue_count(user: Any) -> int:
    return (
        requests_visible_to(user)
        .filter(status=RequestStatus.PENDING, due_on__lt=timezone.localdate())
        .count()
    )
