from typing import Any

from django.http import HttpRequest


def scope(request: HttpRequest) -> dict[str, Any]:
    """The current scope is always visible in the back office."""
    user = request.user
    node = getattr(user, "node", None) if getattr(user, "is_backoffice", False) else None
    return {"scope_node": node}
