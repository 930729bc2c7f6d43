"""Founding applications (routed to the street or park union, answered by a deadline, the
founding recorded through the spine) and the collective joining drives."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.steps import show_error
from gonghui.organizations.models import Node

from .. import services
from ..forms import DriveForm, FoundedForm, FoundingForm, JoiningForm, ReasonForm
from ..models import OPEN_FOUNDING, FoundingApplication, FoundingStatus, JoiningDrive
from .common import narrow, nodes_of, page_of, staff_node, units_of


def _application(request: AuthedRequest, pk: int) -> FoundingApplication:
    return get_object_or_404(
        FoundingApplication.objects.visible_to(request.user).select_related("unit", "routed_to", "union"),
        pk=pk,
    )


@backoffice_required
def founding_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, FoundingApplication.objects.visible_to(request.user))
    status = request.GET.get("status", "")
    if status in FoundingStatus.values:
        qs = qs.filter(status=status)
    qs = qs.select_related("unit", "routed_to").order_by("-submitted_on", "-id")
    return render(
        request,
        "federation/founding_list.html",
        {
            "page": page_of(request, qs),
            "node": node,
            "status": status,
            "statuses": FoundingStatus.choices,
            "today": timezone.localdate(),
            "open": OPEN_FOUNDING,
        },
    )


@backoffice_required
def founding_new(request: AuthedRequest) -> HttpResponse:
    form = FoundingForm(
        request.POST or None,
        units=units_of(request).filter(union__isnull=True),
        parks=nodes_of(request, Node.Kind.PARK),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.founding_submit(
                unit=data["unit"],
                applicant_kind=data["applicant_kind"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                workers=data["workers"],
                park=data["park"],
                actor=request.user,
                audit=request.audit,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request, _("已登记建会申请，转 %(n)s 办理。") % {"n": application.routed_to.name}
            )
            return redirect("federation:founding", pk=application.pk)
    return render(request, "federation/form.html", {"form": form, "title": _("登记建会申请")})


@backoffice_required
def founding_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    default = {"union_name": f"{application.unit.name}工会", "founded_on": timezone.localdate()}
    return render(
        request,
        "federation/founding_detail.html",
        {
            "a": application,
            "reject_form": ReasonForm(),
            "found_form": FoundedForm(initial=default),
            "today": timezone.localdate(),
        },
    )


@require_POST
@backoffice_required
def founding_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    try:
        services.founding_accept(application=application, actor=request.user, audit=request.audit)
        messages.success(request, _("已受理，进入筹建。"))
    except ValidationError as error:
        show_error(request, error)
    return redirect("federation:founding", pk=pk)


@require_POST
@backoffice_required
def founding_reject(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写理由。"))
        return redirect("federation:founding", pk=pk)
    try:
        services.founding_reject(
            application=application,
            reason=form.cleaned_data["reason"],
            actor=request.user,
            audit=request.audit,
        )
    except ValidationError as error:
        show_error(request, error)
    return redirect("federation:founding", pk=pk)


@backoffice_required
def founding_record(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = FoundedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.founding_record(
                application=application, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("已建会：单位已纳入覆盖。"))
            return redirect("federation:founding", pk=pk)
    return render(
        request,
        "federation/form.html",
        {"form": form, "title": _("记录建会：%(u)s") % {"u": application.unit.name}},
        status=400 if request.method == "POST" else 200,
    )


@backoffice_required
def drive_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, JoiningDrive.objects.visible_to(request.user))
    form = DriveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            drive = services.drive_create(
                node=staff_node(request), actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            return redirect("federation:drive", pk=drive.pk)
    drives = qs.order_by("-starts_on", "-id")
    return render(
        request, "federation/drive_list.html", {"page": page_of(request, drives), "node": node, "form": form}
    )


@backoffice_required
def drive_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    drive = get_object_or_404(JoiningDrive.objects.visible_to(request.user), pk=pk)
    form = JoiningForm(request.POST or None, units=units_of(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.drive_joining_record(
                drive=drive, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("已记录入会批次。"))
            return redirect("federation:drive", pk=pk)
    joinings = drive.joinings.select_related("unit").order_by("-held_on", "-id")
    total = sum(j.joined for j in joinings)
    return render(
        request,
        "federation/drive_detail.html",
        {"drive": drive, "joinings": joinings, "total": total, "form": form},
    )
