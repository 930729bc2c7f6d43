"""Who may open a view. A person without the right role gets the same 404 as a missing page
(there is nothing to learn from it); a signed-out person is sent to log in first."""

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase

from .roles import Role

type View = Callable[..., HttpResponseBase]


class Account(Protocol):
    """What the checks read of a signed-in account."""

    role: str

    @property
    def is_backoffice(self) -> bool: ...


def user_passes(check: Callable[[Account], bool], *, login_url: str | None = None) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), login_url)
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def role_required(
    *roles: Role, backoffice: bool = False, login_url: str | None = None
) -> Callable[[View], View]:
    """Open to the given roles, and with `backoffice` also to every staff account with a node."""
    return user_passes(
        lambda user: user.role in roles or (backoffice and user.is_backoffice), login_url=login_url
    )


backoffice_required = role_required(backoffice=True)
# a member signs in with a phone and an SMS code, not on the staff's password page
member_required = role_required(Role.MEMBER, login_url="portal:login")
