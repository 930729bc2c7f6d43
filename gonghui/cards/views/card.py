"""The card: the member's e-card in the portal, and the card desk of the back office."""

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required, member_required
from gonghui.members.models import Member
from gonghui.members.passes import PassRefused
from gonghui.members.selectors import own_member
from gonghui.organizations.models import Node

from .. import selectors, services
from ..forms import RateFilterForm
from ..models import Card, Sale
from .common import int_or_zero

PAGE_SIZE = 50
RATES_PAGE_SIZE = 25
REFRESH_SECONDS = 60
MY_SALES = 10


def _own_card(request: AuthedRequest) -> Card | None:
    return (
        Card.objects.visible_to(request.user).live().select_related("member").order_by("-issued_at").first()
    )


def _ecard_context(request: AuthedRequest) -> dict:
    member = own_member(request.user)
    context: dict = {"member": member, "refresh": REFRESH_SECONDS}
    if member is None:
        return context
    try:
        issued = services.ecard_pass(member=member)
    except (services.CardsError, PassRefused) as refused:
        context["refused"] = str(refused)
        return context
    svg = segno.make(issued.token, error="m").svg_inline(scale=5, dark="#222", light="#fff")
    context.update(qr_svg=mark_safe(svg), code=issued.code, expires_at=issued.expires_at)
    return context


@never_cache
@member_required
def my_card(request: AuthedRequest) -> HttpResponse:
    card = _own_card(request)
    sales = Sale.objects.visible_to(request.user).select_related("merchant", "store")
    context = {
        "card": card,
        "sales": sales.order_by("-created_at", "-id")[:MY_SALES],
        "sales_total": sales.aggregate(n=Count("id"), amount=Sum("amount"), discount=Sum("discount")),
    }
    if card is not None and card.status == Card.Status.ACTIVE:
        context.update(_ecard_context(request))
    return render(request, "cards/my_card.html", context)


@never_cache
@member_required
def my_ecard(request: AuthedRequest) -> HttpResponse:
    """The QR partial: htmx fetches a fresh one every minute (a pass lives 120 s)."""
    return render(request, "cards/my_card.html#ecard", _ecard_context(request))


@require_POST
@member_required
def my_card_action(request: AuthedRequest, action: str) -> HttpResponse:
    card = _own_card(request)
    if card is None:
        messages.error(request, _("您还没有服务卡。"))
        return redirect("cards:my")
    try:
        if action == "activate":
            services.card_activate(card=card, actor=request.user, audit=request.audit)
            messages.success(request, _("服务卡已激活。"))
        elif action == "lost":
            services.card_report_lost(card=card, actor=request.user, audit=request.audit)
            messages.success(request, _("已挂失，请联系所在工会补卡。"))
    except services.CardsError as error:
        messages.error(request, str(error))
    return redirect("cards:my")


@backoffice_required
def card_list(request: AuthedRequest) -> HttpResponse:
    # The members in a second query: a city's cluster joins a card to its member only on their
    # district as well, which the ORM's join cannot say (docs/scale-out.md).
    cards = Card.objects.visible_to(request.user).prefetch_related("member", "member__union")
    status = request.GET.get("status", "")
    if status in Card.Status.values:
        cards = cards.filter(status=status)
    if q := request.GET.get("q", "").strip()[:40]:
        named = Member.objects.visible_to(request.user).filter(name=q).values("pk")
        cards = cards.filter(card_no=q) if q.isdigit() else cards.filter(member__in=named)
    page = Paginator(cards.order_by("-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cards/card_list.html",
        {"page": page, "status": status, "q": q, "statuses": Card.Status.choices},
    )


@backoffice_required
def card_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(
        Card.objects.visible_to(request.user).prefetch_related("member", "replaces"), pk=pk
    )
    return render(request, "cards/card_detail.html", {"card": card})


CARD_ACTIONS = {
    "activate": (services.card_activate, _("已激活。")),
    "suspend": (services.card_suspend, _("已停用。")),
    "resume": (services.card_resume, _("已恢复。")),
    "lost": (services.card_report_lost, _("已挂失。")),
    "replace": (services.card_replace, _("已补卡，新卡待激活。")),
}


@require_POST
@backoffice_required
def card_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    card = get_object_or_404(Card.objects.visible_to(request.user), pk=pk)
    service, done = CARD_ACTIONS[action]
    try:
        result = service(card=card, actor=request.user, audit=request.audit)
    except services.CardsError as error:
        messages.error(request, str(error))
        return redirect("cards:card", pk=card.pk)
    messages.success(request, done)
    return redirect("cards:card", pk=result.pk)


@require_POST
@backoffice_required
def card_issue(request: AuthedRequest, member_pk: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=member_pk)
    try:
        card = services.card_issue(member=member, actor=request.user, audit=request.audit)
    except services.CardsError as error:
        messages.error(request, str(error))
        return redirect("cards:list")
    messages.success(request, _("已制卡，卡号 %(no)s。") % {"no": card.card_no})
    return redirect("cards:card", pk=card.pk)


@backoffice_required
def card_rates(request: AuthedRequest) -> HttpResponse:
    """Card rate of the subtree and per unit (the KPI behind 企业会员办卡率), a page of units at
    a time, sorted and filtered."""
    node = request.user.node
    if node_id := int_or_zero(request.GET.get("node")):
        node = get_object_or_404(Node.objects.visible_to(request.user), pk=node_id)
    assert node is not None  # backoffice accounts have a node
    form = RateFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {"order": "", "kind": "", "q": ""}
    members = Member.objects.visible_to(request.user).within(node.path)
    units = selectors.card_rate_by_unit(
        members,
        order=data["order"] or "members",
        enterprise={"enterprise": True, "other": False}.get(data["kind"]),
        name=data["q"],
    )
    page = Paginator(units, RATES_PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row["enterprise"] = selectors.is_enterprise(row["ownership"])
    return render(
        request,
        "cards/card_rates.html",
        {"node": node, "figures": selectors.holder_figures(node.path), "page": page, "form": form},
    )
