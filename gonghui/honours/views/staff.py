"""Back-office pages of the honours roll and the innovation studios."""

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
from ..forms import HonourForm, MemberNoForm, ResultForm, RevokeForm, StudioForm
from ..models import Honour, HonourKind, Studio
from .common import PAGE_SIZE, refused, within_node


def _member(request: AuthedRequest, number: str) -> Member | None:
    number = number.strip()
    return Member.objects.visible_to(request.user).filter(member_no=number).first() if number else None


@backoffice_required
def honour_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, Honour.objects.visible_to(request.user))
    kind = request.GET.get("kind", "")
    if kind in HonourKind.values:
        rows = rows.filter(kind=kind)
    if number := request.GET.get("member", "").strip()[:20]:
        rows = rows.filter(member__member_no=number)
    if request.GET.get("current"):
        rows = rows.filter(revoked_on__isnull=True)
    page = Paginator(rows.select_related("member"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "honours/list.html",
        {"page": page, "node": node, "kind": kind, "kinds": HonourKind.choices, "member": number},
    )


@backoffice_required
def honour_new(request: AuthedRequest) -> HttpResponse:
    form = HonourForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        number = data.pop("member_no")
        member = _member(request, number)
        if number.strip() and member is None:
            form.add_error("member_no", _("未找到该会员编号。"))
        else:
            try:
                honour = services.honour_award(member=member, actor=request.user, audit=request.audit, **data)
            except services.HonoursError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("已记入荣誉榜。"))
                return redirect("honours:detail", pk=honour.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "honours/form.html", {"form": form, "title": _("记录荣誉")}, status=status)


@backoffice_required
def honour_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    honour = get_object_or_404(
        Honour.objects.visible_to(request.user).select_related("member", "node", "unit"), pk=pk
    )
    return render(request, "honours/detail.html", {"honour": honour, "revoke_form": RevokeForm()})


@require_POST
@backoffice_required
def honour_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    honour = get_object_or_404(Honour.objects.visible_to(request.user), pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("撤销时请填写原因。"))
    else:
        try:
            services.honour_revoke(
                honour=honour, reason=form.cleaned_data["reason"], actor=request.user, audit=request.audit
            )
        except services.HonoursError as error:
            refused(request, error)
        else:
            messages.success(request, _("荣誉已撤销。"))
    return redirect("honours:detail", pk=honour.pk)


@backoffice_required
def studio_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, Studio.objects.visible_to(request.user))
    page = Paginator(rows.select_related("node"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "honours/studios.html", {"page": page, "node": node})


@backoffice_required
def studio_new(request: AuthedRequest) -> HttpResponse:
    form = StudioForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        number = data.pop("leader_no")
        leader = _member(request, number)
        if number.strip() and leader is None:
            form.add_error("leader_no", _("未找到该会员编号。"))
        else:
            try:
                studio = services.studio_create(
                    leader=leader, actor=request.user, audit=request.audit, **data
                )
            except services.HonoursError as error:
                form.add_error(None, str(error))
            else:
                return redirect("honours:studio", pk=studio.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "honours/form.html", {"form": form, "title": _("命名劳模创新工作室")}, status=status
    )


def _studio(request: AuthedRequest, pk: int) -> Studio:
    return get_object_or_404(Studio.objects.visible_to(request.user).select_related("node"), pk=pk)


@backoffice_required
def studio_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    studio = _studio(request, pk)
    context = {
        "studio": studio,
        "members": studio.members.select_related("member"),
        "results": studio.results.all(),
        "member_form": MemberNoForm(),
        "result_form": ResultForm(),
    }
    return render(request, "honours/studio.html", context)


@require_POST
@backoffice_required
def studio_member_add(request: AuthedRequest, pk: int) -> HttpResponse:
    studio = _studio(request, pk)
    form = MemberNoForm(request.POST)
    member = _member(request, form.cleaned_data["member_no"]) if form.is_valid() else None
    if member is None:
        messages.error(request, _("未找到该会员编号。"))
    else:
        try:
            services.studio_member_add(studio=studio, member=member, actor=request.user, audit=request.audit)
        except services.HonoursError as error:
            refused(request, error)
        else:
            messages.success(request, _("已加入工作室：%(n)s") % {"n": member.name})
    return redirect("honours:studio", pk=studio.pk)


@require_POST
@backoffice_required
def studio_result_add(request: AuthedRequest, pk: int) -> HttpResponse:
    studio = _studio(request, pk)
    form = ResultForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写成果名称、类型和日期。"))
    else:
        try:
            services.studio_result_add(
                studio=studio, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except services.HonoursError as error:
            refused(request, error)
        else:
            messages.success(request, _("成果已记录。"))
    return redirect("honours:studio", pk=studio.pk)
