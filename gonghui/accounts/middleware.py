import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from gonghui.lib.scoping import enforce_scoping

LOGIN_AT = "login_at"


class SessionLifetimeMiddleware:
    """Absolute session lifetime (the idle timeout is the cookie age), and scope
    enforcement for everything a request reads (AZ-1)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            if started is None or time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        with enforce_scoping():
            return self.get_response(request)
