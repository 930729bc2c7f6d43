"""The network, joint inspections and 一函两书 pages. Every object is fetched through visible_to():
outside the caller's scope it answers 404, exactly like a missing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.accounts.models import User
from gonghui.lib.access import backoffice_required
from gonghui.lib.figures import Period
from gonghui.lib.steps import show_error
from gonghui.organizations.models import Node, Unit

from .. import forms, selectors, services
from ..models import (
    CHECKLISTS,
    Inspection,
    InspectionKind,
    Letter,
    LetterKind,
    LetterStatus,
    MediationOrg,
    OrgKind,
)
from .common import PAGE_SIZE, handler_required, staff_node

# The network and its figures ---------------------------------------------------------------------


@handler_required
def network(request: AuthedRequest) -> HttpResponse:
    orgs = MediationOrg.objects.visible_to(request.user).select_related("node", "unit")
    kind = request.GET.get("kind", "")
    if kind in OrgKind.values:
        orgs = orgs.filter(kind=kind)
    page = Paginator(orgs.order_by("path", "kind", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    figures = None
    if request.user.is_backoffice:
        year = request.GET.get("year", "")
        figures = selectors.disputes_figures(
            staff_node(request.user),
            Period.year(int(year)) if year.isdigit() and 2000 < int(year) < 2100 else None,
        )
    return render(request, "disputes/network.html", {"page": page, "figures": figures})


# Joint inspections -------------------------------------------------------------------------------


def _streets(user: User) -> QuerySet[Node]:
    return Node.objects.visible_to(user).filter(kind=Node.Kind.STREET)


@backoffice_required
def inspection_list(request: AuthedRequest) -> HttpResponse:
    form = forms.InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        street = _streets(request.user).filter(pk=data["street"]).first()
        if street is None:
            form.add_error("street", _("请选择您范围内的街镇。"))
        else:
            try:
                services.inspection_schedule(
                    kind=data["kind"],
                    date=data["date"],
                    street=street,
                    actor=request.user,
                    audit=request.audit,
                )
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, _("已排期。"))
                return redirect("disputes:inspections")
    inspections = Inspection.objects.visible_to(request.user).select_related("street")
    page = Paginator(inspections.order_by("-date", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "disputes/inspection_list.html",
        {"page": page, "form": form, "streets": _streets(request.user), "kinds": InspectionKind.choices},
    )


@backoffice_required
def inspection_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).select_related("street"), pk=pk
    )
    checklist = CHECKLISTS[InspectionKind(inspection.kind)]
    form = forms.VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.inspection_visit_record(
                inspection=inspection,
                unit=data["unit"],
                checklist={key: request.POST.get(f"check_{key}") == "on" for key, _label in checklist},
                finding=data["finding"],
                open_case=data["open_case"],
                category=data["category"] or "wages",
                actor=request.user,
                audit=request.audit,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("已记录。"))
            return redirect("disputes:inspection", pk=inspection.pk)
    return render(
        request,
        "disputes/inspection_detail.html",
        {
            "inspection": inspection,
            "visits": inspection.visits.select_related("unit", "case"),
            "checklist": checklist,
            "form": form,
        },
    )


# 一函两书 ----------------------------------------------------------------------------------------


@backoffice_required
def letter_list(request: AuthedRequest) -> HttpResponse:
    form = forms.LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        if not Unit.objects.visible_to(request.user).filter(pk=unit.pk).exists():
            form.add_error("unit", _("该单位不在您的范围内。"))
        else:
            letter = services.letter_issue(
                unit=unit,
                issuer=staff_node(request.user),
                subject=form.cleaned_data["subject"],
                actor=request.user,
                audit=request.audit,
            )
            messages.success(request, _("已发出 %(n)s。") % {"n": letter.number})
            return redirect("disputes:letter", pk=letter.pk)
    letters = Letter.objects.visible_to(request.user).select_related("unit", "issuer")
    status = request.GET.get("status", "")
    if status in LetterStatus.values:
        letters = letters.filter(status=status)
    page = Paginator(letters.order_by("-issued_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "disputes/letter_list.html",
        {
            "page": page,
            "form": form,
            "statuses": LetterStatus.choices,
            "status": status,
            "today": timezone.localdate(),
        },
    )


@backoffice_required
def letter_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(
        Letter.objects.visible_to(request.user).select_related("unit", "issuer", "previous"), pk=pk
    )
    return render(
        request,
        "disputes/letter_detail.html",
        {
            "letter": letter,
            "reply_form": forms.LetterReplyForm(),
            "can_escalate": letter.kind < LetterKind.PROPOSAL
            and letter.status in (LetterStatus.ISSUED, LetterStatus.ANSWERED),
            "today": timezone.localdate(),
        },
    )


@require_POST
@backoffice_required
def letter_escalate(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.visible_to(request.user), pk=pk)
    try:
        higher = services.letter_issue(
            unit=letter.unit,
            issuer=staff_node(request.user),
            subject=letter.subject,
            previous=letter,
            actor=request.user,
            audit=request.audit,
        )
    except ValidationError as error:
        show_error(request, error)
        return redirect("disputes:letter", pk=letter.pk)
    return redirect("disputes:letter", pk=higher.pk)


@require_POST
@backoffice_required
def letter_reply(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.visible_to(request.user), pk=pk)
    form = forms.LetterReplyForm(request.POST)
    if form.is_valid():
        try:
            services.letter_reply(letter=letter, actor=request.user, audit=request.audit, **form.cleaned_data)
        except ValidationError as error:
            show_error(request, error)
    else:
        messages.error(request, _("请检查填写的内容。"))
    return redirect("disputes:letter", pk=letter.pk)


@require_POST
@backoffice_required
def letter_follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.visible_to(request.user), pk=pk)
    form = forms.FollowUpForm(request.POST)
    if form.is_valid():
        services.letter_follow_up(
            letter=letter, note=form.cleaned_data["note"], actor=request.user, audit=request.audit
        )
    else:
        messages.error(request, _("请检查填写的内容。"))
    return redirect("disputes:letter", pk=letter.pk)
