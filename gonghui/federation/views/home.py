"""The federation's front page for the back office: this year's figures of the caller's subtree
and the way to each part of the work."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.figures import Period

from ..figures import FIGURES
from .common import staff_node


@backoffice_required
def home(request: AuthedRequest) -> HttpResponse:
    node = staff_node(request)
    year = timezone.localdate().year
    values = FIGURES.compute(node, Period.year(year))
    figures = [(f, values[f.key]) for f in FIGURES.figures]
    return render(request, "federation/home.html", {"figures": figures, "year": year, "node": node})
