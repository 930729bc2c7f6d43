"""Cadre training (person-times) and the professional union workers with their titles and
assignments to the streets."""

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
from ..forms import TrainingForm, WorkerAssignForm
from ..models import Grade, Training, UnionWorker
from .common import narrow, nodes_of, page_of, staff_node


@backoffice_required
def training_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, Training.objects.visible_to(request.user))
    if year := query_year(request, "year"):
        qs = qs.filter(starts_on__year=year)
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_record(
                node=staff_node(request), actor=request.user, audit=request.audit, **form.cleaned_data
            )
            messages.success(request, _("已记录培训。"))
            return redirect("federation:trainings")
        except ValidationError as error:
            form.add_error(None, error.messages[0])
    total = qs.aggregate(n=Sum("attendees", default=0))["n"]
    return render(
        request,
        "federation/training_list.html",
        {
            "page": page_of(request, qs.order_by("-starts_on", "-id")),
            "node": node,
            "form": form,
            "total": total,
        },
    )


@backoffice_required
def worker_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, UnionWorker.objects.visible_to(request.user))
    if request.GET.get("all") != "1":
        qs = qs.filter(left_on__isnull=True)
    grades = qs.aggregate(**{g: Count("id", filter=Q(grade=g)) for g in Grade.values})
    qs = qs.select_related("node").order_by("node__path", "name")
    return render(
        request,
        "federation/worker_list.html",
        {
            "page": page_of(request, qs),
            "node": node,
            "grades": [(label, grades[value]) for value, label in Grade.choices],
        },
    )


@backoffice_required
def worker_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    worker = get_object_or_404(UnionWorker.objects.visible_to(request.user).select_related("node"), pk=pk)
    form = WorkerAssignForm(
        request.POST or None,
        streets=nodes_of(request, Node.Kind.STREET),
        initial={"starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.worker_assign(
                worker=worker, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("已调整派驻。"))
            if UnionWorker.objects.visible_to(request.user).filter(pk=pk).exists():
                return redirect("federation:worker", pk=pk)
            return redirect("federation:workers")
    return render(
        request,
        "federation/worker_detail.html",
        {"worker": worker, "assignments": worker.assignments.select_related("street"), "form": form},
        status=400 if request.method == "POST" else 200,
    )
