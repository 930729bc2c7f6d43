from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# Where the JSON API is mounted (gonghui/urls.py): it reads its own bodies and answers in JSON.
API_PREFIX = "/api/"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RejectNulBytesMiddleware:
    """A NUL byte in a query string or form is bad input (400), never a 500 (FZ-2)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or self._has_nul(request):
            if request.path.startswith(API_PREFIX):  # the API answers in its own format
                return JsonResponse({"detail": _("请求中含有非法字符。")}, status=400)
            return HttpResponseBadRequest(_("请求中含有非法字符。"))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "%00" in request.META.get("QUERY_STRING", "").lower():
            return True
        # The API reads its bodies itself: parsing a form here would use up the stream that
        # django-ninja then reads as request.body, so its bodies are searched as bytes.
        api = request.path.startswith(API_PREFIX)
        if request.method == "POST" and not api and request.content_type in FORM_TYPES:
            return any("\x00" in v for values in request.POST.lists() for v in values[1])
        if api or request.content_type == "application/json":
            return b"\\u0000" in request.body or b"\x00" in request.body
        return False


def cache_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Lets a view's answer to a signed-in user be cached (it shows nothing personal)."""

    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> HttpResponse:
        response = view(*args, **kwargs)
        response.cache_allowed = True  # type: ignore[attr-defined]
        return response

    return wrapped


class NoStoreForSignedInMiddleware:
    """`Cache-Control: no-store` on every answer to a signed-in user (pages, fragments, JSON,
    files) and to every API call with a token: each may show personal data, and neither the
    browser's cache nor a proxy may keep it. Answers to no one (public boards, the big screen,
    static files, login pages) are left as they are; a view may opt out with `cache_allowed`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(response, "cache_allowed", False):
            return response
        user = getattr(request, "user", None)
        # An integrator's API token comes in the Authorization header, not a session.
        if (user is not None and user.is_authenticated) or "Authorization" in request.headers:
            add_never_cache_headers(response)
        return response
