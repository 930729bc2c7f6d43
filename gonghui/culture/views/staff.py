"""Back-office pages: the district and street see their subtree; venue staff see exactly
their venues' sessions and bookings (anything else answers 404, like a missing page)."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required, role_required
from gonghui.lib.ids import normalize_phone
from gonghui.lib.roles import Role
from gonghui.members.identity import phone_blind_index
from gonghui.members.models import Member, MemberStatus

from .. import services
from ..forms import CheckInForm, DrawForm, StaffBookingForm
from ..models import Booking, Session, Venue

culture_staff_required = role_required(Role.VENUE_STAFF, backoffice=True)


@culture_staff_required
def venue_list(request: AuthedRequest) -> HttpResponse:
    venues = Venue.objects.visible_to(request.user).select_related("node")
    return render(request, "culture/venue_list.html", {"venues": venues})


@culture_staff_required
def venue_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    venue = get_object_or_404(Venue.objects.visible_to(request.user), pk=pk)
    upcoming = (
        Session.objects.visible_to(request.user)
        .filter(venue=venue, starts_at__gte=timezone.now())
        .select_related("programme")[:50]
    )
    staff = venue.staff_links.select_related("user")
    return render(
        request, "culture/venue_detail.html", {"venue": venue, "upcoming": upcoming, "staff": staff}
    )


def _session(request: AuthedRequest, pk: int) -> Session:
    return get_object_or_404(
        Session.objects.visible_to(request.user).select_related("programme", "venue", "street"), pk=pk
    )


@culture_staff_required
def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    bookings = (
        Booking.objects.visible_to(request.user)
        .filter(session=session)
        .prefetch_related("member")  # a city's cluster joins a booking to its member on the id alone: refused
        .order_by("status", "waiting_since", "queue_rank", "id")
    )
    draw = getattr(session, "draw", None) if session.mode == Session.Mode.LOTTERY else None
    return render(
        request,
        "culture/session_detail.html",
        {
            "session": session,
            "bookings": bookings,
            "draw": draw,
            "checkin_form": CheckInForm(),
            "book_form": StaffBookingForm(),
            "draw_form": DrawForm(),
            "can_draw": request.user.is_backoffice,
        },
    )


@require_POST
@culture_staff_required
def session_check_in(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("请扫描或输入会员码。"))
    try:
        booking = services.booking_check_in(
            session=session, scanned=form.cleaned_data["scanned"], actor=request.user, audit=request.audit
        )
    except services.BookingRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("签到成功：%(name)s") % {"name": booking.member.name})
    return redirect("culture:session", pk=session.pk)


def _find_member(who: str) -> Member | None:
    members = Member.unscoped.filter(status=MemberStatus.ACTIVE, id_problem="")
    if (who.isdigit() and len(who) != 11) or who[:1].isalpha():
        return members.filter(member_no=who.upper()).first()
    try:
        phone = normalize_phone(who)
    except ValueError:
        return None
    return members.filter(phone_index=phone_blind_index(phone)).first()


@require_POST
@culture_staff_required
def session_book(request: AuthedRequest, pk: int) -> HttpResponse:
    """Booking by phone: the clerk books on the caller's behalf, same rules as the portal."""
    session = _session(request, pk)
    form = StaffBookingForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("请输入会员手机号或会员编号。"))
    member = _find_member(form.cleaned_data["who"])
    if member is None:
        messages.error(request, _("未找到在册会员。"))
        return redirect("culture:session", pk=session.pk)
    try:
        services.booking_create(
            session=session,
            member=member,
            actor=request.user,
            channel=Booking.Channel.STAFF,
            audit=request.audit,
        )
        messages.success(request, _("已为 %(name)s 预约。") % {"name": member.name})
    except services.BookingRefused as refused:
        if refused.code == "full" and form.cleaned_data["waitlist"]:
            try:
                services.waitlist_join(
                    session=session, member=member, actor=request.user, audit=request.audit
                )
                messages.success(request, _("名额已满，已为 %(name)s 加入候补。") % {"name": member.name})
            except services.BookingRefused as again:
                messages.error(request, str(again))
        else:
            messages.error(request, str(refused))
    return redirect("culture:session", pk=session.pk)


@require_POST
@backoffice_required
def session_draw(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if not DrawForm(request.POST).is_valid():
        return HttpResponseBadRequest(_("请确认抽签。"))
    try:
        draw = services.lottery_draw(session=session, actor=request.user, audit=request.audit)
        messages.success(request, _("抽签完成，种子 %(seed)s。") % {"seed": draw.seed})
    except services.BookingRefused as refused:
        messages.error(request, str(refused))
    return redirect("culture:session", pk=session.pk)


@require_POST
@culture_staff_required
def booking_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.visible_to(request.user), pk=pk)
    try:
        services.booking_cancel(booking=booking, actor=request.user, audit=request.audit)
        messages.success(request, _("预约已取消。"))
    except services.BookingRefused as refused:
        messages.error(request, str(refused))
    return redirect("culture:session", pk=booking.session_id)
