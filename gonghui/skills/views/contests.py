"""Back-office pages of skill contests and 五比五赛: the list, a new event, an event with its
entries and results."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.members.models import Member

from .. import services
from ..forms import ContestForm, EntryForm, ResultForm
from ..models import Contest, ContestEntry
from .common import PAGE_SIZE, refused, within_node


@backoffice_required
def contest_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, Contest.objects.visible_to(request.user))
    page = Paginator(rows.select_related("node"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "skills/contests.html", {"page": page, "node": node})


@backoffice_required
def contest_new(request: AuthedRequest) -> HttpResponse:
    form = ContestForm(request.POST or None, user=request.user, initial={"node": request.user.node_id})
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(actor=request.user, audit=request.audit, **form.cleaned_data)
        except services.SkillsError as error:
            form.add_error(None, str(error))
        else:
            return redirect("skills:contest", pk=contest.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "skills/form.html", {"form": form, "title": _("新建技能竞赛")}, status=status)


def _contest(request: AuthedRequest, pk: int) -> Contest:
    return get_object_or_404(Contest.objects.visible_to(request.user).select_related("node"), pk=pk)


@backoffice_required
def contest_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    entries = ContestEntry.objects.visible_to(request.user).filter(contest=contest).select_related("member")
    return render(
        request,
        "skills/contest.html",
        {"contest": contest, "entries": entries, "entry_form": EntryForm(), "result_form": ResultForm()},
    )


@require_POST
@backoffice_required
def entry_add(request: AuthedRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    form = EntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写选手会员编号或参赛团队。"))
        return redirect("skills:contest", pk=contest.pk)
    member = None
    if number := form.cleaned_data["member_no"].strip():
        member = Member.objects.visible_to(request.user).filter(member_no=number).first()
        if member is None:
            messages.error(request, _("未找到该会员编号。"))
            return redirect("skills:contest", pk=contest.pk)
    try:
        services.entry_add(
            contest=contest,
            member=member,
            team_name=form.cleaned_data["team_name"],
            actor=request.user,
            audit=request.audit,
        )
    except services.SkillsError as error:
        refused(request, error)
    else:
        messages.success(request, _("已报名参赛。"))
    return redirect("skills:contest", pk=contest.pk)


@require_POST
@backoffice_required
def entry_result(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(ContestEntry.objects.visible_to(request.user), pk=pk)
    form = ResultForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("成绩应在 0 到 1000 之间。"))
    else:
        try:
            services.entry_result(
                entry=entry,
                score=form.cleaned_data["score"],
                prize=form.cleaned_data["prize"],
                actor=request.user,
                audit=request.audit,
            )
        except services.SkillsError as error:
            refused(request, error)
        else:
            messages.success(request, _("成绩已记录。"))
    return redirect("skills:contest", pk=entry.contest_id)
