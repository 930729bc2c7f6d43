from typing import TYPE_CHECKING

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

if TYPE_CHECKING:
    from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.params import id_param, query_year

from .models import Node, Unit

PAGE_SIZE = 50


@backoffice_required
def node_detail(request: "AuthedRequest", pk: int) -> HttpResponse:
    node = get_object_or_404(Node.objects.visible_to(request.user), pk=pk)
    children = Paginator(Node.objects.get_children(node), PAGE_SIZE).get_page(request.GET.get("page"))
    ancestors = [a for a in Node.objects.get_ancestors(node) if a.path.startswith(request.user.scope_path)]
    return render(
        request,
        "organizations/node_detail.html",
        {
            "node": node,
            "page": children,
            "ancestors": ancestors,
            "unit_count": Unit.objects.visible_to(request.user).within(node.path).count(),
        },
    )


@backoffice_required
def unit_list(request: "AuthedRequest") -> HttpResponse:
    units = Unit.objects.visible_to(request.user).select_related("street", "union")
    if node_id := request.GET.get("node", "").strip():
        node = get_object_or_404(Node.objects.visible_to(request.user), pk=id_param(node_id))
        units = units.within(node.path)
    if q := request.GET.get("q", "").strip()[:60]:
        units = units.filter(Q(name__contains=q) | Q(uscc=q.upper()))
    coverage = request.GET.get("coverage", "")
    if coverage == "covered":
        units = units.filter(union__isnull=False)
    elif coverage == "uncovered":
        units = units.filter(union__isnull=True, must_have_union=True)
    if request.GET.get("eligible") == "1":
        units = units.filter(must_have_union=True)
    if year := query_year(request, "covered_year"):
        units = units.filter(covered_on__year=year)
    page = Paginator(units.order_by("id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organizations/unit_list.html", {"page": page, "q": q, "coverage": coverage})


@backoffice_required
def union_list(request: "AuthedRequest") -> HttpResponse:
    """Unions of a subtree: the records behind the union counts of the KPI page."""
    nodes = Node.objects.visible_to(request.user)
    if node_id := request.GET.get("node", "").strip():
        nodes = nodes.filter(path__startswith=get_object_or_404(nodes, pk=id_param(node_id)).path)
    kind = request.GET.get("kind", Node.Kind.GRASSROOTS)
    nodes = nodes.filter(kind=kind if kind in Node.Kind.values else Node.Kind.GRASSROOTS)
    if year := query_year(request, "founded_year"):
        nodes = nodes.filter(founded_on__year=year)
    page = Paginator(nodes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organizations/union_list.html", {"page": page, "kinds": Node.Kind.choices})


@backoffice_required
def unit_detail(request: "AuthedRequest", pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.visible_to(request.user).select_related("street", "union"), pk=pk)
    return render(request, "organizations/unit_detail.html", {"unit": unit})
