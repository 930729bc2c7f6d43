from django.http import HttpResponse
from django.shortcuts import redirect

from gonghui.accounts.http import AppRequest


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
