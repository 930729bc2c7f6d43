"""商惠 in the back office: merchants, stores, cashiers, rules, reconciliation, usage."""

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.accounts.models import User
from gonghui.lib.access import backoffice_required
from gonghui.lib.params import query_date
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from .. import selectors, services
from ..forms import CashierLinkForm, MerchantForm, MerchantStatusForm, RuleForm, StoreForm
from ..models import Merchant, Sale, Store
from .common import int_or_zero, year_param


@backoffice_required
def merchant_list(request: AuthedRequest) -> HttpResponse:
    merchants = Merchant.objects.visible_to(request.user).order_by("name")
    category = request.GET.get("category", "")
    if category in Merchant.Category.values:
        merchants = merchants.filter(category=category)
    form = MerchantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            node: Node = request.user.node  # type: ignore[assignment]
            merchant = services.merchant_create(
                node=node, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except services.CardsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已添加商户。"))
            return redirect("cards:merchant", pk=merchant.pk)
    return render(
        request,
        "cards/merchant_list.html",
        {"merchants": merchants, "form": form, "category": category, "categories": Merchant.Category.choices},
    )


@backoffice_required
def merchant_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    merchant = get_object_or_404(Merchant.objects.visible_to(request.user), pk=pk)
    stores = (
        Store.objects.visible_to(request.user).filter(merchant=merchant).prefetch_related("cashiers__user")
    )
    return render(
        request,
        "cards/merchant_detail.html",
        {
            "merchant": merchant,
            "stores": stores,
            "rules": merchant.rules.order_by("-starts_on"),
            "status_form": MerchantStatusForm(initial={"status": merchant.status}),
            "store_form": StoreForm(),
            "rule_form": RuleForm(),
            "usage": selectors.merchant_usage(
                Sale.objects.visible_to(request.user).filter(merchant=merchant)
            ),
        },
    )


@require_POST
@backoffice_required
def merchant_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    merchant = get_object_or_404(Merchant.objects.visible_to(request.user), pk=pk)
    try:
        _act(request, merchant, action)
    except services.CardsError as error:
        messages.error(request, str(error))
    return redirect("cards:merchant", pk=merchant.pk)


def _act(request: AuthedRequest, merchant: Merchant, action: str) -> None:
    actor = request.user
    if action == "status":
        form = MerchantStatusForm(request.POST)
        if form.is_valid():
            services.merchant_set_status(
                merchant=merchant, actor=actor, audit=request.audit, **form.cleaned_data
            )
            messages.success(request, _("商户状态已更新。"))
    elif action == "store":
        store_form = StoreForm(request.POST)
        if store_form.is_valid():
            services.store_create(
                merchant=merchant, actor=actor, audit=request.audit, **store_form.cleaned_data
            )
            messages.success(request, _("已添加门店。"))
    elif action == "rule":
        rule_form = RuleForm(request.POST)
        if not rule_form.is_valid():
            messages.error(request, _("请检查折扣规则：折扣率应在0.10至0.45之间，日期必填。"))
            return
        services.rule_create(merchant=merchant, actor=actor, audit=request.audit, **rule_form.cleaned_data)
        messages.success(request, _("已添加折扣规则。"))
    elif action == "cashier":
        link = CashierLinkForm(request.POST)
        if link.is_valid():
            store = get_object_or_404(
                Store.objects.visible_to(actor).filter(merchant=merchant), pk=link.cleaned_data["store"]
            )
            user = User.objects.filter(username=link.cleaned_data["username"], role=Role.CASHIER).first()
            if user is None:
                raise services.CardsError(_("没有这个收银员账号。"))
            services.cashier_account_create(user=user, store=store, actor=actor, audit=request.audit)
            messages.success(request, _("已绑定收银员。"))


@backoffice_required
def reconciliation(request: AuthedRequest) -> HttpResponse:
    """Per merchant and day, for settling with each merchant."""
    today = timezone.localdate()
    start = query_date(request, "start") or today - datetime.timedelta(days=30)
    end = query_date(request, "end") or today
    sales = Sale.objects.visible_to(request.user)
    if merchant_id := int_or_zero(request.GET.get("merchant")):
        sales = sales.filter(merchant_id=merchant_id)
    rows = selectors.reconciliation(sales, start=start, end=min(end, start + datetime.timedelta(days=366)))
    return render(request, "cards/reconciliation.html", {"rows": rows, "start": start, "end": end})


@backoffice_required
def usage(request: AuthedRequest) -> HttpResponse:
    """Usage per merchant, for the federation; transactions of members in the caller's subtree."""
    year = year_param(request)
    sales = Sale.objects.visible_to(request.user)
    rows = selectors.merchant_usage(sales, year)
    return render(request, "cards/usage.html", {"rows": rows, "year": year})
