import sys

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect
from django.template import loader

from gonghui.accounts.http import AppRequest
from gonghui.lib.unavailable import database_unavailable, unavailable_response


def home(request: AppRequest) -> HttpResponse:
    user = request.user
    if getattr(user, "is_backoffice", False):
        return redirect("results:dashboard", user.node_id)  # type: ignore[union-attr]
    # Roles without a tree scope start where their work is.
    start = {"mediator": "disputes:cases", "cashier": "cards:cashier", "venue_staff": "culture:sessions"}
    if user.is_authenticated and getattr(user, "role", "") in start:
        return redirect(start[user.role])
    if user.is_authenticated:
        return redirect("portal:home")
    return redirect("accounts:login")


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an uncaught error is a 500 page, except the database being unavailable or
    too busy (a lost connection, a statement or lock timeout), which is a 503 to retry (FT-2)."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response()
    return HttpResponseServerError(loader.render_to_string("500.html"))
