"""The reform responsibility list: the leadership's board (tasks, measures, progress, overdue
flags), a measure's road map and progress history, and a new progress report."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.steps import show_error

from .. import services
from ..forms import ProgressForm, ReachForm
from ..models import MeasureStatus, Milestone, ReformMeasure, ReformTask
from .common import narrow


@dataclass(frozen=True)
class Row:
    """A task on the board with its measures and how they stand."""

    task: ReformTask
    measures: list[ReformMeasure]
    done: int
    overdue: int
    average: int


@backoffice_required
def board(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    tasks, node = narrow(request, ReformTask.objects.visible_to(request.user))
    measures, _node = narrow(request, ReformMeasure.objects.visible_to(request.user))
    by_task: dict[int, list[ReformMeasure]] = {}
    for measure in measures.order_by("task__number", "number"):
        by_task.setdefault(measure.task_id, []).append(measure)
    rows = []
    for task in tasks.order_by("number"):
        items = by_task.get(task.pk, [])
        rows.append(
            Row(
                task=task,
                measures=items,
                done=sum(1 for m in items if m.status == MeasureStatus.DONE),
                overdue=sum(1 for m in items if m.status != MeasureStatus.DONE and m.due_on < today),
                average=round(sum(m.progress for m in items) / len(items)) if items else 0,
            )
        )
    totals = {
        "tasks": len(rows),
        "measures": sum(len(r.measures) for r in rows),
        "done": sum(r.done for r in rows),
        "overdue": sum(r.overdue for r in rows),
    }
    only_overdue = request.GET.get("overdue") == "1"
    if only_overdue:
        rows = [r for r in rows if r.overdue]
    return render(
        request,
        "federation/reform_board.html",
        {"rows": rows, "totals": totals, "today": today, "node": node, "only_overdue": only_overdue},
    )


@backoffice_required
def measure_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(ReformMeasure.objects.visible_to(request.user).select_related("task"), pk=pk)
    form = ProgressForm(request.POST or None, initial={"progress": measure.progress})
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_report(
                measure=measure, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("已报告进展。"))
            return redirect("federation:measure", pk=pk)
    return render(
        request,
        "federation/measure_detail.html",
        {
            "m": measure,
            "milestones": measure.milestones.all(),
            "reports": measure.reports.select_related("reporter"),
            "form": form,
            "reach_form": ReachForm(initial={"reached_on": timezone.localdate()}),
            "today": timezone.localdate(),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@backoffice_required
def milestone_reach(request: AuthedRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.visible_to(request.user), pk=pk)
    form = ReachForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写完成时间。"))
    else:
        try:
            services.milestone_reach(
                milestone=milestone, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            show_error(request, error)
    return redirect("federation:measure", pk=milestone.measure_id)
