"""A merchant's till over the API: verify a member's QR and record the discounted sale, through
the same card services as the cashier's page (same rules, the pass used once). A sale carries an
`Idempotency-Key`: the same request again answers the first sale, a different request under the
same key is refused (409)."""

from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.params.functions import Header

from gonghui.accounts.http import AuthedRequest
from gonghui.cards import services
from gonghui.cards.masking import mask_name
from gonghui.cards.models import Sale
from gonghui.integrations.services import KeyReused, fingerprint, idempotency_claim

from .auth import api_token_auth
from .paging import page_of
from .schemas import PageQuery, SaleIn, SaleOut, SalePage, VerifyIn, VerifyOut, errors

# A till is an integration: a signed-in browser uses the cashier's page, not these routes.
router = Router(tags=["till"], auth=api_token_auth)

KEY_HEADER = "Idempotency-Key"


def _verification_out(result: services.Verification) -> dict[str, Any]:
    return {
        "valid": result.valid,
        "message": result.message,
        "member": result.masked_name,
        "discount": result.discount_text,
        "rate": result.rate,
        "cap": result.cap,
    }


def _sale_out(sale: Sale, *, replayed: bool) -> dict[str, Any]:
    return {
        "id": sale.pk,
        "number": sale.number,
        "member": mask_name(sale.member.name),
        "amount": sale.amount,
        "discount": sale.discount,
        "paid": sale.paid,
        "created_at": sale.created_at,
        "key": sale.idempotency_key,
        "replayed": replayed,
    }


@router.post(
    "/till/verify",
    response={200: VerifyOut, **errors(400, 401, 403, 422, 429)},
    summary="核验会员码（收银终端）",
)
def till_verify(request: AuthedRequest, body: VerifyIn) -> Status[dict[str, Any]]:
    """Whether the scanned code is valid at this till's store, whose (masked) and what discount
    applies; nothing is used up. Every verification is audited. Needs `cards.verify`."""
    result = services.sale_verify(user=request.user, scanned=body.scanned, audit=request.audit)
    return Status(200, _verification_out(result))


@router.post(
    "/till/sales",
    response={201: SaleOut, **errors(400, 401, 403, 409, 422, 429)},
    summary="记录优惠交易（收银终端）",
)
def till_sale(
    request: AuthedRequest,
    response: HttpResponse,
    body: SaleIn,
    key: str = Header(..., alias=KEY_HEADER, min_length=8, max_length=64, description="幂等键（8–64位）"),
) -> Status[dict[str, Any]]:
    """Record the sale and use the member's pass, in one transaction, audited. Needs `cards.sale`.
    409: the key was used for a different request; 422: the code is invalid or used, or the
    sale breaks a rule of the merchant's discount."""
    started, key, amount = timezone.now(), key.strip(), f"{body.amount:.2f}"
    try:
        idempotency_claim(
            actor=request.user,
            scope="cards.sale",
            key=key,
            print_=fingerprint({"scanned": body.scanned, "amount": amount}),
        )
    except KeyReused as reused:
        return Status(409, {"detail": str(reused)})
    try:
        sale = services.sale_record(
            user=request.user, scanned=body.scanned, amount=amount, key=key, audit=request.audit
        )
    except services.CardsError as refused:
        return Status(422, {"detail": str(refused)})
    replayed = sale.created_at < started  # the key's first request made it
    response["Idempotent-Replayed"] = "true" if replayed else "false"
    return Status(201, _sale_out(sale, replayed=replayed))


@router.get(
    "/till/sales",
    response={200: SalePage, **errors(400, 401, 403, 422, 429)},
    summary="本店的优惠交易（收银终端对账）",
)
def till_sales(request: AuthedRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """The sales of the till's own store, newest first, for the till's reconciliation: what the
    cashier's page lists (a till sees its own store and nothing else). Needs `cards.sale`."""
    sales = Sale.objects.visible_to(request.user).select_related("member").order_by("-created_at", "-id")
    return page_of(sales, page, lambda sale: _sale_out(sale, replayed=False))
