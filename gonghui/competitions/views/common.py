"""What the competitions' pages share: the ?node= narrowing of a list and a refusal shown."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gonghui.accounts.http import AuthedRequest
from gonghui.organizations.models import Node

from ..errors import CompetitionError

PAGE_SIZE = 50


def within_node[Q: QuerySet](request: AuthedRequest, rows: Q) -> tuple[Q, Node | None]:
    """A list narrowed to ?node=<id> (a figure's drill-down); a node out of scope is 404."""
    raw = request.GET.get("node", "").strip()
    if not raw:
        return rows, None
    if not raw.isdigit():
        raise Http404
    node = get_object_or_404(Node.objects.visible_to(request.user), pk=int(raw))
    return rows.filter(path__startswith=node.path), node


def refused(request: AuthedRequest, error: CompetitionError) -> None:
    messages.error(request, str(error))
