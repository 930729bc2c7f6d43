from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if getattr(user, "is_backoffice", False):
        return redirect("results:kpis", user.node_id)  # type: ignore[union-attr]
    if user.is_authenticated:
        return redirect("portal:home")
    return redirect("accounts:login")
