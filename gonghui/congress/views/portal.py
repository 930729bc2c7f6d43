"""The member's pages (mobile): my congress, my representatives, the proposals board; a
representative's proposals, seconds and ratings."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required

from .. import forms, selectors, services
from ..errors import CongressError
from ..models import Congress, Election, Proposal, Representative, Seat, Session
from .common import member_of, seat_or_404, step


@member_required
def home(request: AuthedRequest) -> HttpResponse:
    member = member_of(request)
    congress = Congress.objects.visible_to(request.user).select_related("node").first()
    context: dict[str, object] = {"congress": congress, "member": member}
    if congress is not None:
        seats = (
            Representative.objects.visible_to(request.user)
            .filter(congress=congress, status=Seat.ACTIVE)
            .prefetch_related("member__unit")  # apart: Citus joins a member to a unit on the district too
            .order_by("constituency", "id")
        )
        context |= {
            "mine": [s for s in seats if s.member.unit_id == member.unit_id],
            "seated": len(seats),
            "seat": selectors.seat_of(member, congress.pk),
            "sessions": Session.objects.visible_to(request.user)
            .filter(congress=congress)
            .exclude(status=Session.Status.CLOSED)[:5],
            "closed": Session.objects.visible_to(request.user).filter(
                congress=congress, status=Session.Status.CLOSED
            )[:5],
            "elections": Election.objects.visible_to(request.user)
            .filter(congress=congress)
            .exclude(status=Election.Status.NOMINATING)
            .order_by("-term_no")[:3],
        }
    return render(request, "congress/m_home.html", context)


@member_required
def board(request: AuthedRequest, pk: int) -> HttpResponse:
    """The proposals board for the unit's workers: each proposal and where it stands."""
    congress = get_object_or_404(Congress.objects.visible_to(request.user), pk=pk)
    proposals = Proposal.objects.visible_to(request.user).filter(congress=congress)
    return render(
        request,
        "congress/m_board.html",
        {
            "congress": congress,
            "counts": selectors.board_counts(proposals),
            "proposals": proposals.only(
                "pk", "number", "title", "status", "department", "due_on", "submitted_at", "congress_id"
            )[:200],
            "seat": selectors.seat_of(member_of(request), congress.pk),
            "boards": Proposal.Board.choices,
        },
    )


def _proposal(request: AuthedRequest, pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.visible_to(request.user).select_related("congress", "proposer__member"), pk=pk
    )


@member_required
def proposal_page(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    seat = selectors.seat_of(member_of(request), proposal.congress_id)
    seconded = seat is not None and proposal.seconders.filter(representative=seat).exists()
    return render(
        request,
        "congress/m_proposal.html",
        {
            "proposal": proposal,
            "seat": seat,
            "seconded": seconded,
            "own": seat is not None and seat.pk == proposal.proposer_id,
            "rate_form": forms.RateForm(),
        },
    )


@member_required
def proposal_new(request: AuthedRequest, pk: int) -> HttpResponse:
    congress = get_object_or_404(Congress.objects.visible_to(request.user), pk=pk)
    seat = seat_or_404(request, congress.pk)
    form = forms.ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                congress=congress,
                proposer=seat,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                actor=request.user,
                audit=request.audit,
            )
        except CongressError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, _("提案已提交，编号 %(n)s，请邀请其他代表附议。") % {"n": proposal.number}
            )
            return redirect("congress:m_proposal", proposal.pk)
    return render(
        request, "congress/m_form.html", {"form": form, "title": _("提交提案"), "congress": congress}
    )


@require_POST
@member_required
def second(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    seat = seat_or_404(request, proposal.congress_id)
    return step(
        request,
        None,
        lambda d: services.proposal_second(
            proposal=proposal, representative=seat, actor=request.user, audit=request.audit
        ),
        "congress:m_proposal",
        proposal.pk,
        done=_("已附议。"),
    )


@require_POST
@member_required
def rate(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    seat = seat_or_404(request, proposal.congress_id)
    return step(
        request,
        forms.RateForm(request.POST),
        lambda d: services.proposal_rate(
            proposal=proposal,
            representative=seat,
            rating=d["rating"],
            actor=request.user,
            audit=request.audit,
        ),
        "congress:m_proposal",
        proposal.pk,
        done=_("感谢您的评价。"),
    )
