"""Aid in the back office: proposing aid on a file, the district's approval (the money rules are
checked there), paying it against the worker's receipt, and the ledger."""

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.steps import show_error

from .. import forms, services
from ..errors import CareError
from ..models import AidGrant, AidKind, FamilyFile, FileCause, Payout
from .common import PAGE_SIZE, act, filtered, to


def _grant(request: AuthedRequest, pk: int) -> AidGrant:
    return get_object_or_404(AidGrant.objects.visible_to(request.user).select_related("file__member"), pk=pk)


@require_POST
@backoffice_required
def grant_propose(request: AuthedRequest, pk: int) -> HttpResponse:
    file = get_object_or_404(FamilyFile.objects.visible_to(request.user), pk=pk)

    def propose(f: FamilyFile, data: dict[str, Any]) -> AidGrant:
        cause = FileCause.objects.filter(file=f, pk=data["cause"]).first() if data["cause"] else None
        return services.grant_propose(
            file=f,
            kind=data["kind"],
            amount=data["amount"],
            cause=cause,
            actor=request.user,
            audit=request.audit,
        )

    return act(
        request, file, to("care:file", pk), propose, forms.GrantForm(request.POST), _("已提交帮扶申请。")
    )


@require_POST
@backoffice_required
def grant_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)
    return act(
        request,
        grant,
        to("care:file", grant.file_id),
        lambda g, _d: services.grant_approve(grant=g, actor=request.user, audit=request.audit),
        success=_("帮扶已批准，待发放。"),
    )


@require_POST
@backoffice_required
def grant_refuse(request: AuthedRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)
    return act(
        request,
        grant,
        to("care:file", grant.file_id),
        lambda g, data: services.grant_refuse(
            grant=g, reason=data["reason"], actor=request.user, audit=request.audit
        ),
        forms.ReasonForm(request.POST),
        _("已不予批准。"),
    )


@never_cache
@backoffice_required
def grant_pay(request: AuthedRequest, pk: int) -> HttpResponse:
    """The payment desk on a phone: the worker scans their pass or signs, the ledger gets one line."""
    grant = _grant(request, pk)
    # An empty POST is still a POST: bound, so it is refused with a message rather than a 500.
    form = forms.PayForm(
        request.POST if request.method == "POST" else None, initial={"key": uuid.uuid4().hex}
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                payout = services.payout_make(
                    grant=grant,
                    key=data["key"],
                    scanned=data["scanned"],
                    signature=data["signature"],
                    actor=request.user,
                    audit=request.audit,
                )
            except CareError as error:
                show_error(request, error)
            else:
                messages.success(request, _("已发放并签收，凭证号 %(no)s。") % {"no": payout.voucher_no})
                return redirect("care:file", pk=grant.file_id)
        else:
            form.add_error(None, _("请扫描会员码或请职工签名。"))
    return render(
        request,
        "care/grant_pay.html",
        {"grant": grant, "form": form, "masked": services.mask_name(grant.file.member.name)},
    )


@backoffice_required
def payout_list(request: AuthedRequest) -> HttpResponse:
    result = filtered(
        request, Payout.objects.visible_to(request.user), year_field="paid_at", kinds=AidKind.values
    )
    if isinstance(result, HttpResponse):
        return result
    payouts, chosen = result
    voucher = request.GET.get("voucher", "")[:24]
    if voucher:
        payouts = payouts.filter(voucher_no=voucher)
    total = payouts.aggregate(total=Sum("amount"))["total"]
    page = Paginator(
        payouts.select_related("member", "grant__file").defer("signature").order_by("-paid_at", "-id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "care/payout_list.html",
        {"page": page, "chosen": chosen, "kinds": AidKind.choices, "total": total, "voucher": voucher},
    )
