"""The chair's session pages: the agenda, the live quorum, the QR at the door, sign-in by the
staff, opening and closing the session and each vote."""

from io import BytesIO
from typing import Any

import segno
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.organizations.models import Referral
from gonghui.organizations.selectors import referrals_pending

from .. import forms, selectors, services
from ..errors import CongressError
from ..models import Item, Representative, Seat, Session, SignIn
from .common import step


def session_or_404(request: AuthedRequest, pk: int) -> Session:
    return get_object_or_404(Session.objects.visible_to(request.user).select_related("congress__node"), pk=pk)


def item_or_404(request: AuthedRequest, pk: int) -> Item:
    return get_object_or_404(Item.objects.visible_to(request.user).select_related("session"), pk=pk)


@never_cache
@backoffice_required
def session_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    session = session_or_404(request, pk)
    context = {"session": session, "quorum": selectors.quorum(session)}
    if request.htmx:  # the live part: quorum and the votes' state, polled while the session sits
        return render(request, "congress/session.html#live", context)
    sign_ins = (
        SignIn.objects.filter(session=session).select_related("representative__member").order_by("-at")[:500]
    )
    return render(
        request,
        "congress/session.html",
        {
            **context,
            "sign_ins": sign_ins,
            "referrals": referrals_pending(session.congress.node),
            "item_form": forms.ItemForm(),
            "close_form": forms.CloseSessionForm(),
            "sign_in_form": forms.StaffSignInForm(user=request.user),
        },
    )


def door_url(request: AuthedRequest, session: Session) -> str:
    path = reverse("congress:m_sign_in", args=[session.pk])
    return request.build_absolute_uri(f"{path}?t={services.door_token(session)}")


@never_cache
@backoffice_required
def door(request: AuthedRequest, pk: int) -> HttpResponse:
    """The QR shown at the door: representatives scan it with their phones to sign in. It
    lives a few minutes; the page fetches a fresh one every minute."""
    session = session_or_404(request, pk)
    url = door_url(request, session)
    svg = BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=8, border=2, xmldecl=False, svgns=True)
    context = {
        "session": session,
        "url": url,
        "qr": svg.getvalue().decode(),
        "quorum": selectors.quorum(session),
    }
    template = "congress/door.html#qr" if request.htmx else "congress/door.html"
    return render(request, template, context)


@require_POST
@backoffice_required
def staff_sign_in(request: AuthedRequest, pk: int) -> HttpResponse:
    session = session_or_404(request, pk)
    form = forms.StaffSignInForm(request.POST, user=request.user)

    def sign(data: dict[str, Any]) -> object:
        seat = (
            Representative.objects.visible_to(request.user)
            .filter(congress_id=session.congress_id, member=data["member"], status=Seat.ACTIVE)
            .first()
        )
        if seat is None:
            raise CongressError(_("该会员不是本职代会的在任代表。"), "not_representative")
        return services.sign_in(
            session=session,
            representative=seat,
            channel=SignIn.Channel.STAFF,
            actor=request.user,
            audit=request.audit,
        )

    return step(request, form, sign, "congress:session", session.pk, done=_("已签到。"))


@require_POST
@backoffice_required
def session_open(request: AuthedRequest, pk: int) -> HttpResponse:
    session = session_or_404(request, pk)
    return step(
        request,
        None,
        lambda d: services.session_open(session=session, actor=request.user, audit=request.audit),
        "congress:session",
        session.pk,
    )


@require_POST
@backoffice_required
def session_close(request: AuthedRequest, pk: int) -> HttpResponse:
    session = session_or_404(request, pk)
    return step(
        request,
        forms.CloseSessionForm(request.POST),
        lambda d: services.session_close(
            session=session,
            minutes=d["minutes"],
            resolutions=d["resolutions"],
            actor=request.user,
            audit=request.audit,
        ),
        "congress:session",
        session.pk,
        done=_("会议已闭幕。"),
    )


@require_POST
@backoffice_required
def item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    session = session_or_404(request, pk)
    form = forms.ItemForm(request.POST)

    def add(data: dict[str, Any]) -> object:
        referral = None
        if data["referral"]:
            referral = Referral.objects.visible_to(request.user).filter(pk=data["referral"]).first()
            if referral is None:
                raise CongressError(_("未找到该提请审议事项。"), "referral")
        return services.item_add(
            session=session,
            kind=str(data["kind"]),
            title=str(data["title"]),
            material=str(data["material"]),
            referral=referral,
            actor=request.user,
            audit=request.audit,
        )

    return step(request, form, add, "congress:session", session.pk)


@require_POST
@backoffice_required
def item_open(request: AuthedRequest, pk: int) -> HttpResponse:
    item = item_or_404(request, pk)
    return step(
        request,
        None,
        lambda d: services.item_open(item=item, actor=request.user, audit=request.audit),
        "congress:session",
        item.session_id,
        done=_("表决开始。"),
    )


@require_POST
@backoffice_required
def item_close(request: AuthedRequest, pk: int) -> HttpResponse:
    item = item_or_404(request, pk)
    return step(
        request,
        None,
        lambda d: services.item_close(item=item, actor=request.user, audit=request.audit),
        "congress:session",
        item.session_id,
        done=_("表决结束，结果已封存。"),
    )
