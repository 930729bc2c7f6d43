"""特惠: the catalogue for members, the service-point desk, statistics."""

import uuid

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required, member_required
from gonghui.members.selectors import own_member

from .. import selectors, services
from ..models import EntitlementUse, FreeService, Redemption, ServicePointStaff
from .common import int_or_zero, venue_staff_required, year_param


@member_required
def my_services(request: AuthedRequest) -> HttpResponse:
    member = own_member(request.user)
    year = timezone.localdate().year
    used = {}
    if member is not None:
        used = dict(EntitlementUse.objects.filter(member=member, year=year).values_list("service_id", "used"))
    services_ = list(FreeService.objects.filter(active=True).order_by("kind", "name"))
    for service in services_:
        service.left = max(service.yearly_quota - used.get(service.pk, 0), 0)  # type: ignore[attr-defined]
    return render(request, "cards/my_services.html", {"services": services_, "year": year})


def _desk(request: AuthedRequest) -> ServicePointStaff | None:
    return (
        ServicePointStaff.objects.select_related("point")
        .filter(user_id=request.user.pk or 0, active=True)
        .first()
    )


def _offered(desk: ServicePointStaff | None):
    return desk.point.services.filter(active=True).order_by("name") if desk else FreeService.objects.none()


@never_cache
@venue_staff_required
def service_desk(request: AuthedRequest) -> HttpResponse:
    desk = _desk(request)
    recent = Redemption.objects.visible_to(request.user).select_related("service").order_by("-at")[:10]
    return render(
        request, "cards/service_desk.html", {"desk": desk, "offered": _offered(desk), "recent": recent}
    )


def _desk_partial(request: AuthedRequest, context: dict) -> HttpResponse:
    desk = _desk(request)
    context.update(desk=desk, offered=_offered(desk))
    if request.htmx:
        return render(request, "cards/service_desk.html#result", context)
    context["recent"] = (
        Redemption.objects.visible_to(request.user).select_related("service").order_by("-at")[:10]
    )
    return render(request, "cards/service_desk.html", context)


@never_cache
@require_POST
@venue_staff_required
def service_verify(request: AuthedRequest) -> HttpResponse:
    service = get_object_or_404(_offered(_desk(request)), pk=int_or_zero(request.POST.get("service")))
    scanned = request.POST.get("scanned", "")[:400]
    result = services.redemption_verify(
        user=request.user, scanned=scanned, service=service, audit=request.audit
    )
    return _desk_partial(
        request,
        {
            "verification": result,
            "scanned": scanned if result.valid else "",
            "service": service,
            "key": uuid.uuid4().hex,
        },
    )


@never_cache
@require_POST
@venue_staff_required
def service_redeem(request: AuthedRequest) -> HttpResponse:
    service = get_object_or_404(_offered(_desk(request)), pk=int_or_zero(request.POST.get("service")))
    try:
        redemption = services.redemption_record(
            user=request.user,
            scanned=request.POST.get("scanned", "")[:400],
            service=service,
            key=request.POST.get("key", "")[:64],
            audit=request.audit,
        )
    except services.CardsError as error:
        return _desk_partial(request, {"error": str(error)})
    return _desk_partial(request, {"redemption": redemption})


@backoffice_required
def service_stats(request: AuthedRequest) -> HttpResponse:
    year = year_param(request)
    rows = selectors.services_usage(Redemption.objects.visible_to(request.user), year)
    return render(request, "cards/service_stats.html", {"rows": rows, "year": year})
