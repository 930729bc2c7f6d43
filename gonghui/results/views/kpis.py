from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.organizations.models import Node

from ..kpis import rollup_figures


@backoffice_required
def kpi_page(request: AuthedRequest, pk: int) -> HttpResponse:
    node = get_object_or_404(Node.objects.visible_to(request.user), pk=pk)
    figures, computed_at = rollup_figures(node)
    years = sorted(figures["by_year"].items())
    return render(
        request,
        "results/kpis.html",
        {
            "node": node,
            "f": figures,
            "years": years,
            "computed_at": computed_at,
            "children": Node.objects.get_children(node).select_related("kpi_rollup")[:100],
        },
    )
