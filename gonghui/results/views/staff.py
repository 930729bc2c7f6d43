"""The staff's dashboards: a node of their scope, a period, the registry's figures as tiles
and charts, each drilling down to the list of the records behind it."""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.figures import PeriodError
from gonghui.organizations.models import Node

from ..dashboard import Dashboard
from ..models import FigureCache
from ..periods import chosen_from, describe
from ..present import script_json
from ..reading import Table, ensure
from ..selectors import ancestors_in_scope, children_to_compare
from .common import page

PICK_LIMIT = 30
BODY_SECONDS = 3600


@backoffice_required
def dashboard_home(request: AuthedRequest) -> HttpResponse:
    return redirect("results:dashboard", request.user.node_id)


@require_GET
@backoffice_required
def dashboard(request: AuthedRequest, pk: int) -> HttpResponse:
    nodes = Node.objects.visible_to(request.user)
    node = get_object_or_404(nodes, pk=pk)
    today = timezone.localdate()
    context = {
        "node": node,
        "crumbs": ancestors_in_scope(nodes, node, request.user.scope_path or node.path),
        "picker": list(
            nodes.filter(path__startswith=node.path, depth=node.depth + 1).only("pk", "name")[:300]
        ),
        "query": request.GET,
        # Not `query.items` / `query.urlencode` in the template: a key named so would shadow them.
        "query_string": request.GET.urlencode(),
        "query_items": list(request.GET.items()),
        "this_year": today.year,
        "years": list(range(today.year, today.year - 6, -1)),
        "this_month": f"{today:%Y-%m}",
        "today": today.isoformat(),
    }
    try:
        chosen = chosen_from(request.GET, today)
    except PeriodError as wrong:
        return render(request, "results/dashboard.html", {**context, "error": str(wrong)}, status=400)
    board = Dashboard(node, chosen, today, children_to_compare(nodes, node))
    table = ensure(FigureCache.objects.visible_to(request.user), board.wanted(), queue=False)
    context |= {"chosen": chosen, "before": describe(board.before), "table": table}
    return page(request, "results/dashboard.html", {**context, "body": dashboard_body(board, table)}, table)


def dashboard_body(board: Dashboard, table: Table) -> str:
    """The tiles and charts, made once per version of the rows they show: a dashboard is read
    far more often than its figures change, and making it takes most of a request. Nothing in it
    depends on who reads it, only on the node, the period, the day and the language."""
    key = None
    if not table.pending:
        what = (board.node.pk, sorted(board.chosen.params.items()), board.today, get_language())
        children = [(child.pk, child.name) for child in board.children]
        key = (
            "results:dashboard:"
            + hashlib.blake2b(repr((what, children, table.version())).encode()).hexdigest()
        )
        if (body := cache.get(key)) is not None:
            return body
    sections, charts = board.build(table)
    context = {"sections": sections, "charts_json": script_json(charts), "children": board.children}
    body = render_to_string("results/dashboard_body.html", context)
    if key is not None:
        cache.set(key, body, BODY_SECONDS)
    return body


@require_GET
@backoffice_required
def dashboard_pick(request: AuthedRequest) -> HttpResponse:
    """Find a node of one's scope by name, to open its dashboard with the same period."""
    q = request.GET.get("q", "").strip()[:40]
    nodes = Node.objects.visible_to(request.user)
    found = list(nodes.filter(name__contains=q).only("pk", "name", "kind")[:PICK_LIMIT]) if q else []
    period = {k: v for k, v in request.GET.items() if k != "q"}
    context = {"q": q, "found": found, "period": period, "period_query": urlencode(period)}
    return render(request, "results/dashboard_pick.html", context)
