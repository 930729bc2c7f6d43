"""The back office's offer pages: the list, sending an offer, and an offer with its answer,
rounds of talks, the draft put to the workers' congress and the signing."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.organizations.selectors import referral_of

from .. import forms, services
from ..errors import BargainingError
from ..models import Level, Offer, Round
from .common import PAGE_SIZE, node_from, step


@backoffice_required
def offer_list(request: AuthedRequest) -> HttpResponse:
    node = node_from(request, request.GET.get("node"))
    offers = Offer.objects.visible_to(request.user).within(node.path).select_related("node", "unit")
    status = request.GET.get("status", "")
    if status in Offer.Status.values:
        offers = offers.filter(status=status)
    if request.GET.get("overdue") == "on":
        offers = offers.filter(status=Offer.Status.SENT, answer_due__lt=timezone.localdate())
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "bargaining/offers.html",
        {"page": page, "status": status, "statuses": Offer.Status.choices, "today": timezone.localdate()},
    )


@backoffice_required
def offer_new(request: AuthedRequest) -> HttpResponse:
    form = forms.OfferForm(request.POST or None, user=request.user, initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = data["unit"]
        union = unit.union if data["level"] == Level.ENTERPRISE and unit else data["node"]
        try:
            if union is None:
                raise BargainingError(_("该企业尚未建立工会，请由区域或行业工会发起。"), "unit")
            offer = services.offer_send(
                node=union,
                kind=data["kind"],
                level=data["level"],
                unit=unit,
                counterpart=data["counterpart"],
                sent_on=data["sent_on"],
                action_month=data["action_month"],
                actor=request.user,
                audit=request.audit,
            )
        except BargainingError as refused:
            form.add_error(None, str(refused))
        else:
            return redirect("bargaining:offer", offer.pk)
    return render(request, "bargaining/form.html", {"form": form, "title": _("发出协商要约")})


def offer_or_404(request: AuthedRequest, pk: int) -> Offer:
    return get_object_or_404(Offer.objects.visible_to(request.user).select_related("node", "unit"), pk=pk)


@backoffice_required
def offer_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = offer_or_404(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "bargaining/offer.html",
        {
            "offer": offer,
            "rounds": offer.rounds.all(),
            "referral": referral_of(offer.source),
            "agreement": getattr(offer, "agreement", None),
            "today": today,
            "answer_form": forms.AnswerForm(initial={"on": today}),
            "round_form": forms.RoundForm(),
            "draft_form": forms.DraftForm(initial={"draft": offer.draft}),
            "sign_form": forms.SignForm(user=request.user, initial={"title": str(offer), "signed_on": today}),
            "day_form": forms.DayForm(initial={"on": today}),
        },
    )


@require_POST
@backoffice_required
def offer_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = offer_or_404(request, pk)
    return step(
        request,
        forms.AnswerForm(request.POST),
        lambda d: services.offer_answer(
            offer=offer, accepted=d["accepted"], on=d["on"], actor=request.user, audit=request.audit
        ),
        "bargaining:offer",
        offer.pk,
    )


@require_POST
@backoffice_required
def round_add(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = offer_or_404(request, pk)
    return step(
        request,
        forms.RoundForm(request.POST),
        lambda d: services.round_schedule(
            offer=offer, talks_on=d["talks_on"], actor=request.user, audit=request.audit
        ),
        "bargaining:offer",
        offer.pk,
    )


def round_or_404(request: AuthedRequest, pk: int) -> Round:
    offers = Offer.objects.visible_to(request.user)
    return get_object_or_404(Round.objects.filter(offer__in=offers).select_related("offer"), pk=pk)


@require_POST
@backoffice_required
def round_info(request: AuthedRequest, pk: int) -> HttpResponse:
    talks = round_or_404(request, pk)
    return step(
        request,
        forms.DayForm(request.POST),
        lambda d: services.round_info_provided(
            talks=talks, on=d["on"], actor=request.user, audit=request.audit
        ),
        "bargaining:offer",
        talks.offer_id,
    )


@require_POST
@backoffice_required
def round_hold(request: AuthedRequest, pk: int) -> HttpResponse:
    talks = round_or_404(request, pk)
    return step(
        request,
        forms.MinutesForm(request.POST),
        lambda d: services.round_hold(
            talks=talks, minutes=d["minutes"], actor=request.user, audit=request.audit
        ),
        "bargaining:offer",
        talks.offer_id,
    )


@require_POST
@backoffice_required
def draft_refer(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = offer_or_404(request, pk)
    return step(
        request,
        forms.DraftForm(request.POST),
        lambda d: services.draft_refer(
            offer=offer, draft=d["draft"], actor=request.user, audit=request.audit
        ),
        "bargaining:offer",
        offer.pk,
        done=_("草案已提请职代会审议。"),
    )


@require_POST
@backoffice_required
def draft_revise(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = offer_or_404(request, pk)
    return step(
        request,
        None,
        lambda d: services.draft_revise(offer=offer, actor=request.user, audit=request.audit),
        "bargaining:offer",
        offer.pk,
    )


@require_POST
@backoffice_required
def offer_sign(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = offer_or_404(request, pk)
    return step(
        request,
        forms.SignForm(request.POST, user=request.user),
        lambda d: services.agreement_sign(
            offer=offer,
            title=d["title"],
            signed_on=d["signed_on"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            workers_covered=d["workers_covered"],
            units=d["units"],
            actor=request.user,
            audit=request.audit,
        ),
        "bargaining:offer",
        offer.pk,
        done=_("协议已签订，请在 7 日内报送人社部门。"),
    )


@require_POST
@backoffice_required
def offer_abandon(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = offer_or_404(request, pk)
    return step(
        request,
        None,
        lambda d: services.offer_abandon(offer=offer, actor=request.user, audit=request.audit),
        "bargaining:offer",
        offer.pk,
    )
