"""The big screen (大屏): a district for the hall, opened from a signed link that expires, so
it runs with no one signed in; and the page where district staff make such a link."""

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from gonghui.accounts.http import AppRequest, AuthedRequest
from gonghui.lib.access import role_required
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from ..bigscreen import SCREEN_FIGURES, Glance, screen_seconds, time_zone
from ..forms import ScreenLinkForm
from ..links import LinkRefused, screen_node_id
from ..present import script_json
from ..reading import ensure
from ..selectors import public_node, public_rows, street_nodes
from ..services import ResultsError, screen_link_create
from ..tasks import refresh_figures
from .common import page

district_required = role_required(Role.DISTRICT_STAFF)


@require_GET
def screen(request: AppRequest, token: str) -> HttpResponse:
    try:
        node = public_node(screen_node_id(token))
    except LinkRefused as refused:
        return render(request, "results/screen_refused.html", {"message": str(refused)}, status=404)
    if node is None:
        return render(request, "results/screen_refused.html", {"message": ""}, status=404)
    glance = Glance(node, timezone.localdate(), street_nodes(node))
    table = ensure(public_rows(node), glance.wanted(SCREEN_FIGURES, trend=True), queue=False)
    data = {
        "tiles": glance.tiles(table, SCREEN_FIGURES),
        "streets": glance.streets(table),
        "charts": glance.charts(table),
        "computed_at": timezone.localtime(table.computed_at).strftime("%Y-%m-%d %H:%M")
        if table.computed_at
        else "",
    }
    if request.GET.get("data"):
        response = JsonResponse(data)
        if table.queued:
            refresh_figures.enqueue()
        return response
    return page(
        request,
        "results/screen.html",
        {
            "node": node,
            "data": data,
            "data_json": script_json(data),
            "refresh_seconds": screen_seconds(),
            "time_zone": time_zone(),
        },
        table,
    )


@district_required
def screen_link(request: AuthedRequest, pk: int) -> HttpResponse:
    node = get_object_or_404(Node.objects.visible_to(request.user), pk=pk)
    form = ScreenLinkForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        try:
            token, ends = screen_link_create(
                node=node, hours=form.cleaned_data["hours"], actor=request.user, audit=request.audit
            )
        except ResultsError as wrong:
            messages.error(request, str(wrong))
        else:
            link = {"url": request.build_absolute_uri(reverse("results:screen", args=[token])), "ends": ends}
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(
        request, "results/screen_link.html", {"node": node, "form": form, "link": link}, status=status
    )
