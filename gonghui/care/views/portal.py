"""The member's care pages (mobile): the health checks and rest-home stays open to them, booking
and cancelling a place, and what they have received."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required

from .. import services
from ..errors import CareError
from ..models import Delivery, Offer, OfferMode, Stay


@member_required
def my_care(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    offers = (
        Offer.objects.visible_to(request.user)
        .filter(mode=OfferMode.BOOKING, book_by__gte=today)
        .order_by("starts_on", "id")[:20]
    )
    stays = Stay.objects.visible_to(request.user).select_related("offer").order_by("-created_at")[:20]
    received = (
        Delivery.objects.visible_to(request.user)
        .select_related("campaign", "site")
        .order_by("-delivered_at")[:20]
    )
    held = {s.offer_id for s in stays if s.status in ("booked", "assigned", "done")}
    return render(
        request,
        "care/portal/my_care.html",
        {"offers": offers, "stays": stays, "received": received, "held": held, "today": today},
    )


@require_POST
@member_required
def book(request: AuthedRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.visible_to(request.user), pk=pk)
    member = request.user.member
    if member is None:
        raise Http404
    try:
        services.stay_book(offer=offer, member=member, actor=request.user, audit=request.audit)
    except CareError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("预约成功：%(title)s") % {"title": offer.title})
    return redirect("care:m-home")


@require_POST
@member_required
def cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    stay = get_object_or_404(Stay.objects.visible_to(request.user).select_related("offer", "member"), pk=pk)
    try:
        services.stay_cancel(stay=stay, actor=request.user, audit=request.audit)
    except CareError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("已取消。"))
    return redirect("care:m-home")
