"""Back-office pages that publish the culture offer: venues, the service menu, sessions and
funding. Only back-office staff, only inside their own subtree: an object outside it answers
404, and the forms offer only nodes, venues and programmes the staff member may see, so a
posted foreign id is refused as an invalid choice (AZ-4). Every write goes through services."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required

from .. import services
from ..forms import FundingForm, ProgrammeForm, SessionForm, VenueForm
from ..models import Programme, Session, Venue


def _save(form: forms.Form, write: Callable[[dict[str, Any]], Any]) -> Any:
    """Run a service with the form's data; a refusal becomes a message on the form."""
    if not form.is_valid():
        return None
    try:
        with transaction.atomic():  # all or nothing, a new provider included
            return write(form.cleaned_data)
    except services.BookingRefused as refused:
        form.add_error(None, str(refused))
    except ValidationError as invalid:
        for message in invalid.messages:
            form.add_error(None, message)
    return None


def _page(request: AuthedRequest, form: forms.Form, title: str, back: str) -> HttpResponse:
    if request.method == "POST":
        messages.error(request, _("未保存：请按提示更正。"))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "culture/manage_form.html", {"form": form, "title": title, "back": back}, status=status
    )


# --- venues ------------------------------------------------------------------------------


def _venue_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in services.VENUE_FIELDS}


@backoffice_required
def venue_new(request: AuthedRequest) -> HttpResponse:
    form = VenueForm(request.POST or None, user=request.user, initial={"node": request.user.node_id})
    if request.method == "POST":
        venue = _save(
            form,
            lambda d: services.venue_create(
                actor=request.user, node=d["node"], audit=request.audit, **_venue_fields(d)
            ),
        )
        if venue is not None:
            messages.success(request, _("场馆“%(name)s”已创建。") % {"name": venue.name})
            return redirect("culture:venue", pk=venue.pk)
    return _page(request, form, _("新建场馆"), reverse("culture:venues"))


@backoffice_required
def venue_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    venue = get_object_or_404(Venue.objects.visible_to(request.user), pk=pk)
    initial = {name: getattr(venue, name) for name in services.VENUE_FIELDS} | {"node": venue.node_id}
    form = VenueForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        saved = _save(
            form,
            lambda d: services.venue_update(
                venue=venue, actor=request.user, node=d["node"], audit=request.audit, **_venue_fields(d)
            ),
        )
        if saved is not None:
            messages.success(request, _("场馆已保存。"))
            return redirect("culture:venue", pk=venue.pk)
    return _page(
        request, form, _("编辑场馆：%(name)s") % {"name": venue.name}, reverse("culture:venue", args=[pk])
    )


# --- the service menu --------------------------------------------------------------------


@backoffice_required
def programme_list(request: AuthedRequest) -> HttpResponse:
    programmes = (
        Programme.objects.visible_to(request.user).select_related("node", "provider").order_by("title")
    )
    return render(request, "culture/programme_list.html", {"programmes": programmes})


def _programme_fields(request: AuthedRequest, data: dict[str, Any]) -> dict[str, Any]:
    fields = {name: data[name] for name in services.PROGRAMME_FIELDS}
    if data["new_provider"]:
        fields["provider"] = services.provider_create(
            name=data["new_provider"], actor=request.user, audit=request.audit
        )
    return fields


@backoffice_required
def programme_new(request: AuthedRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, user=request.user, initial={"node": request.user.node_id})
    if request.method == "POST":
        programme = _save(
            form,
            lambda d: services.programme_create(
                actor=request.user, node=d["node"], audit=request.audit, **_programme_fields(request, d)
            ),
        )
        if programme is not None:
            messages.success(request, _("服务项目“%(title)s”已创建。") % {"title": programme.title})
            return redirect("culture:programmes")
    return _page(request, form, _("新建服务项目"), reverse("culture:programmes"))


@backoffice_required
def programme_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    initial = {name: getattr(programme, name) for name in services.PROGRAMME_FIELDS} | {
        "node": programme.node_id,
        "provider": programme.provider_id,
    }
    form = ProgrammeForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        saved = _save(
            form,
            lambda d: services.programme_update(
                programme=programme,
                actor=request.user,
                node=d["node"],
                audit=request.audit,
                **_programme_fields(request, d),
            ),
        )
        if saved is not None:
            messages.success(request, _("服务项目已保存。"))
            return redirect("culture:programmes")
    return _page(
        request,
        form,
        _("编辑服务项目：%(title)s") % {"title": programme.title},
        reverse("culture:programmes"),
    )


# --- sessions ----------------------------------------------------------------------------

SESSION_FIELDS = (
    "programme",
    "venue",
    "starts_at",
    "ends_at",
    "capacity",
    "mode",
    "eligibility",
    "street",
    "opens_at",
    "closes_at",
    "cancel_by",
)


def _positive_int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 12 else None


@backoffice_required
def session_new(request: AuthedRequest) -> HttpResponse:
    initial = {
        "venue": _positive_int(request.GET.get("venue")),
        "programme": _positive_int(request.GET.get("programme")),
    }
    form = SessionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        session = _save(
            form,
            lambda d: services.session_create(
                actor=request.user, audit=request.audit, **{k: d[k] for k in SESSION_FIELDS}
            ),
        )
        if session is not None:
            messages.success(request, _("场次已发布。"))
            return redirect("culture:session", pk=session.pk)
    return _page(request, form, _("新建场次"), reverse("culture:sessions"))


@backoffice_required
def session_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.visible_to(request.user), pk=pk)
    initial = {name: getattr(session, name) for name in SESSION_FIELDS}
    form = SessionForm(request.POST or None, user=request.user, keep=session, initial=initial)
    if request.method == "POST":
        saved = _save(form, lambda d: _session_update(request, session, d))
        if saved is not None:
            messages.success(request, _("场次已保存。"))
            return redirect("culture:session", pk=session.pk)
    return _page(request, form, _("编辑场次：%(s)s") % {"s": session}, reverse("culture:session", args=[pk]))


def _session_update(request: AuthedRequest, session: Session, data: dict[str, Any]) -> Session:
    fields = {k: data[k] for k in SESSION_FIELDS}
    for name in ("opens_at", "closes_at", "cancel_by"):  # left empty: keep what it was
        fields[name] = fields[name] or getattr(session, name)
    return services.session_update(session=session, actor=request.user, audit=request.audit, **fields)


# --- funding -----------------------------------------------------------------------------


@backoffice_required
def funding_new(request: AuthedRequest) -> HttpResponse:
    form = FundingForm(
        request.POST or None,
        user=request.user,
        initial={"programme": _positive_int(request.GET.get("programme"))},
    )
    if request.method == "POST":
        funding = _save(
            form,
            lambda d: services.funding_record(
                programme=d["programme"],
                amount=d["amount"],
                paid_on=d["paid_on"],
                kind=d["kind"],
                circle=d["circle"] or None,
                note=d["note"],
                actor=request.user,
                audit=request.audit,
            ),
        )
        if funding is not None:
            messages.success(request, _("已记录经费 %(amount)s 元。") % {"amount": funding.amount})
            return redirect("culture:programmes")
    return _page(request, form, _("记录经费"), reverse("culture:programmes"))
