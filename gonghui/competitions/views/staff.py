"""Back-office pages of a competition: the list, launching one, its detail with indicators,
teams, periods, the flag's history and awards; opening and closing periods; awards."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.members.models import Member

from .. import services
from ..forms import AwardForm, CompetitionForm, IndicatorForm
from ..models import Award, Competition, Indicator, ProgressReport, RedFlag, Round, Team
from .common import PAGE_SIZE, refused, within_node


@backoffice_required
def competition_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, Competition.objects.visible_to(request.user))
    rows = rows.select_related("node").annotate(team_count=Count("teams")).order_by("-started_on", "id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "competitions/list.html", {"page": page, "node": node})


@backoffice_required
def competition_new(request: AuthedRequest) -> HttpResponse:
    form = CompetitionForm(request.POST or None, user=request.user, initial={"node": request.user.node_id})
    if request.method == "POST" and form.is_valid():
        try:
            competition = services.competition_create(
                actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except services.CompetitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("竞赛已发起，请设置指标和参赛班组。"))
            return redirect("competitions:detail", pk=competition.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "competitions/form.html",
        {"form": form, "title": _("发起立功竞赛"), "back": "competitions:list"},
        status=status,
    )


def _competition(request: AuthedRequest, pk: int) -> Competition:
    return get_object_or_404(Competition.objects.visible_to(request.user).select_related("node"), pk=pk)


@backoffice_required
def competition_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    rounds = list(
        Round.objects.visible_to(request.user)
        .filter(competition=competition)
        .annotate(
            pending=Count("reports", filter=Q(reports__status=ProgressReport.Status.SUBMITTED)),
            confirmed=Count("reports", filter=Q(reports__status=ProgressReport.Status.CONFIRMED)),
        )
        .order_by("-number")
    )
    teams = (
        Team.objects.visible_to(request.user).filter(competition=competition).select_related("node", "unit")
    )
    pending = (
        ProgressReport.objects.visible_to(request.user)
        .filter(team__competition=competition, status=ProgressReport.Status.SUBMITTED)
        .select_related("team", "round")
    )
    flags = (
        RedFlag.objects.visible_to(request.user)
        .filter(competition=competition)
        .select_related("team", "round")
        .order_by("-round__number", "section")[:60]
    )
    awards = (
        Award.objects.visible_to(request.user)
        .filter(competition=competition)
        .select_related("team", "member")
    )
    context = {
        "competition": competition,
        "indicators": Indicator.objects.filter(competition=competition),
        "rounds": rounds,
        "open_round": next((r for r in rounds if r.status == Round.Status.OPEN), None),
        "teams": teams,
        "pending": pending,
        "flags": flags,
        "awards": awards,
        "indicator_form": IndicatorForm(),
        "award_form": AwardForm(teams=teams),
    }
    return render(request, "competitions/detail.html", context)


@require_POST
@backoffice_required
def indicator_add(request: AuthedRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    form = IndicatorForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("指标未保存：请填写名称、类型和 0–100 的权重。"))
    else:
        try:
            services.indicator_add(
                competition=competition, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except services.CompetitionError as error:
            refused(request, error)
        else:
            messages.success(request, _("指标已添加。"))
    return redirect("competitions:detail", pk=competition.pk)


@require_POST
@backoffice_required
def round_open(request: AuthedRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    try:
        opened = services.round_open(competition=competition, actor=request.user, audit=request.audit)
    except services.CompetitionError as error:
        refused(request, error)
    else:
        messages.success(request, _("第 %(n)d 期已开始。") % {"n": opened.number})
    return redirect("competitions:detail", pk=competition.pk)


@require_POST
@backoffice_required
def round_close(request: AuthedRequest, pk: int) -> HttpResponse:
    current = get_object_or_404(Round.objects.visible_to(request.user).select_related("competition"), pk=pk)
    try:
        flags = services.round_close(round=current, actor=request.user, audit=request.audit)
    except services.CompetitionError as error:
        refused(request, error)
    else:
        holders = "、".join(f.team.name for f in flags) or _("无（本期没有确认的进度）")
        messages.success(
            request, _("第 %(n)d 期已结束，流动红旗授予：%(t)s") % {"n": current.number, "t": holders}
        )
    return redirect("competitions:detail", pk=current.competition_id)


@require_POST
@backoffice_required
def competition_close(request: AuthedRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    try:
        services.competition_close(competition=competition, actor=request.user, audit=request.audit)
    except services.CompetitionError as error:
        refused(request, error)
    else:
        messages.success(request, _("竞赛已结束，可以进行表彰。"))
    return redirect("competitions:detail", pk=competition.pk)


@require_POST
@backoffice_required
def award_add(request: AuthedRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    teams = Team.objects.visible_to(request.user).filter(competition=competition)
    form = AwardForm(request.POST, teams=teams)
    if not form.is_valid():
        messages.error(request, _("表彰未保存：请检查填写内容。"))
        return redirect("competitions:detail", pk=competition.pk)
    data = form.cleaned_data
    member = None
    if data["member_no"]:
        member = Member.objects.visible_to(request.user).filter(member_no=data["member_no"].strip()).first()
        if member is None:
            messages.error(request, _("未找到该会员编号。"))
            return redirect("competitions:detail", pk=competition.pk)
    try:
        services.award_give(
            competition=competition,
            kind=data["kind"],
            team=data["team"],
            member=member,
            citation=data["citation"],
            actor=request.user,
            audit=request.audit,
        )
    except services.CompetitionError as error:
        refused(request, error)
    else:
        messages.success(request, _("表彰已记录。"))
    return redirect("competitions:detail", pk=competition.pk)


@backoffice_required
def flag_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, RedFlag.objects.visible_to(request.user))
    rows = rows.select_related("competition", "round", "team").order_by("-awarded_on", "competition_id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "competitions/flags.html", {"page": page, "node": node})


@backoffice_required
def award_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, Award.objects.visible_to(request.user))
    rows = rows.select_related("competition", "team", "member")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "competitions/awards.html", {"page": page, "node": node})
