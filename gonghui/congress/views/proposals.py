"""The back office's proposal pages: the list (the drill of the figures) and a proposal with
its handling steps."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.organizations.models import Node

from .. import forms, services
from ..models import Proposal
from .common import PAGE_SIZE, step


@backoffice_required
def proposal_list(request: AuthedRequest) -> HttpResponse:
    proposals = Proposal.objects.visible_to(request.user).select_related("congress", "proposer__member")
    node_id = request.GET.get("node", "")
    if node_id.isdigit():
        node = get_object_or_404(Node.objects.visible_to(request.user), pk=int(node_id))
        proposals = proposals.within(node.path)
    status = request.GET.get("status", "")
    if status in Proposal.Status.values:
        proposals = proposals.filter(status=status)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "congress/proposals.html",
        {"page": page, "status": status, "statuses": Proposal.Status.choices},
    )


def proposal_or_404(request: AuthedRequest, pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.visible_to(request.user).select_related("congress", "proposer__member"), pk=pk
    )


@backoffice_required
def proposal_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    return render(
        request,
        "congress/proposal.html",
        {
            "proposal": proposal,
            "seconders": proposal.seconders.select_related("representative__member"),
            "decide_form": forms.DecideForm(),
            "assign_form": forms.AssignForm(),
            "answer_form": forms.AnswerForm(),
            "seconds_needed": services.SECONDS_NEEDED,
        },
    )


@require_POST
@backoffice_required
def proposal_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    return step(
        request,
        forms.DecideForm(request.POST),
        lambda d: services.proposal_decide(
            proposal=proposal, decision=d["decision"], note=d["note"], actor=request.user, audit=request.audit
        ),
        "congress:proposal",
        proposal.pk,
    )


@require_POST
@backoffice_required
def proposal_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    return step(
        request,
        forms.AssignForm(request.POST),
        lambda d: services.proposal_assign(
            proposal=proposal,
            department=d["department"],
            due_on=d["due_on"],
            actor=request.user,
            audit=request.audit,
        ),
        "congress:proposal",
        proposal.pk,
    )


@require_POST
@backoffice_required
def proposal_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    return step(
        request,
        forms.AnswerForm(request.POST),
        lambda d: services.proposal_answer(
            proposal=proposal, answer=d["answer"], actor=request.user, audit=request.audit
        ),
        "congress:proposal",
        proposal.pk,
    )
