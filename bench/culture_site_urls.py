"""The real site plus one minimal Django view, served by the same server for B3's comparison."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from gonghui.urls import urlpatterns as site


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *site]
