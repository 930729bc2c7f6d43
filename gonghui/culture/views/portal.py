"""The member's pages (mobile): the menu, a session, booking, the waiting list, my bookings.
A refused booking answers 409 with the page and the reason, so a phone (or a load test)
can tell it from success (a redirect to the booking) and from bad input (400)."""

import datetime
import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required
from gonghui.members.models import Member

from .. import selectors, services
from ..forms import BookForm, MenuForm
from ..models import Booking, BookingStatus, Session

MENU_PAGE_SIZE = 10


def _member(request: AuthedRequest) -> Member | None:
    return request.user.member


def _session_or_404(request: AuthedRequest, pk: int) -> Session:
    session = selectors.session_for_member(_member(request), pk)
    if session is None:
        raise Http404
    return session


@member_required
def menu(request: AuthedRequest) -> HttpResponse:
    member = _member(request)
    own_street = selectors.street_path_of(member)
    streets = selectors.menu_streets()
    form = MenuForm(request.GET, streets=streets, has_own=own_street is not None)
    sessions = selectors.open_sessions_for(member)
    if form.is_valid():
        sessions = _filtered(sessions, form.cleaned_data, own_street, dict(streets))
    page = Paginator(sessions, MENU_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "culture/m_menu.html", {"page": page, "form": form, "member": member})


def _filtered(
    sessions: QuerySet[Session], data: dict, own_street: str | None, streets: dict
) -> QuerySet[Session]:
    today = timezone.localdate()
    days = {
        "today": (today, today),
        "week": (today, today + datetime.timedelta(days=6)),
        "weekend": (
            today + datetime.timedelta(days=max(5 - today.weekday(), 0)),
            today + datetime.timedelta(days=6 - today.weekday()),
        ),
    }
    if data["when"] in days:
        first, last = days[data["when"]]
        sessions = sessions.filter(starts_at__date__gte=first, starts_at__date__lte=last)
    if data["category"]:
        sessions = sessions.filter(programme__category=data["category"])
    if data["circle"]:
        sessions = sessions.filter(venue__circle=data["circle"])
    street = data["street"]
    path = (
        own_street if street == "mine" else selectors.street_path(int(street)) if street.isdigit() else None
    )
    if street and path:
        sessions = sessions.filter(venue__path__startswith=path)
    if data["sort"] == "places":
        sessions = sessions.annotate(left=F("capacity") - F("booked")).order_by("-left", "starts_at")
    return sessions


def _render_session(
    request: AuthedRequest, session: Session, booking: Booking | None, status: int = 200, refusal: str = ""
) -> HttpResponse:
    """The session page; to the page's own booking form (htmx), only its booking block."""
    template = "culture/m_session.html#booking" if request.htmx else "culture/m_session.html"
    context = {"session": session, "booking": booking, "key": secrets.token_urlsafe(16), "refusal": refusal}
    return render(request, template, context, status=status)


def _refused(request: AuthedRequest, session: Session, refused: services.BookingRefused) -> HttpResponse:
    # "Full" was decided on the same read that found the member holds no booking of it.
    booking = None if refused.code == "full" else selectors.own_booking(_member(request), session)
    if request.htmx:  # the page's own form: the reason goes in its block
        if booking is None and session.mode == Session.Mode.FIRST_COME and session.places_left <= 0:
            return HttpResponse(_full_block(request, session, str(refused)), status=409)
        return _render_session(request, session, booking, status=409, refusal=str(refused))
    messages.error(request, str(refused))
    return _render_session(request, session, booking, status=409)


_full_blocks: dict[tuple[int, str, str, str], str] = {}


def _full_block(request: AuthedRequest, session: Session, refusal: str) -> str:
    """The booking block of a full first-come session for a member who holds no booking of it:
    the reason and the waiting-list button, nothing of the member's own (no booking form, so
    no key). A flash sale sends it to most of its members within seconds: it is rendered once
    per session, status, language and reason, which is all it shows, not once per member."""
    cache_key = (session.pk, session.status, get_language(), refusal)
    if (html := _full_blocks.get(cache_key)) is None:
        context = {"session": session, "booking": None, "key": "", "refusal": refusal}
        html = render_to_string("culture/m_session.html#booking", context, request=request)
        if len(_full_blocks) >= 4096:  # a year's sessions in both languages; then start over
            _full_blocks.clear()
        _full_blocks[cache_key] = html
    return html


@member_required
def session_page(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    return _render_session(request, session, selectors.own_booking(_member(request), session))


@require_POST
@member_required
def book(request: AuthedRequest, pk: int) -> HttpResponse:
    form = BookForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("请求无效，请刷新页面后重试。"))
    member = _member(request)
    if member is None:
        raise Http404
    # The scope check and the booking's own rules are decided on one read.
    look = selectors.booking_look(pk, member, services.booking_key(form.cleaned_data["key"]))
    if look is None or not selectors.member_may_see(member, look.session, holds_one=look.holds_one):
        raise Http404
    try:
        booking = services.booking_create(
            session=look.session, member=member, actor=request.user, look=look, audit=request.audit
        )
    except services.BookingRefused as refused:
        return _refused(request, look.session, refused)
    if booking.status == BookingStatus.ENTERED:
        messages.success(request, _("报名成功，报名截止后统一抽签。"))
    else:
        messages.success(request, _("预约成功！请凭会员码签到。"))
    if request.htmx:
        return HttpResponseClientRedirect(reverse("culture:m_bookings"))
    return redirect("culture:m_bookings")


@require_POST
@member_required
def wait(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    member = _member(request)
    if member is None:  # as _session_or_404 has found already
        raise Http404
    try:
        services.waitlist_join(session=session, member=member, actor=request.user, audit=request.audit)
    except services.BookingRefused as refused:
        return _refused(request, session, refused)
    messages.success(request, _("已加入候补，有空位时会通知您。"))
    if request.htmx:
        return HttpResponseClientRedirect(reverse("culture:m_bookings"))
    return redirect("culture:m_bookings")


@member_required
def my_bookings(request: AuthedRequest) -> HttpResponse:
    bookings = (
        Booking.objects.visible_to(request.user)
        .select_related("session__programme", "session__venue")
        .order_by("-session__starts_at")[:100]
    )
    return render(request, "culture/m_bookings.html", {"bookings": bookings})


def _own(request: AuthedRequest, pk: int) -> Booking:
    return get_object_or_404(Booking.objects.visible_to(request.user), pk=pk)


@require_POST
@member_required
def cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        services.booking_cancel(booking=_own(request, pk), actor=request.user, audit=request.audit)
        messages.success(request, _("预约已取消。"))
    except services.BookingRefused as refused:
        messages.error(request, str(refused))
    return redirect("culture:m_bookings")


@require_POST
@member_required
def claim(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        services.booking_claim(booking=_own(request, pk), actor=request.user, audit=request.audit)
        messages.success(request, _("递补名额已确认，预约成功！"))
    except services.BookingRefused as refused:
        messages.error(request, str(refused))
    return redirect("culture:m_bookings")
