"""Cadres' visits: recording a visit on a phone with the problems raised, the problem tickets
(closed only with an answer), the plans by street and the research reports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.params import query_year
from gonghui.organizations.models import Node

from .. import services
from ..forms import CloseForm, ProblemFormSet, ReportForm, VisitForm
from ..models import Problem, ProblemStatus, ResearchReport, Visit, VisitPlan
from .common import narrow, nodes_of, number, page_of, staff_node, units_of


@backoffice_required
def visit_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, Visit.objects.visible_to(request.user))
    if year := query_year(request, "year"):
        qs = qs.filter(visited_on__year=year)
    totals = qs.aggregate(n=Count("id"), met=Sum("people_met", default=0))
    # The units in a query of their own: grouped with them, the visits would need the units'
    # key to be their id alone, which it is not on Citus (id and district).
    qs = qs.prefetch_related("unit").annotate(n_problems=Count("problems")).order_by("-visited_on", "-id")
    return render(
        request,
        "federation/visit_list.html",
        {"page": page_of(request, qs), "node": node, "totals": totals, "year": year},
    )


@backoffice_required
def visit_new(request: AuthedRequest) -> HttpResponse:
    """Made for a phone: the unit, who was met, and up to three problems, each with an owner."""
    units = units_of(request)
    form = VisitForm(request.POST or None, units=units, initial={"visited_on": timezone.localdate()})
    problems = ProblemFormSet(request.POST or None, prefix="p")
    if request.method == "POST" and form.is_valid() and problems.is_valid():
        drafts = [
            services.ProblemDraft(p["description"], p["owner_name"], p.get("due_on"))
            for p in problems.cleaned_data
            if p.get("description")
        ]
        try:
            visit = services.visit_record(
                problems=drafts, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("已记录走访，收集问题 %(n)s 个。") % {"n": len(drafts)})
            return redirect("federation:visit", pk=visit.pk)
    return render(
        request,
        "federation/visit_new.html",
        {
            "form": form,
            "problems": problems,
            "units": units.order_by("name").values_list("name", flat=True)[:300],
        },
        status=400 if request.method == "POST" else 200,
    )


@backoffice_required
def visit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(Visit.objects.visible_to(request.user).select_related("unit", "plan"), pk=pk)
    return render(
        request,
        "federation/visit_detail.html",
        {
            "visit": visit,
            "problems": visit.problems.order_by("id"),
            "reports": visit.reports.all(),
            "today": timezone.localdate(),
        },
    )


@backoffice_required
def problem_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, Problem.objects.visible_to(request.user))
    status = request.GET.get("status", "")
    if status in ProblemStatus.values:
        qs = qs.filter(status=status)
    if request.GET.get("overdue") == "1":
        qs = qs.filter(status=ProblemStatus.OPEN, due_on__lt=timezone.localdate())
    if year := query_year(request, "year"):
        qs = qs.filter(raised_on__year=year)
    counts = qs.aggregate(n=Count("id"), solved=Count("id", filter=Q(status=ProblemStatus.SOLVED)))
    rate = counts["solved"] / counts["n"] if counts["n"] else None
    qs = qs.select_related("visit__unit").order_by("status", "due_on", "-id")
    return render(
        request,
        "federation/problem_list.html",
        {
            "page": page_of(request, qs),
            "node": node,
            "status": status,
            "statuses": ProblemStatus.choices,
            "rate": rate,
            "counts": counts,
            "today": timezone.localdate(),
        },
    )


@backoffice_required
def problem_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(Problem.objects.visible_to(request.user).select_related("visit__unit"), pk=pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_close(
                problem=problem, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("answer" if error.code == "answer" else None, error.messages[0])
        else:
            messages.success(request, _("问题已办结。"))
            return redirect("federation:visit", pk=problem.visit_id)
    return render(
        request,
        "federation/problem_detail.html",
        {"problem": problem, "form": form, "today": timezone.localdate()},
        status=400 if request.method == "POST" else 200,
    )


@backoffice_required
def report_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, ResearchReport.objects.visible_to(request.user))
    if year := query_year(request, "year"):
        qs = qs.filter(written_on__year=year)
    form = ReportForm(request.POST or None, initial={"written_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        chosen = Visit.objects.visible_to(request.user).filter(
            pk__in=[number(v) for v in request.POST.getlist("visits")]
        )
        try:
            report = services.report_create(
                node=staff_node(request),
                visits=list(chosen),
                actor=request.user,
                audit=request.audit,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            return redirect("federation:report", pk=report.pk)
    recent = Visit.objects.visible_to(request.user).select_related("unit").order_by("-visited_on", "-id")[:30]
    qs = qs.order_by("-written_on", "-id")
    return render(
        request,
        "federation/report_list.html",
        {"page": page_of(request, qs), "node": node, "form": form, "recent": recent},
    )


@backoffice_required
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(ResearchReport.objects.visible_to(request.user), pk=pk)
    visits = report.visits.select_related("unit").order_by("-visited_on")
    return render(request, "federation/report_detail.html", {"report": report, "visits": visits})


@backoffice_required
def plan_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, VisitPlan.objects.visible_to(request.user))
    plans = (
        qs.select_related("street")
        .annotate(done_units=Count("visits"), done_workers=Sum("visits__people_met", default=0))
        .order_by("-year", "street__path")
    )
    streets = nodes_of(request, Node.Kind.STREET)
    if request.method == "POST":
        street = streets.filter(pk=number(request.POST.get("street"))).first()
        try:
            if street is None:
                raise services.FederationError(_("请选择街镇。"), "street")
            services.plan_create(
                street=street,
                year=number(request.POST.get("year")) or timezone.localdate().year,
                title=request.POST.get("title", "")[:120] or _("大走访计划"),
                target_units=number(request.POST.get("target_units")),
                target_workers=number(request.POST.get("target_workers")),
                actor=request.user,
                audit=request.audit,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("federation:plans")
    return render(
        request,
        "federation/plan_list.html",
        {
            "page": page_of(request, plans),
            "node": node,
            "streets": streets,
            "year": timezone.localdate().year,
        },
    )
