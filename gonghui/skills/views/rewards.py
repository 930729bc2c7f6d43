"""Back-office pages of the technician upgrade reward: the applications, one application with
its verification (maker), approval (checker, another person) and payout, and the ledger."""

import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.members.models import Member

from .. import services
from ..forms import NoteForm, PayForm, StaffRewardForm
from ..models import RewardPayout, TechnicianReward
from .common import PAGE_SIZE, refused, within_node


@backoffice_required
def reward_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, TechnicianReward.objects.visible_to(request.user))
    status = request.GET.get("status", "")
    if status in TechnicianReward.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.select_related("member"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "skills/rewards.html",
        {"page": page, "node": node, "status": status, "statuses": TechnicianReward.Status.choices},
    )


@backoffice_required
def reward_new(request: AuthedRequest) -> HttpResponse:
    form = StaffRewardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        member = (
            Member.objects.visible_to(request.user).filter(member_no=data.pop("member_no").strip()).first()
        )
        if member is None:
            form.add_error("member_no", _("未找到该会员编号。"))
        else:
            try:
                reward = services.reward_apply(member=member, actor=request.user, audit=request.audit, **data)
            except services.SkillsError as error:
                form.add_error(None, str(error))
            else:
                return redirect("skills:reward", pk=reward.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "skills/form.html", {"form": form, "title": _("登记技师升级奖励申请")}, status=status
    )


def _reward(request: AuthedRequest, pk: int) -> TechnicianReward:
    return get_object_or_404(
        TechnicianReward.objects.visible_to(request.user).select_related(
            "member", "verified_by", "approved_by"
        ),
        pk=pk,
    )


@backoffice_required
def reward_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    reward = _reward(request, pk)
    payout = RewardPayout.objects.visible_to(request.user).filter(reward=reward).first()
    context = {"reward": reward, "payout": payout, "key": secrets.token_urlsafe(16), "note_form": NoteForm()}
    return render(request, "skills/reward.html", context)


@require_POST
@backoffice_required
def reward_verify(request: AuthedRequest, pk: int) -> HttpResponse:
    reward = _reward(request, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.reward_verify(reward=reward, note=note, actor=request.user, audit=request.audit)
    except services.SkillsError as error:
        refused(request, error)
    else:
        messages.success(request, _("证书已核验，请由另一位工作人员审批。"))
    return redirect("skills:reward", pk=reward.pk)


@require_POST
@backoffice_required
def reward_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    reward = _reward(request, pk)
    try:
        services.reward_approve(reward=reward, actor=request.user, audit=request.audit)
    except services.SkillsError as error:
        refused(request, error)
    else:
        messages.success(request, _("已批准。"))
    return redirect("skills:reward", pk=reward.pk)


@require_POST
@backoffice_required
def reward_reject(request: AuthedRequest, pk: int) -> HttpResponse:
    reward = _reward(request, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.reward_reject(reward=reward, note=note, actor=request.user, audit=request.audit)
    except services.SkillsError as error:
        refused(request, error)
    else:
        messages.success(request, _("已记录不予通过。"))
    return redirect("skills:reward", pk=reward.pk)


@require_POST
@backoffice_required
def reward_pay(request: AuthedRequest, pk: int) -> HttpResponse:
    reward = _reward(request, pk)
    form = PayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请求无效，请刷新页面后重试。"))
        return redirect("skills:reward", pk=reward.pk)
    try:
        services.reward_pay(
            reward=reward,
            key=form.cleaned_data["key"],
            reference=form.cleaned_data["reference"],
            actor=request.user,
            audit=request.audit,
        )
    except services.SkillsError as error:
        refused(request, error)
    else:
        messages.success(request, _("奖励已发放。"))
    return redirect("skills:reward", pk=reward.pk)


@backoffice_required
def payout_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, RewardPayout.objects.visible_to(request.user))
    total = rows.aggregate(s=Sum("amount"))["s"]
    page = Paginator(rows.select_related("member"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "skills/payouts.html", {"page": page, "node": node, "total": total})
