"""The reporter's pages on a phone: my teams, and the period's progress of one of them. A
member reaches only the teams they report for; any other answers 404, like a missing one."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required

from .. import services
from ..forms import ReportForm
from ..models import ProgressReport, Round, Team


@member_required
def my_teams(request: AuthedRequest) -> HttpResponse:
    teams = (
        Team.objects.visible_to(request.user)
        .select_related("competition")
        .order_by("-competition__started_on")
    )
    return render(request, "competitions/m/teams.html", {"teams": teams})


@member_required
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    team = get_object_or_404(Team.objects.visible_to(request.user).select_related("competition"), pk=pk)
    current = Round.unscoped.filter(competition_id=team.competition_id, status=Round.Status.OPEN).first()
    reports = ProgressReport.objects.visible_to(request.user).filter(team=team).select_related("round")
    mine = (
        reports.filter(round=current).exclude(status=ProgressReport.Status.RETURNED).first()
        if current
        else None
    )
    initial = {"actual": mine.actual, "note": mine.note} if mine else {}
    form = ReportForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.progress_report_submit(
                    team=team,
                    actual=form.cleaned_data["actual"],
                    note=form.cleaned_data["note"],
                    actor=request.user,
                    audit=request.audit,
                )
            except services.CompetitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("进度已上报，等待主办方审核。"))
                return redirect("competitions:m_report", pk=team.pk)
        status = 400
    context = {
        "team": team,
        "current": current,
        "mine": mine,
        "history": reports.order_by("-round__number", "-id")[:12],
        "form": form,
    }
    return render(request, "competitions/m/report.html", context, status=status)
