"""What an integrator reads besides the tree, units, members and KPIs: a member's culture
bookings and the status of dispute cases, each through the module's scoped reads
(`visible_to`), so a token sees exactly what a staff account of its node sees."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Path

from gonghui.accounts.http import AuthedRequest
from gonghui.culture.models import Booking
from gonghui.disputes.models import Case, CaseStatus
from gonghui.integrations.models import ApiToken
from gonghui.members.models import Member

from .auth import api_token_auth
from .paging import page_of
from .schemas import MAX_ID, READ_ERRORS, BookingPage, CaseOut, CasePage, PageQuery, TokenOut, errors

router = Router()


@router.get(
    "/token",
    response={200: TokenOut, **errors(401, 429)},
    auth=[api_token_auth],
    tags=["tokens"],
    summary="当前令牌的信息",
)
def token_self(request: AuthedRequest) -> dict[str, Any]:
    """The calling token: its name, node, permissions and expiry (never its secret)."""
    token = request.auth  # type: ignore[attr-defined]
    if not isinstance(token, ApiToken):
        raise HttpError(401, "")
    return {
        "name": token.name,
        "kind": token.kind,
        "node_id": token.node_id,
        "permissions": token.permissions,
        "expires_at": token.expires_at,
        "rate_per_minute": token.rate_per_minute,
    }


def _booking_out(booking: Booking) -> dict[str, Any]:
    session = booking.session
    return {
        "id": booking.pk,
        "session_id": session.pk,
        "programme": session.programme.title,
        "venue": session.venue.name,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "status": booking.status,
        "channel": booking.channel,
        "created_at": booking.created_at,
        "checked_in_at": booking.checked_in_at,
        "cancelled_at": booking.cancelled_at,
    }


@router.get(
    "/members/{member_id}/bookings",
    response={200: BookingPage, **READ_ERRORS},
    tags=["culture"],
    summary="会员的文体预约",
)
def member_bookings(
    request: AuthedRequest, page: Query[PageQuery], member_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    """The member's bookings at the sessions within reach, latest session first. Needs
    `culture.bookings.read`; a member out of the token's subtree answers 404."""
    member = get_object_or_404(Member.objects.visible_to(request.user), pk=member_id)
    bookings = (
        Booking.objects.visible_to(request.user)
        .filter(member=member)
        .select_related("session__programme", "session__venue")
        .order_by("-session__starts_at", "-id")
    )
    return page_of(bookings, page, _booking_out)


def _case_out(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "channel": case.channel,
        "category": case.category,
        "status": case.status,
        "org": case.org.name,
        "received_at": case.received_at,
        "accepted_at": case.accepted_at,
        "due_on": case.due_on,
        "closed_at": case.closed_at,
        "outcome": case.outcome,
        "hotline_order_no": case.hotline_order_no,
    }


class CaseFilter(Schema):
    status: CaseStatus | None = None
    number: str | None = None
    hotline_order_no: str | None = None


def _cases(request: AuthedRequest) -> Any:
    return Case.objects.visible_to(request.user).select_related("org").defer("narrative", "agreement_text")


@router.get("/cases", response={200: CasePage, **READ_ERRORS}, tags=["disputes"], summary="争议案件状态")
def case_list(request: AuthedRequest, filters: Query[CaseFilter], page: Query[PageQuery]) -> dict[str, Any]:
    """Cases within reach, newest first, by status, case number or 12351 order number. Needs
    `disputes.cases.read`. Narratives and the people in a case are never in the answer."""
    cases = _cases(request)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.number:
        cases = cases.filter(number=filters.number[:20])
    if filters.hotline_order_no:
        cases = cases.filter(hotline_order_no=filters.hotline_order_no[:30])
    return page_of(cases.order_by("-received_at", "-id"), page, _case_out)


@router.get(
    "/cases/{case_id}", response={200: CaseOut, **READ_ERRORS}, tags=["disputes"], summary="一件案件的状态"
)
def case_detail(request: AuthedRequest, case_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    """One case's status. Needs `disputes.cases.read`; out of reach answers 404."""
    return _case_out(get_object_or_404(_cases(request), pk=case_id))
