"""The mobile cashier page and its JSON API. A cashier verifies a QR, sees a masked name
and the discount, and records the sale; it sees its own store's sales and nothing else."""

import uuid
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.params import BadInput, json_body

from .. import services
from ..masking import mask_name
from ..models import CashierAccount, Sale
from .common import cashier_required

PAGE_SIZE = 30


def _store_of(request: AuthedRequest) -> CashierAccount | None:
    return (
        CashierAccount.objects.select_related("store__merchant")
        .filter(user_id=request.user.pk or 0, active=True)
        .first()
    )


def _sales(request: AuthedRequest):
    return Sale.objects.visible_to(request.user).select_related("member").order_by("-created_at", "-id")


@never_cache
@cashier_required
def cashier_page(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "cards/cashier.html",
        {"account": _store_of(request), "recent": _sales(request)[:5]},
    )


def _partial(request: AuthedRequest, name: str, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("account", _store_of(request))
    template = f"cards/cashier.html#{name}" if request.htmx else "cards/cashier.html"
    if not request.htmx:
        context.setdefault("recent", _sales(request)[:5])
    return render(request, template, context)


@never_cache
@require_POST
@cashier_required
def cashier_verify(request: AuthedRequest) -> HttpResponse:
    scanned = request.POST.get("scanned", "")[:400]
    result = services.sale_verify(user=request.user, scanned=scanned, audit=request.audit)
    return _partial(
        request,
        "result",
        {"verification": result, "scanned": scanned if result.valid else "", "key": uuid.uuid4().hex},
    )


@never_cache
@require_POST
@cashier_required
def cashier_sale(request: AuthedRequest) -> HttpResponse:
    try:
        sale = services.sale_record(
            user=request.user,
            scanned=request.POST.get("scanned", "")[:400],
            amount=request.POST.get("amount", "")[:20],
            key=request.POST.get("key", "")[:64],
            audit=request.audit,
        )
    except services.CardsError as error:
        return _partial(request, "result", {"error": str(error)})
    return _partial(request, "result", {"sale": sale, "masked_name": mask_name(sale.member.name)})


@cashier_required
def cashier_sales(request: AuthedRequest) -> HttpResponse:
    page = Paginator(_sales(request), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cards/cashier_sales.html", {"page": page, "account": _store_of(request)})


@cashier_required
def cashier_sale_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    sale = get_object_or_404(_sales(request), pk=pk)
    return render(
        request, "cards/cashier_sale.html", {"sale": sale, "masked_name": mask_name(sale.member.name)}
    )


# The JSON API of the counter (for a cashier app or a till): same services, same scope.


def _payload(request: AuthedRequest) -> dict[str, Any]:
    """The fields sent as a JSON object or a form; BadInput for JSON too big or too deep."""
    if request.content_type == "application/json":
        data = json_body(request)
        return data if isinstance(data, dict) else {}
    return request.POST.dict()


def _text(data: dict[str, Any], key: str, limit: int) -> str:
    value = data.get(key, "")
    return value[:limit] if isinstance(value, str) else ""


def _number_text(value: Any) -> str:
    """An amount sent as a JSON number, as text; anything else (a list, an object) as nothing."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return ""
    return str(value)[:20]


def _verification_json(result: services.Verification) -> dict[str, Any]:
    return {
        "valid": result.valid,
        "message": result.message,
        "member": result.masked_name,
        "discount": result.discount_text,
        "rate": str(result.rate) if result.rate is not None else None,
        "cap": str(result.cap) if result.cap is not None else None,
    }


def _sale_json(sale: Sale) -> dict[str, Any]:
    return {
        "id": sale.pk,
        "member": mask_name(sale.member.name),
        "amount": str(sale.amount),
        "discount": str(sale.discount),
        "paid": str(sale.paid),
        "created_at": sale.created_at.isoformat(),
        "key": sale.idempotency_key,
    }


@never_cache
@require_POST
@cashier_required
def api_verify(request: AuthedRequest) -> JsonResponse:
    try:
        data = _payload(request)
    except BadInput as error:
        return JsonResponse({"error": str(error)}, status=400)
    result = services.sale_verify(user=request.user, scanned=_text(data, "scanned", 400), audit=request.audit)
    return JsonResponse(_verification_json(result), status=200 if result.valid else 422)


@never_cache
@require_POST
@cashier_required
def api_sale_create(request: AuthedRequest) -> JsonResponse:
    try:
        data = _payload(request)
    except BadInput as error:
        return JsonResponse({"error": str(error)}, status=400)
    amount = data.get("amount", "")
    try:
        sale = services.sale_record(
            user=request.user,
            scanned=_text(data, "scanned", 400),
            amount=amount[:20] if isinstance(amount, str) else _number_text(amount),
            key=_text(data, "key", 64),
            audit=request.audit,
        )
    except services.CardsError as error:
        return JsonResponse({"error": str(error)}, status=422)
    return JsonResponse(_sale_json(sale), status=201)


@require_GET
@cashier_required
def api_sales(request: AuthedRequest) -> JsonResponse:
    page = Paginator(_sales(request), PAGE_SIZE).get_page(request.GET.get("page"))
    return JsonResponse({"count": page.paginator.count, "results": [_sale_json(s) for s in page]})


@require_GET
@cashier_required
def api_sale(request: AuthedRequest, pk: int) -> JsonResponse:
    sale = get_object_or_404(_sales(request), pk=pk)
    return JsonResponse(_sale_json(sale))
