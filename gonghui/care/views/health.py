"""Health checks and rest-home stays in the back office: the offers, their places, assigning a
member, and recording what was done."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.members.models import Member

from .. import forms, services
from ..errors import CareError
from ..models import Offer, OfferKind, Stay
from .common import PAGE_SIZE, act, filtered, to


def _offer(request: AuthedRequest, pk: int) -> Offer:
    return get_object_or_404(Offer.objects.visible_to(request.user).select_related("node", "group"), pk=pk)


def _stay(request: AuthedRequest, pk: int) -> Stay:
    return get_object_or_404(Stay.objects.visible_to(request.user).select_related("offer", "member"), pk=pk)


@backoffice_required
def offer_list(request: AuthedRequest) -> HttpResponse:
    result = filtered(
        request, Offer.objects.visible_to(request.user), year_field="starts_on", kinds=OfferKind.values
    )
    if isinstance(result, HttpResponse):
        return result
    offers, chosen = result
    page = Paginator(offers.select_related("node").order_by("-starts_on", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # Offers set above the person's node reach them through their members' places.
    places = (
        Stay.objects.visible_to(request.user)
        .exclude(offer__path__startswith=request.user.node.path if request.user.node else "")
        .select_related("offer", "member")
        .order_by("-offer__starts_on", "-id")[:20]
    )
    return render(
        request,
        "care/offer_list.html",
        {"page": page, "chosen": chosen, "kinds": OfferKind.choices, "places": places},
    )


@backoffice_required
def offer_new(request: AuthedRequest) -> HttpResponse:
    form = forms.OfferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(**form.cleaned_data, actor=request.user, audit=request.audit)
        except CareError as error:
            form.add_error(None, error.messages[0])
        else:
            return redirect("care:offer", pk=offer.pk)
    return render(
        request, "care/form.html", {"form": form, "title": _("新建体检或疗休养"), "back": "care:offers"}
    )


@backoffice_required
def offer_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    stays = (
        Stay.objects.visible_to(request.user)
        .filter(offer=offer)
        .select_related("member")
        .order_by("status", "id")
    )
    page = Paginator(stays, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "care/offer_detail.html",
        {"offer": offer, "page": page, "assign_form": forms.MemberNoForm(), "done_form": forms.DoneForm()},
    )


@require_POST
@backoffice_required
def offer_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)

    def assign(o: Offer, data: dict[str, str]) -> Stay:
        member = (
            Member.objects.visible_to(request.user)
            .filter(member_no=data["member_no"].strip().upper())
            .first()
        )
        if member is None:
            raise CareError(_("在您的范围内没有这个会员编号。"), "unknown")
        return services.stay_assign(offer=o, member=member, actor=request.user, audit=request.audit)

    return act(
        request, offer, to("care:offer", pk), assign, forms.MemberNoForm(request.POST), _("已安排名额。")
    )


@require_POST
@backoffice_required
def stay_done(request: AuthedRequest, pk: int) -> HttpResponse:
    stay = _stay(request, pk)
    return act(
        request,
        stay,
        to("care:offer", stay.offer_id),
        lambda s, data: services.stay_done(stay=s, actor=request.user, audit=request.audit, **data),
        forms.DoneForm(request.POST),
        _("已记录。"),
    )


@require_POST
@backoffice_required
def stay_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    stay = _stay(request, pk)
    return act(
        request,
        stay,
        to("care:offer", stay.offer_id),
        lambda s, _d: services.stay_cancel(stay=s, actor=request.user, audit=request.audit),
        success=_("已取消。"),
    )
