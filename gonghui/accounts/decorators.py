from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from .models import Role


def _guard(check: Callable[[Any], bool], login_url: str | None = None) -> Callable[..., Any]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), login_url)
            if not check(request.user):
                raise Http404  # the same answer as a missing page: nothing to learn here
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


backoffice_required = _guard(lambda user: user.is_backoffice)
# a member signs in with a phone and an SMS code, not on the staff's password page
member_required = _guard(lambda user: user.role == Role.MEMBER, login_url="portal:login")
