"""The back office's agreement pages: the list with its overdue clocks, an agreement with its
filing steps, coverage by street and industry as of a day, and the alerts."""

import datetime

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.organizations.models import Node, Unit

from .. import forms, selectors, services
from ..models import Agreement, Alert, Kind, Level
from .common import PAGE_SIZE, node_from, step

STEPS = {
    "hr_file": services.agreement_file_hr,
    "hr_approve": services.agreement_hr_approve,
    "publish": services.agreement_publish,
    "union_file": services.agreement_file_union,
}


@backoffice_required
def agreement_list(request: AuthedRequest) -> HttpResponse:
    node = node_from(request, request.GET.get("node"))
    today = timezone.localdate()
    agreements = Agreement.objects.visible_to(request.user).within(node.path).select_related("node")
    kind, level, show = request.GET.get("kind", ""), request.GET.get("level", ""), request.GET.get("show", "")
    if kind in Kind.values:
        agreements = agreements.filter(kind=kind)
    if level in Level.values:
        agreements = agreements.filter(level=level)
    if show == "in_force":
        agreements = agreements.filter(pk__in=selectors.in_force_on(today, node.path).values("pk"))
    elif show == "overdue":
        agreements = agreements.filter(pk__in=selectors.overdue_filing(node.path, today).values("pk"))
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "bargaining/agreements.html",
        {
            "page": page,
            "kinds": Kind.choices,
            "levels": Level.choices,
            "kind": kind,
            "level": level,
            "show": show,
            "today": today,
        },
    )


def agreement_or_404(request: AuthedRequest, pk: int) -> Agreement:
    return get_object_or_404(
        Agreement.objects.visible_to(request.user).select_related("node", "offer"), pk=pk
    )


@backoffice_required
def agreement_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_or_404(request, pk)
    today = timezone.localdate()
    units = Unit.unscoped.filter(pk__in=agreement.unit_links.values("unit_id")).order_by("name")
    return render(
        request,
        "bargaining/agreement.html",
        {
            "agreement": agreement,
            "clocks": agreement.clocks(today),
            "in_force": agreement.in_force(today),
            "units": units[:300],
            "unit_count": units.count(),
            "renewals": agreement.renewals.all(),
            "alerts": agreement.alerts.all()[:20],
            "step_form": forms.StepForm(initial={"on": today}),
            "terminate_form": forms.TerminateForm(initial={"on": today}),
            "today": today,
        },
    )


@require_POST
@backoffice_required
def agreement_step(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_or_404(request, pk)
    return step(
        request,
        forms.StepForm(request.POST),
        lambda d: STEPS[d["step"]](agreement=agreement, on=d["on"], actor=request.user, audit=request.audit),
        "bargaining:agreement",
        agreement.pk,
    )


@require_POST
@backoffice_required
def agreement_terminate(request: AuthedRequest, pk: int) -> HttpResponse:
    agreement = agreement_or_404(request, pk)
    return step(
        request,
        forms.TerminateForm(request.POST),
        lambda d: services.agreement_terminate(
            agreement=agreement, on=d["on"], reason=d["reason"], actor=request.user, audit=request.audit
        ),
        "bargaining:agreement",
        agreement.pk,
    )


@require_POST
@backoffice_required
def agreement_renew(request: AuthedRequest, pk: int) -> HttpResponse:
    """Start renegotiation: a new offer to the same party, linked to the agreement it renews."""
    agreement = agreement_or_404(request, pk)
    unit = Unit.unscoped.filter(pk__in=agreement.unit_links.values("unit_id")).first()
    return step(
        request,
        None,
        lambda d: services.offer_send(
            node=agreement.node,
            kind=agreement.kind,
            level=agreement.level,
            unit=unit if agreement.level == Level.ENTERPRISE else None,
            counterpart=agreement.employer_party,
            sent_on=timezone.localdate(),
            renews=agreement,
            actor=request.user,
            audit=request.audit,
        ),
        "bargaining:agreement",
        agreement.pk,
        done=_("已发出续签要约。"),
    )


@backoffice_required
def coverage(request: AuthedRequest) -> HttpResponse:
    """Enterprises covered by an agreement in force, by street and by industry, as of a day."""
    form = forms.AsOfForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("日期无效。"))
    node = node_from(request, form.cleaned_data["node"])
    day: datetime.date = form.cleaned_data["as_of"] or timezone.localdate()
    streets = dict(Node.objects.filter(kind=Node.Kind.STREET).values_list("pk", "name"))
    by_street = [
        (streets.get(int(pk), pk), n) for pk, n in selectors.coverage_by(node.path, day, "street").items()
    ]
    industries = dict(Unit.Industry.choices)
    by_industry = [
        (industries.get(k, k), n) for k, n in selectors.coverage_by(node.path, day, "industry").items()
    ]
    return render(
        request,
        "bargaining/coverage.html",
        {
            "node": node,
            "day": day,
            "total": selectors.enterprises_covered(node.path, day),
            "by_street": sorted(by_street, key=lambda r: -r[1]),
            "by_industry": sorted(by_industry, key=lambda r: -r[1]),
        },
    )


@backoffice_required
def alert_list(request: AuthedRequest) -> HttpResponse:
    node = node_from(request, request.GET.get("node"))
    alerts = Alert.objects.visible_to(request.user).within(node.path).select_related("agreement", "offer")
    page = Paginator(alerts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "bargaining/alerts.html", {"page": page})
