from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AppRequest

from .forms import StaffLoginForm
from .models import User
from .services import LoginRefused, staff_login, totp_now


def redirect_after_login(request: AppRequest, default: str) -> HttpResponse:
    """To the page the login interrupted, if it is one of this site's. The login forms post to
    their own URL, so its ?next= is there on every step."""
    target = request.GET.get("next", "")
    own_site = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if own_site else default)


def login_view(request: AppRequest) -> HttpResponse:
    form = StaffLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = staff_login(audit=request.audit, **form.cleaned_data)
        except LoginRefused as refused:
            messages.error(request, str(refused))
        else:
            login(request, user)
            return redirect_after_login(request, "home")
    return render(request, "accounts/login.html", {"form": form, "demo_codes": demo_codes()})


def demo_codes() -> list[tuple[str, str]]:
    """In the demo only: the current TOTP code of each account that needs one."""
    if not settings.DEMO:
        return []
    return [
        (user.username, totp_now(user)) for user in User.objects.exclude(totp_secret="").order_by("username")
    ]


@require_POST
def logout_view(request: AppRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")
