"""What an audit record tells of the request an action came from, built once per request."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True, slots=True)
class AuditContext:
    ip: str | None = None
    request_id: str = ""
    user_agent: str = ""

    @classmethod
    def of(cls, request: HttpRequest) -> "AuditContext":
        return cls(
            ip=request.META.get("REMOTE_ADDR") or None,
            request_id=request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex,
            user_agent=request.headers.get("User-Agent", "")[:200],
        )


# Work no request started (tasks, commands, the demo's generators).
NO_REQUEST = AuditContext()


class AuditContextMiddleware:
    """Gives every request its audit context (`request.audit`) and answers with its id, which
    the audit log and error pages carry."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = AuditContext.of(request)
        request.audit = context  # type: ignore[attr-defined]  # the one place it is set
        response = self.get_response(request)
        response["X-Request-Id"] = context.request_id
        return response
