"""Back-office pages of congresses: the list, establishing one, a congress with its seats,
sessions and elections, and the yearly duty reports and assessments."""

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.organizations.models import Node
from gonghui.organizations.selectors import referrals_pending

from .. import forms, selectors, services
from ..errors import CongressError
from ..models import Assessment, Congress, DutyReport, Election, Representative, Seat, Session
from .common import PAGE_SIZE, congress_or_404, step


@backoffice_required
def congress_list(request: AuthedRequest) -> HttpResponse:
    congresses = Congress.objects.visible_to(request.user).select_related("node")
    node_id = request.GET.get("node", "")
    if node_id.isdigit():
        node = get_object_or_404(Node.objects.visible_to(request.user), pk=int(node_id))
        congresses = congresses.within(node.path)
    congresses = congresses.annotate(
        units=Count("unit_links", distinct=True),
        seated=Count("representatives", filter=Q(representatives__status=Seat.ACTIVE), distinct=True),
    ).order_by("path", "id")
    page = Paginator(congresses, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "congress/list.html", {"page": page})


@backoffice_required
def congress_new(request: AuthedRequest) -> HttpResponse:
    form = forms.CongressForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit_union = data["units"][0].union or data["units"][0].street
        try:
            congress = services.congress_establish(
                node=data["node"] if data["kind"] == Congress.Kind.JOINT else unit_union,
                units=data["units"],
                name=data["name"],
                kind=data["kind"],
                established_on=data["established_on"],
                seats=data["seats"],
                term_years=data["term_years"],
                frontline_share=data["frontline_share"],
                women_share=data["women_share"],
                actor=request.user,
                audit=request.audit,
            )
        except CongressError as refused:
            form.add_error(None, str(refused))
        else:
            if Congress.objects.visible_to(request.user).filter(pk=congress.pk).exists():
                return redirect("congress:detail", congress.pk)
            return redirect("congress:list")
    return render(request, "congress/form.html", {"form": form, "title": _("建立职代会")})


@backoffice_required
def congress_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    congress = congress_or_404(request, pk)
    seats = (
        Representative.objects.visible_to(request.user)
        .filter(congress=congress, status=Seat.ACTIVE)
        .prefetch_related("member__unit")  # apart: Citus joins a member to a unit on the district too
        .order_by("constituency", "id")
    )
    return render(
        request,
        "congress/detail.html",
        {
            "congress": congress,
            "units": selectors.congress_units(congress).order_by("name")[:200],
            "seats": seats,
            "composition": selectors.composition(congress),
            "sessions": Session.objects.visible_to(request.user).filter(congress=congress)[:20],
            "elections": Election.objects.visible_to(request.user)
            .filter(congress=congress)
            .order_by("-term_no"),
            "referrals": referrals_pending(congress.node),
            "seat_form": forms.SeatForm(user=request.user),
            "session_form": forms.SessionForm(),
            "election_form": forms.TitleForm(),
            "end_form": forms.EndSeatForm(),
        },
    )


@require_POST
@backoffice_required
def seat(request: AuthedRequest, pk: int) -> HttpResponse:
    congress = congress_or_404(request, pk)
    return step(
        request,
        forms.SeatForm(request.POST, user=request.user),
        lambda d: services.representative_seat(
            congress=congress,
            member=d["member"],
            frontline=d["frontline"],
            constituency=d["constituency"],
            elected_on=timezone.localdate(),
            actor=request.user,
            audit=request.audit,
        ),
        "congress:detail",
        congress.pk,
    )


@require_POST
@backoffice_required
def seat_end(request: AuthedRequest, pk: int) -> HttpResponse:
    representative = get_object_or_404(Representative.objects.visible_to(request.user), pk=pk)
    return step(
        request,
        forms.EndSeatForm(request.POST),
        lambda d: services.representative_end(
            representative=representative,
            status=d["status"],
            on=timezone.localdate(),
            actor=request.user,
            audit=request.audit,
        ),
        "congress:detail",
        representative.congress_id,
    )


@require_POST
@backoffice_required
def session_new(request: AuthedRequest, pk: int) -> HttpResponse:
    congress = congress_or_404(request, pk)
    return step(
        request,
        forms.SessionForm(request.POST),
        lambda d: services.session_schedule(
            congress=congress,
            title=d["title"],
            starts_at=d["starts_at"],
            place=d["place"],
            kind=d["kind"],
            actor=request.user,
            audit=request.audit,
        ),
        "congress:detail",
        congress.pk,
    )


@require_POST
@backoffice_required
def election_new(request: AuthedRequest, pk: int) -> HttpResponse:
    congress = congress_or_404(request, pk)
    return step(
        request,
        forms.TitleForm(request.POST),
        lambda d: services.election_create(
            congress=congress, title=d["title"], actor=request.user, audit=request.audit
        ),
        "congress:detail",
        congress.pk,
    )


@backoffice_required
def duties(request: AuthedRequest, pk: int) -> HttpResponse:
    """The year's duty reports and assessments of the congress's representatives."""
    congress = congress_or_404(request, pk)
    year = forms.YearForm(request.GET).year_or_last()
    seats = (
        Representative.objects.visible_to(request.user)
        .filter(congress=congress, elected_on__year__lte=year)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__year__gte=year))
        .select_related("member")
        .order_by("id")
    )
    reports = dict(
        DutyReport.objects.visible_to(request.user)
        .filter(representative__congress=congress, year=year)
        .values_list("representative_id", "reported_on")
    )
    grades = dict(
        Assessment.objects.visible_to(request.user)
        .filter(representative__congress=congress, year=year)
        .values_list("representative_id", "grade")
    )
    rows = [(s, reports.get(s.pk), grades.get(s.pk)) for s in seats]
    passed = sum(1 for _s, _r, g in rows if g in Assessment.PASSING)
    assessed = sum(1 for _s, _r, g in rows if g)
    return render(
        request,
        "congress/duties.html",
        {
            "congress": congress,
            "year": year,
            "rows": rows,
            "grades": Assessment.Grade.choices,
            "rate": round(passed / assessed, 4) if assessed else None,
        },
    )


def _seat(request: AuthedRequest, pk: int) -> Representative:
    return get_object_or_404(Representative.objects.visible_to(request.user), pk=pk)


@require_POST
@backoffice_required
def assess(request: AuthedRequest, pk: int) -> HttpResponse:
    representative = _seat(request, pk)
    return _duty_step(
        request,
        forms.AssessForm(request.POST),
        lambda d: services.assessment_record(
            representative=representative,
            year=d["year"],
            grade=d["grade"],
            actor=request.user,
            audit=request.audit,
        ),
        representative,
    )


@require_POST
@backoffice_required
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    representative = _seat(request, pk)
    return _duty_step(
        request,
        forms.ReportForm(request.POST),
        lambda d: services.duty_report_submit(
            representative=representative,
            year=d["year"],
            summary=d["summary"],
            actor=request.user,
            audit=request.audit,
        ),
        representative,
    )


def _duty_step(
    request: AuthedRequest,
    form: django_forms.Form,
    call: Callable[[dict[str, Any]], object],
    representative: Representative,
) -> HttpResponse:
    """A step on a representative's duties, back on the duties page of the step's year."""
    response = step(request, form, call, "congress:duties", representative.congress_id)
    if form.is_valid():
        response["Location"] += f"?year={form.cleaned_data['year']}"
    return response
