from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

from .. import selectors
from .common import year_param


@backoffice_required
def overview(request: AuthedRequest, pk: int) -> HttpResponse:
    """The card's KPIs of one node in the caller's scope."""
    node = get_object_or_404(Node.objects.visible_to(request.user), pk=pk)
    year = year_param(request)
    figures = selectors.cards_figures(node, Period.year(year) if year else None)
    return render(request, "cards/overview.html", {"node": node, "figures": figures, "year": year})
