"""`Authorization: Bearer gh_…` for the federation's other systems, beside the browser session.
A token acts as its own account (`request.user` is the token's actor), so every endpoint reads
through `visible_to` exactly as for a staff account of the token's node; what it may call is
its permissions, by route. Tokens are read here only: the HTML pages never accept them."""

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from gonghui.audit.context import NO_REQUEST
from gonghui.integrations.models import ApiToken, Permission
from gonghui.integrations.ratelimit import rate_take
from gonghui.integrations.services import token_authenticate, token_touch

# The permission each API route asks of a token, by the route's name; a route not named here
# refuses every token (a route added tomorrow is closed to tokens until it is listed).
ROUTE_PERMISSIONS: dict[str, str] = {
    "node_detail": Permission.TREE_READ,
    "node_children": Permission.TREE_READ,
    "unit_list": Permission.TREE_READ,
    "unit_detail": Permission.TREE_READ,
    "member_list": Permission.MEMBERS_READ,
    "member_search": Permission.MEMBERS_READ,
    "member_detail": Permission.MEMBERS_READ,
    "node_kpis": Permission.KPIS_READ,
    "member_bookings": Permission.BOOKINGS_READ,
    "case_list": Permission.CASES_READ,
    "case_detail": Permission.CASES_READ,
    "till_verify": Permission.CARDS_VERIFY,
    "till_sale": Permission.CARDS_SALE,
    "till_sales": Permission.CARDS_SALE,
}
# Routes any valid token may call (a token describing itself).
OPEN_TO_EVERY_TOKEN = frozenset({"token_self"})


class TokenRefused(AuthenticationError):
    """A bearer token was sent and is not valid (unknown, wrong, expired or revoked)."""


class RateLimited(HttpError):
    def __init__(self, wait: int) -> None:
        self.wait = wait
        super().__init__(429, _("请求过于频繁，请%(n)s秒后再试。") % {"n": wait})


class ApiTokenAuth(HttpBearer):
    """Tried before the session: a request that carries a bearer token is judged by it alone."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header, "")
        if header[:7].lower() != "bearer ":
            return None  # no token: the session decides
        return self.authenticate(request, header[7:])

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        audit = getattr(request, "audit", NO_REQUEST)
        found = token_authenticate(token[:300], audit=audit)
        if found is None:
            raise TokenRefused
        allowance = rate_take(found)
        if not allowance.allowed:
            raise RateLimited(allowance.wait)
        if allowance.first:
            token_touch(found)
        match = request.resolver_match
        route = match.url_name if match else None
        needed = ROUTE_PERMISSIONS.get(route or "")
        if route not in OPEN_TO_EVERY_TOKEN and (needed is None or not found.allows(needed)):
            raise HttpError(403, _("该令牌没有调用此接口的权限。"))
        request.user = found.actor
        return found


api_token_auth = ApiTokenAuth()


def _unauthorized(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    response = api.create_response(request, {"detail": _("未登录或令牌无效（已过期或已吊销）。")}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


def _rate_limited(request: HttpRequest, exc: RateLimited, api: NinjaAPI) -> HttpResponse:
    response = api.create_response(request, {"detail": exc.message}, status=429)
    response["Retry-After"] = str(exc.wait)
    return response


def install_handlers(api: NinjaAPI) -> None:
    api.add_exception_handler(AuthenticationError, partial(_unauthorized, api=api))
    api.add_exception_handler(RateLimited, partial(_rate_limited, api=api))
