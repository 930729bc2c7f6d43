"""What the federation's pages share: narrowing a list to a node (the figures' drill-down),
paging, a service's refusal shown to the person, the unit and node choices of a form."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from gonghui.accounts.http import AuthedRequest
from gonghui.organizations.models import Node, Unit

PAGE_SIZE = 50


def number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 12 else 0


def narrow[M: Model](request: AuthedRequest, qs: QuerySet[M]) -> tuple[QuerySet[M], Node | None]:
    """A scoped list narrowed to the subtree of ?node=<id> (404 outside the caller's scope)."""
    raw = request.GET.get("node", "")
    if not raw:
        return qs, None
    node = get_object_or_404(Node.objects.visible_to(request.user), pk=number(raw))
    return qs.filter(path__startswith=node.path), node


def page_of(request: AuthedRequest, qs: QuerySet[Any]) -> Page[Any]:
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def units_of(request: AuthedRequest) -> QuerySet[Unit]:
    return Unit.objects.visible_to(request.user)


def nodes_of(request: AuthedRequest, *kinds: str) -> QuerySet[Node]:
    nodes = Node.objects.visible_to(request.user)
    return nodes.filter(kind__in=kinds) if kinds else nodes


def staff_node(request: AuthedRequest) -> Node:
    assert request.user.node is not None  # backoffice_required: every staff account has one
    return request.user.node
