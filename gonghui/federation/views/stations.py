"""Service stations for the back office: the list, opening one, a station with its services,
hours, six-haves checks and its QR code (printed at the door)."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required

from .. import selectors, services
from ..forms import CheckForm, StationForm
from ..models import Criterion, Station, StationCheck
from .common import narrow, nodes_of, page_of


def _station(request: AuthedRequest, pk: int) -> Station:
    return get_object_or_404(Station.objects.visible_to(request.user).select_related("node", "street"), pk=pk)


def station_url(request: AuthedRequest, station: Station) -> str:
    """What the QR code holds: the member's page of the station with its check-in code."""
    path = reverse("federation:m_station", args=[station.pk])
    return request.build_absolute_uri(f"{path}?code={station.code}")


@backoffice_required
def station_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, Station.objects.visible_to(request.user))
    today = timezone.localdate()
    page = page_of(
        request, qs.select_related("street").prefetch_related("services").order_by("street__path", "name")
    )
    meeting = selectors.stations_meeting_six_haves([s.pk for s in page.object_list], today)
    return render(
        request,
        "federation/station_list.html",
        {"page": page, "meeting": meeting, "node": node, "today": today},
    )


@backoffice_required
def station_new(request: AuthedRequest) -> HttpResponse:
    form = StationForm(request.POST or None, nodes=nodes_of(request).exclude(kind="district"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        node, kinds = data.pop("node"), data.pop("services")
        try:
            station = services.station_create(
                node=node, services=kinds, actor=request.user, audit=request.audit, **data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            return redirect("federation:station", pk=station.pk)
    return render(request, "federation/form.html", {"form": form, "title": _("新建基层服务站")})


@backoffice_required
def station_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    station = _station(request, pk)
    form = CheckForm(request.POST or None, initial={"checked_on": timezone.localdate(), "met": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.station_check(
                station=station, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("已记录检查。"))
            return redirect("federation:station", pk=pk)
    checks = (
        StationCheck.objects.visible_to(request.user).filter(station=station).select_related("checked_by")
    )
    latest: dict[str, StationCheck] = {}
    for check in checks.order_by("checked_on", "id"):
        latest[check.criterion] = check
    rows = [(label, latest.get(value)) for value, label in Criterion.choices]
    svg = segno.make(station_url(request, station), error="m").svg_inline(scale=4, dark="#222", light="#fff")
    return render(
        request,
        "federation/station_detail.html",
        {
            "station": station,
            "rows": rows,
            "history": checks[:60],
            "form": form,
            "qr": svg,
            "meets": all(c is not None and c.met for _l, c in rows),
            "services": station.services.all(),
        },
        status=400 if request.method == "POST" else 200,
    )
