"""The 12351 hotline's work orders: the list, taking a call, an order (its read audited), the
answer, the follow-up and the hand-over of a dispute to the mediation module's case form."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.params import query_year
from gonghui.lib.steps import show_error

from .. import services
from ..forms import AnswerForm, FollowUpForm, OrderForm
from ..models import HotlineCategory, OrderStatus, WorkOrder
from .common import narrow, number, page_of, units_of


def _order(request: AuthedRequest, pk: int) -> WorkOrder:
    return get_object_or_404(
        WorkOrder.objects.visible_to(request.user).select_related("category__parent", "routed_to", "unit"),
        pk=pk,
    )


def category_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    groups: dict[str, list[tuple[int, str]]] = {}
    for category in HotlineCategory.objects.filter(parent__isnull=False).select_related("parent"):
        assert category.parent is not None
        days = _("%(d)s个工作日") % {"d": category.deadline_days}
        groups.setdefault(category.parent.name, []).append((category.pk, f"{category.name}（{days}）"))
    return list(groups.items())


@backoffice_required
def order_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, WorkOrder.objects.visible_to(request.user))
    status = request.GET.get("status", "")
    if status in OrderStatus.values:
        qs = qs.filter(status=status)
    if q := request.GET.get("q", "").strip()[:30]:
        qs = qs.filter(number__contains=q)
    if request.GET.get("overdue") == "1":
        qs = qs.filter(status=OrderStatus.OPEN, due_on__lt=timezone.localdate())
    if year := query_year(request, "year"):
        qs = qs.filter(received_at__year=year)
    qs = qs.select_related("category", "routed_to").defer("content", "caller_phone")
    return render(
        request,
        "federation/order_list.html",
        {
            "page": page_of(request, qs),
            "node": node,
            "status": status,
            "statuses": OrderStatus.choices,
            "today": timezone.localdate(),
            "q": q,
        },
    )


@backoffice_required
def order_new(request: AuthedRequest) -> HttpResponse:
    form = OrderForm(request.POST or None, units=units_of(request), categories=category_choices())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        category = HotlineCategory.objects.filter(pk=number(data.pop("category"))).first()
        try:
            if category is None:
                raise services.FederationError(_("请选择分类。"), "category")
            order = services.order_register(
                category=category, actor=request.user, audit=request.audit, **data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request,
                _("已生成工单 %(n)s，转 %(to)s 办理。") % {"n": order.number, "to": order.routed_to.name},
            )
            if WorkOrder.objects.visible_to(request.user).filter(pk=order.pk).exists():
                return redirect("federation:order", pk=order.pk)
            return redirect("federation:orders")
    return render(request, "federation/form.html", {"form": form, "title": _("12351 来电登记")})


@never_cache
@backoffice_required
def order_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    services.order_read(order=order, actor=request.user, audit=request.audit)
    return render(
        request,
        "federation/order_detail.html",
        {
            "o": order,
            "answer_form": AnswerForm(),
            "follow_form": FollowUpForm(),
            "today": timezone.localdate(),
            "cases_url": _cases_url(order),
        },
    )


def _cases_url(order: WorkOrder) -> str:
    """The mediation module's list of cases, if it is installed (linked by URL name only)."""
    if not order.mediation_ref:
        return ""
    try:
        return f"{reverse('disputes:cases')}?{urlencode({'hotline': order.mediation_ref})}"
    except NoReverseMatch:
        return ""


@require_POST
@backoffice_required
def order_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写答复内容。"))
    else:
        try:
            services.order_answer(
                order=order, answer=form.cleaned_data["answer"], actor=request.user, audit=request.audit
            )
            messages.success(request, _("已答复。"))
        except ValidationError as error:
            show_error(request, error)
    return redirect("federation:order", pk=pk)


@require_POST
@backoffice_required
def order_follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    order = _order(request, pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择满意度。"))
    else:
        try:
            services.order_follow_up(
                order=order,
                satisfaction=form.cleaned_data["satisfaction"],
                actor=request.user,
                audit=request.audit,
            )
            messages.success(request, _("已回访办结。"))
        except ValidationError as error:
            show_error(request, error)
    return redirect("federation:order", pk=pk)


@require_POST
@backoffice_required
def order_mediation(request: AuthedRequest, pk: int) -> HttpResponse:
    """One click: the order is marked as handed to mediation, and the clerk lands on the
    mediation module's case form, filled with the order's number, deadline, category and
    employer. The two modules never import each other: the link is the URL and the number."""
    order = _order(request, pk)
    try:
        order = services.order_to_mediation(order=order, actor=request.user, audit=request.audit)
    except ValidationError as error:
        show_error(request, error)
        return redirect("federation:order", pk=pk)
    try:
        form_url = reverse("disputes:case-new")
    except NoReverseMatch:
        return redirect("federation:order", pk=pk)
    return redirect(f"{form_url}?{urlencode(services.mediation_prefill(order))}")
