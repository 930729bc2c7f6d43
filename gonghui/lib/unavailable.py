"""The database could not answer (FT-2): a connection lost or ended by the server, a statement
or a lock wait past its time limit, too many connections. The request gets a 503 in the
house's error page with Retry-After, not a 500: nothing is wrong with what was asked, it can
be asked again in a moment. Django's connection handling (CONN_HEALTH_CHECKS, and closing a
connection that had errors at the end of the request) gives the next request a working one."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import get_language

RETRY_AFTER_SECONDS = 5


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error` (or what caused it) is the database being unavailable or too busy.
    On PostgreSQL these are psycopg's OperationalError family (AdminShutdown, QueryCanceled by
    statement_timeout, LockNotAvailable by lock_timeout, connection failures) and a closed
    connection's InterfaceError, which Django re-raises as its own classes of the same names."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def unavailable_response() -> HttpResponse:
    """The 503 page, rendered without the request's context: its context processors would ask
    the database (the user, the scope) that just failed."""
    body = loader.render_to_string("503.html", {"LANGUAGE_CODE": get_language()})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
