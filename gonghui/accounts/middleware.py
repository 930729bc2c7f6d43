import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from gonghui.lib.scoping import enforce_scoping

LOGIN_AT = "login_at"
RENEWED_AT = "renewed_at"


class SessionLifetimeMiddleware:
    """Absolute session lifetime, the idle timeout, and scope enforcement for everything a
    request reads (AZ-1).

    The idle timeout is the session's age (SESSION_COOKIE_AGE). Saving the session on every
    request would cost a database write per page view, so an active session is renewed at
    most once every SESSION_RENEW_SECONDS: it then expires between AGE - RENEW and AGE
    seconds after the last request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(LOGIN_AT)
            if started is None or now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
            elif now - request.session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_SECONDS:
                request.session[RENEWED_AT] = now
        with enforce_scoping():
            return self.get_response(request)
