"""Public boards: read-only pages without login for the figures the federation publishes
(district staff choose them per node), and the calendar of upcoming sessions. No personal
data: figures are counts, rates and sums; the calendar says what, where, when and how many
places are left. Rendered pages are cached for a few minutes (and say so to browsers and
proxies), and a board's change shows at once: its time is part of the cache key."""

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gonghui.accounts.http import AppRequest, AuthedRequest
from gonghui.culture.selectors import upcoming_sessions
from gonghui.lib.access import role_required
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from ..bigscreen import Glance, figure_index
from ..forms import BoardForm
from ..models import PublicBoard
from ..reading import ensure
from ..selectors import public_boards, public_rows
from ..services import ResultsError, board_save, publishable

PUBLIC_SECONDS = 300
DEFAULT_FIGURES = (
    "members",
    "unions",
    "covered_units",
    "establishment_rate",
    "membership_rate",
    "cards.card_holders",
    "cards.merchants",
    "culture.sessions_held",
    "culture.person_times",
    "disputes.cases_closed",
)
district_required = role_required(Role.DISTRICT_STAFF)


def public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
    return response


@require_GET
def board_index(request: AppRequest) -> HttpResponse:
    boards = list(public_boards().order_by("path")[:100])
    return public(render(request, "results/board_index.html", {"boards": boards}))


@require_GET
def board(request: AppRequest, pk: int) -> HttpResponse:
    found = public_boards().filter(pk=pk).first()
    if found is None:
        raise Http404
    key = f"results:board:{found.pk}:{found.updated_at.timestamp()}:{translation.get_language()}"
    if (html := cache.get(key)) is None:
        html = render_board(request, found)
        cache.set(key, html, PUBLIC_SECONDS)
    return public(HttpResponse(html))


def render_board(request: AppRequest, found: PublicBoard) -> str:
    today = timezone.localdate()
    glance = Glance(found.node, today)
    table = ensure(public_rows(found.node), glance.wanted(found.figures))
    sessions = upcoming_sessions(found.node.path) if found.calendar else []
    context = {
        "board": found,
        "tiles": glance.tiles(table, found.figures),
        "sessions": sessions,
        "year": today.year,
        "computed_at": table.computed_at,
    }
    return render_to_string("results/board.html", context, request=request)


@district_required
def board_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    node = get_object_or_404(Node.objects.visible_to(request.user), pk=pk)
    current = PublicBoard.objects.visible_to(request.user).filter(node=node).first()
    index = figure_index()
    choices = [(key, f"{index[key][1].label}（{key}）") for key in publishable()]
    initial = {
        "title": current.title if current else _("%(name)s工作看板") % {"name": node.name},
        "published": current.published if current else True,
        "calendar": current.calendar if current else True,
        "figures": current.figures if current else [k for k in DEFAULT_FIGURES if k in index],
    }
    form = BoardForm(request.POST or None, initial=initial, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            board_save(node=node, actor=request.user, audit=request.audit, **form.cleaned_data)
        except ResultsError as wrong:
            messages.error(request, str(wrong))
        else:
            messages.success(request, _("已保存公开看板设置。"))
            return redirect("results:board_edit", node.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "results/board_edit.html", {"node": node, "form": form, "board": current}, status=status
    )
