"""Back-office pages of the teams: the list, adding a team, a team with its reporters,
front-line participants and reports, and the organizer's check of a report."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.members.models import Member
from gonghui.organizations.models import Unit

from .. import services
from ..forms import CheckForm, MemberNoForm, TeamForm
from ..models import Competition, IndicatorScore, Participant, ProgressReport, Team
from .common import PAGE_SIZE, refused, within_node


@backoffice_required
def team_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, Team.objects.visible_to(request.user))
    rows = (
        rows.select_related("competition", "node")
        .annotate(people=Count("participants"))
        .order_by("-competition__started_on", "competition_id", "section", "name")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "competitions/teams.html", {"page": page, "node": node})


@backoffice_required
def team_new(request: AuthedRequest, pk: int) -> HttpResponse:
    competition = get_object_or_404(Competition.objects.visible_to(request.user), pk=pk)
    form = TeamForm(request.POST or None, user=request.user, within=competition.path)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("unit_code").strip()
        unit = Unit.objects.visible_to(request.user).filter(uscc=code).first() if code else None
        if code and unit is None:
            form.add_error("unit_code", _("未找到该单位。"))
        else:
            try:
                services.team_add(
                    competition=competition, unit=unit, actor=request.user, audit=request.audit, **data
                )
            except services.CompetitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("参赛班组已添加。"))
                return redirect("competitions:detail", pk=competition.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "competitions/form.html",
        {
            "form": form,
            "title": _("添加参赛班组：%(c)s") % {"c": competition.title},
            "competition": competition,
        },
        status=status,
    )


def _team(request: AuthedRequest, pk: int) -> Team:
    return get_object_or_404(
        Team.objects.visible_to(request.user).select_related("competition", "node", "unit"), pk=pk
    )


@backoffice_required
def team_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    participants = Participant.objects.visible_to(request.user).filter(team=team).select_related("member")
    reports = (
        ProgressReport.objects.visible_to(request.user)
        .filter(team=team)
        .select_related("round")
        .order_by("-round__number", "-id")
    )
    context = {
        "team": team,
        "participants": Paginator(participants.order_by("id"), PAGE_SIZE).get_page(request.GET.get("page")),
        "reporters": team.reporters.select_related("member"),
        "reports": reports,
        "member_form": MemberNoForm(),
    }
    return render(request, "competitions/team.html", context)


def _member(request: AuthedRequest) -> tuple[Member | None, MemberNoForm]:
    form = MemberNoForm(request.POST)
    if not form.is_valid():
        return None, form
    member = (
        Member.objects.visible_to(request.user)
        .filter(member_no=form.cleaned_data["member_no"].strip())
        .first()
    )
    return member, form


@require_POST
@backoffice_required
def participant_add(request: AuthedRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    member, form = _member(request)
    if member is None:
        messages.error(request, _("未找到该会员编号。"))
    else:
        try:
            services.participant_add(
                team=team,
                member=member,
                role=form.cleaned_data["role"],
                actor=request.user,
                audit=request.audit,
            )
        except services.CompetitionError as error:
            refused(request, error)
        else:
            messages.success(request, _("已登记一线参赛职工：%(n)s") % {"n": member.name})
    return redirect("competitions:team", pk=team.pk)


@require_POST
@backoffice_required
def reporter_add(request: AuthedRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    member, _form = _member(request)
    if member is None:
        messages.error(request, _("未找到该会员编号。"))
    else:
        try:
            services.reporter_add(team=team, member=member, actor=request.user, audit=request.audit)
        except services.CompetitionError as error:
            refused(request, error)
        else:
            messages.success(request, _("已设为进度填报人：%(n)s") % {"n": member.name})
    return redirect("competitions:team", pk=team.pk)


@backoffice_required
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A report and, while it waits, the organizer's check: scores or a return."""
    report = get_object_or_404(
        ProgressReport.objects.visible_to(request.user).select_related("team__competition", "round"), pk=pk
    )
    indicators = services.judged_indicators(report)
    form = CheckForm(request.POST or None, indicators=indicators)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "confirm":
                    services.progress_report_confirm(
                        report=report,
                        values=form.values(),
                        note=form.cleaned_data["note"],
                        actor=request.user,
                        audit=request.audit,
                    )
                    messages.success(request, _("进度已确认，已更新上墙。"))
                else:
                    services.progress_report_return(
                        report=report, note=form.cleaned_data["note"], actor=request.user, audit=request.audit
                    )
                    messages.success(request, _("已退回，班组可重新填报。"))
                return redirect("competitions:detail", pk=report.team.competition_id)
            except services.CompetitionError as error:
                form.add_error(None, str(error))
        status = 400
    scores = IndicatorScore.objects.filter(report=report).select_related("indicator")
    return render(
        request, "competitions/report.html", {"report": report, "form": form, "scores": scores}, status=status
    )
