"""The culture figures page: the subtree's totals, one row per circle, the months of one circle
and one year at a time, and the funding of each programme, a page at a time."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

from .. import selectors
from ..forms import FiguresForm
from ..models import Circle

PROGRAMMES_PER_PAGE = 20


def _months(by_month: dict[str, dict[str, Any]], year: int | None) -> tuple[list[int], int | None, list]:
    """The years that have months, the year shown (the one asked for, else the latest) and its
    months in order."""
    years = sorted({int(month[:4]) for month in by_month}, reverse=True)
    shown = year if year in years else (years[0] if years else None)
    rows = [(month, row) for month, row in sorted(by_month.items()) if int(month[:4]) == shown]
    return years, shown, rows


@backoffice_required
def figures(request: AuthedRequest) -> HttpResponse:
    form = FiguresForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("年度无效。"))
    node = get_object_or_404(Node.objects.visible_to(request.user), pk=request.user.node_id)
    year = form.cleaned_data["year"]
    circle = form.cleaned_data["circle"] or Circle.CORE
    period = Period.year(year) if year else None
    data = selectors.culture_figures(node, period)
    circles = [(Circle(value).label, value, row) for value, row in data["by_circle"].items()]
    month_years, month_year, months = _months(
        data["by_circle_month"].get(circle, {}), form.cleaned_data["month_year"]
    )
    programmes = selectors.funding_by_programme(node, period)
    for row in programmes:
        row["circle_label"] = Circle(row["circle"]).label if row["circle"] in Circle.values else row["circle"]
    page = Paginator(programmes, PROGRAMMES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "culture/figures.html",
        {
            "node": node,
            "year": year,
            "form": form,
            "figures": data,
            "circles": circles,
            "circle": circle,
            "circle_label": Circle(circle).label,
            "month_years": month_years,
            "month_year": month_year,
            "months": months,
            "page": page,
        },
    )
