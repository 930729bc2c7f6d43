"""A representative's meeting pages on the phone: the session, sign-in (the QR at the door or
online), the drafts and the vote; and a worker's ballot in an election. A representative of
another congress finds none of these (404, as missing)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required

from .. import forms, selectors, services
from ..errors import CongressError
from ..models import Candidate, Election, ElectionVote, Item, Session, SignIn, Vote
from .common import member_of, seat_or_404


def _session(request: AuthedRequest, pk: int) -> Session:
    return get_object_or_404(Session.objects.visible_to(request.user).select_related("congress"), pk=pk)


@never_cache
@member_required
def session_page(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    seat = seat_or_404(request, session.congress_id)
    items = Item.objects.visible_to(request.user).filter(session=session)
    voted = set(
        Vote.objects.filter(item__session=session, representative=seat).values_list("item_id", flat=True)
    )
    context = {
        "session": session,
        "seat": seat,
        "items": items,
        "voted": voted,
        "signed_in": selectors.signed_in(session.pk, seat.pk),
        "quorum": selectors.quorum(session),
    }
    template = "congress/m_session.html#items" if request.htmx else "congress/m_session.html"
    return render(request, template, context)


@never_cache
@member_required
def sign_in_page(request: AuthedRequest, pk: int) -> HttpResponse:
    """Where the QR at the door leads: the token is checked when the representative confirms."""
    session = _session(request, pk)
    seat = seat_or_404(request, session.congress_id)
    token = request.POST.get("t", "") if request.method == "POST" else request.GET.get("t", "")
    if request.method == "POST":
        try:
            services.sign_in(
                session=session,
                representative=seat,
                channel=SignIn.Channel.DOOR if token else SignIn.Channel.ONLINE,
                token=token[:500],
                actor=request.user,
                audit=request.audit,
            )
        except CongressError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("签到成功。"))
        return redirect("congress:m_session", session.pk)
    return render(
        request,
        "congress/m_sign_in.html",
        {
            "session": session,
            "seat": seat,
            "token": token[:500],
            "signed_in": selectors.signed_in(session.pk, seat.pk),
        },
    )


@require_POST
@member_required
def vote(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item.objects.visible_to(request.user).select_related("session"), pk=pk)
    seat = seat_or_404(request, item.session.congress_id)
    form = forms.VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择表决意见。"))
        return redirect("congress:m_session", item.session_id)
    try:
        services.vote_cast(
            item=item,
            representative=seat,
            choice=form.cleaned_data["choice"],
            actor=request.user,
            audit=request.audit,
        )
    except CongressError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("投票成功。"))
    return redirect("congress:m_session", item.session_id)


def _election(request: AuthedRequest, pk: int) -> Election:
    return get_object_or_404(Election.objects.visible_to(request.user).select_related("congress"), pk=pk)


@member_required
def election_page(request: AuthedRequest, pk: int) -> HttpResponse:
    election = _election(request, pk)
    member = member_of(request)
    constituency = selectors.constituency_of(election, member)
    candidates = (
        Candidate.objects.filter(constituency=constituency)
        .exclude(status=Candidate.Status.NOMINATED)
        .select_related("member")
        if constituency
        else Candidate.objects.none()
    )
    return render(
        request,
        "congress/m_election.html",
        {
            "election": election,
            "constituency": constituency,
            "candidates": candidates.order_by("-votes", "id")
            if election.status == Election.Status.ANNOUNCED
            else candidates,
            "voted": ElectionVote.objects.filter(election=election, voter=member).exists(),
        },
    )


@require_POST
@member_required
def election_vote(request: AuthedRequest, pk: int) -> HttpResponse:
    election = _election(request, pk)
    member = member_of(request)
    constituency = selectors.constituency_of(election, member)
    allowed = (
        list(Candidate.objects.filter(constituency=constituency).values_list("pk", flat=True))
        if constituency
        else []
    )
    form = forms.BallotForm(request.POST, candidates=allowed)
    if not form.is_valid():
        messages.error(request, _("选票无效，请重新选择。"))
        return redirect("congress:m_election", election.pk)
    try:
        services.election_vote(
            election=election,
            voter=member,
            choices=form.cleaned_data["candidates"],
            actor=request.user,
            audit=request.audit,
        )
    except CongressError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("投票成功，感谢您的参与。"))
    return redirect("congress:m_election", election.pk)
