"""The back office's election pages: constituencies, candidates, publishing, the vote and the
announced (sealed) result."""

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required

from .. import forms, services
from ..errors import CongressError
from ..models import Candidate, Constituency, Election
from .common import step


def election_or_404(request: AuthedRequest, pk: int) -> Election:
    return get_object_or_404(Election.objects.visible_to(request.user).select_related("congress"), pk=pk)


@backoffice_required
def election_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    election = election_or_404(request, pk)
    constituencies = Constituency.objects.filter(election=election).prefetch_related("units")
    candidates = Candidate.objects.filter(constituency__election=election).select_related(
        "member", "constituency"
    )
    return render(
        request,
        "congress/election.html",
        {
            "election": election,
            "constituencies": constituencies,
            "candidates": candidates.order_by("constituency", "-votes", "id"),
            "constituency_form": forms.ConstituencyForm(user=request.user),
            "candidate_form": forms.CandidateForm(user=request.user),
        },
    )


@require_POST
@backoffice_required
def constituency_add(request: AuthedRequest, pk: int) -> HttpResponse:
    election = election_or_404(request, pk)
    return step(
        request,
        forms.ConstituencyForm(request.POST, user=request.user),
        lambda d: services.constituency_add(
            election=election,
            name=d["name"],
            seats=d["seats"],
            units=d["units"],
            actor=request.user,
            audit=request.audit,
        ),
        "congress:election",
        election.pk,
    )


@require_POST
@backoffice_required
def candidate_add(request: AuthedRequest, pk: int) -> HttpResponse:
    election = election_or_404(request, pk)

    def nominate(data: dict[str, Any]) -> object:
        constituency = Constituency.objects.filter(election=election, pk=data["constituency"]).first()
        if constituency is None:
            raise CongressError(_("未找到该选区。"), "constituency")
        return services.candidate_nominate(
            constituency=constituency,
            member=data["member"],
            nominated_by=str(data["nominated_by"]),
            statement=str(data["statement"]),
            actor=request.user,
            audit=request.audit,
        )

    return step(
        request,
        forms.CandidateForm(request.POST, user=request.user),
        nominate,
        "congress:election",
        election.pk,
    )


def _transition(name: str) -> Callable[..., HttpResponseBase]:
    action = getattr(services, name)

    @require_POST
    @backoffice_required
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        election = election_or_404(request, pk)
        return step(
            request,
            None,
            lambda d: action(election=election, actor=request.user, audit=request.audit),
            "congress:election",
            election.pk,
        )

    view.__name__ = name
    return view


election_publish = _transition("election_publish")
election_open = _transition("election_open")
election_announce = _transition("election_announce")
