from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

if TYPE_CHECKING:
    from gonghui.accounts.http import AuthedRequest
from gonghui.lib import search_tokens
from gonghui.lib.access import backoffice_required
from gonghui.organizations.models import Node

from . import selectors, services
from .forms import MemberFilterForm, RejectForm, RevealForm, StatusForm, TransferForm
from .models import ENCRYPTED_MEMBER_FIELDS, IdProblem, JoinApplication, Member, RequestStatus, Transfer
from .search import search_members

PAGE_SIZE = 50


@backoffice_required
def member_list(request: "AuthedRequest") -> HttpResponse:
    """The search is posted (PI-4): a text with digits is kept in the session under a token and
    the list redirects to `?s=<token>`, so no ID number or phone travels in a URL."""
    if request.method == "POST" or search_tokens.must_hide(request.GET.get("q", "")):
        query = search_tokens.hidden_query(request, request.POST if request.method == "POST" else request.GET)
        return redirect(f"{reverse('members:list')}?{query.urlencode()}")
    query, expired = search_tokens.revealed_query(request)
    if expired:
        messages.warning(request, _("搜索已过期，请重新输入。"))
    form = MemberFilterForm(query or None)
    # The unit in a query of its own: a member and a unit join on `unit_id` alone, which a cluster
    # distributed by district does not run as a join (docs/scale-out.md).
    members = Member.objects.visible_to(request.user).select_related("union").prefetch_related("unit")
    if form.is_valid():
        data = form.cleaned_data
        if data["node"]:
            node = get_object_or_404(Node.objects.visible_to(request.user), pk=data["node"])
            members = members.within(node.path)
        members = search_members(members, data["q"])
        if data["status"]:
            members = members.filter(status=data["status"])
        if data["flagged"]:
            members = members.exclude(id_problem=IdProblem.NONE)
        if data["joined_year"]:
            members = members.filter(joined_on__year=data["joined_year"], id_problem=IdProblem.NONE)
    # The list shows the stored masked copies: nothing to decrypt.
    members = members.defer(*ENCRYPTED_MEMBER_FIELDS)
    page = Paginator(members.order_by("id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "members/member_list.html", {"form": form, "page": page})


@backoffice_required
def member_detail(request: "AuthedRequest", pk: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.visible_to(request.user).select_related("union"), pk=pk)
    services.member_read(member=member, actor=request.user, audit=request.audit)
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "history": member.status_history.select_related("union").order_by("-at")[:20],
            "roster_import": selectors.roster_import_of(member, request.user),
            "transfer_form": TransferForm(),
            "status_form": StatusForm(initial={"status": member.status}),
        },
    )


@never_cache
@require_POST
@backoffice_required
def member_reveal(request: "AuthedRequest", pk: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=pk)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("无效的请求。"), status=400)
    try:
        value = services.member_reveal(
            member=member, field=form.cleaned_data["field"], actor=request.user, audit=request.audit
        )
    except PermissionError:
        return HttpResponse(_("您没有查看完整信息的权限。"), status=403)
    response = render(request, "members/revealed.html", {"value": value})
    return response


@require_POST
@backoffice_required
def member_status(request: "AuthedRequest", pk: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.member_set_status(
            member=member, actor=request.user, audit=request.audit, **form.cleaned_data
        )
        messages.success(request, _("会籍状态已更新。"))
    else:
        messages.error(request, _("请选择有效的会籍状态。"))
    return redirect("members:detail", pk=member.pk)


@require_POST
@backoffice_required
def transfer_create(request: "AuthedRequest", pk: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=pk)
    form = TransferForm(request.POST)
    if form.is_valid():
        try:
            services.transfer_request(
                member=member, to_union=form.cleaned_data["to_union"], actor=request.user, audit=request.audit
            )
            messages.success(request, _("接转申请已提交，等待转入工会审批。"))
        except services.MembershipError as error:
            messages.error(request, error.messages[0])
    else:
        messages.error(request, str(form.errors["to_union"][0]))
    return redirect("members:detail", pk=member.pk)


@backoffice_required
def join_queue(request: "AuthedRequest") -> HttpResponse:
    status = request.GET.get("status", RequestStatus.PENDING)
    applications = JoinApplication.objects.visible_to(request.user).select_related("unit", "union")
    if status in RequestStatus.values:
        applications = applications.filter(status=status)
    page = Paginator(applications.order_by("due_on", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/join_queue.html",
        {
            "page": page,
            "status": status,
            "statuses": RequestStatus.choices,
            "today": timezone.localdate(),
            "reject_form": RejectForm(),
        },
    )


@require_POST
@backoffice_required
def join_decide(request: "AuthedRequest", pk: int, decision: str) -> HttpResponse:
    application = get_object_or_404(JoinApplication.objects.visible_to(request.user), pk=pk)
    try:
        if decision == "approve":
            member = services.join_application_approve(
                application=application, actor=request.user, audit=request.audit
            )
            messages.success(request, _("已批准，会员编号 %(no)s。") % {"no": member.member_no})
        else:
            form = RejectForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.join_application_reject(
                application=application, reason=reason, actor=request.user, audit=request.audit
            )
            messages.success(request, _("已驳回。"))
    except services.MembershipError as error:
        messages.error(request, error.messages[0])
    return redirect("members:joins")


@backoffice_required
def transfer_queue(request: "AuthedRequest") -> HttpResponse:
    transfers = Transfer.objects.visible_to(request.user).select_related("member", "from_union", "to_union")
    status = request.GET.get("status", RequestStatus.PENDING)
    if status in RequestStatus.values:
        transfers = transfers.filter(status=status)
    page = Paginator(transfers.order_by("due_on", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for transfer in page:
        transfer.receiving = transfer.path.startswith(request.user.scope_path)
    return render(
        request,
        "members/transfer_queue.html",
        {
            "page": page,
            "status": status,
            "statuses": RequestStatus.choices,
            "today": timezone.localdate(),
            "reject_form": RejectForm(),
        },
    )


@require_POST
@backoffice_required
def transfer_decide(request: "AuthedRequest", pk: int, decision: str) -> HttpResponse:
    # Only the receiving union decides; the sending side sees the transfer but cannot approve it.
    receiving = Transfer.objects.visible_to(request.user).filter(path__startswith=request.user.scope_path)
    transfer = get_object_or_404(receiving, pk=pk)
    try:
        if decision == "approve":
            services.transfer_approve(transfer=transfer, actor=request.user, audit=request.audit)
            messages.success(request, _("接转已完成。"))
        else:
            form = RejectForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.transfer_reject(
                transfer=transfer, reason=reason, actor=request.user, audit=request.audit
            )
            messages.success(request, _("已驳回。"))
    except services.MembershipError as error:
        messages.error(request, error.messages[0])
    return redirect("members:transfers")
