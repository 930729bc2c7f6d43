"""The case pages of the back office and the mediators: the list, registration, a case file
and its steps, legal aid and documents. Every object is fetched through visible_to():
outside the caller's scope it answers 404, exactly like a missing one."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.steps import show_error

from .. import forms, selectors, services, storage
from ..models import (
    Case,
    CaseDocument,
    CaseStatus,
    Channel,
    Lawyer,
    LegalAidApplication,
    Mediator,
)
from .common import PAGE_SIZE, handler_required

type CaseAction = Callable[[Case, dict[str, Any]], object]


def _case(request: AuthedRequest, pk: int) -> Case:
    return get_object_or_404(Case.objects.visible_to(request.user).select_related("org", "unit"), pk=pk)


@handler_required
def case_list(request: AuthedRequest) -> HttpResponse:
    cases = Case.objects.visible_to(request.user).select_related("org", "unit", "mediator__user")
    status = request.GET.get("status", "")
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    channel = request.GET.get("channel", "")
    if channel in Channel.values:
        cases = cases.filter(channel=channel)
    if hotline := request.GET.get("hotline", "").strip()[:30]:
        cases = cases.filter(hotline_order_no=hotline)
    if request.GET.get("overdue") == "on":
        cases = cases.filter(status=CaseStatus.ACCEPTED, due_on__lt=timezone.localdate())
    page = Paginator(cases.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "disputes/case_list.html",
        {
            "page": page,
            "status": status,
            "channel": channel,
            "statuses": CaseStatus.choices,
            "channels": Channel.choices,
            "today": timezone.localdate(),
        },
    )


@handler_required
def case_new(request: AuthedRequest) -> HttpResponse:
    # Another module may open the form filled in (a 12351 order handed to mediation).
    initial = {k: v[:200] for k, v in request.GET.items() if k in forms.CaseRegisterForm.base_fields}
    form = forms.CaseRegisterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_register(
                channel=data["channel"],
                category=data["category"],
                unit=data["unit"],
                narrative=data["narrative"],
                workers=data["workers"],
                hotline_order_no=data["hotline_order_no"],
                hotline_deadline=data["hotline_deadline"],
                court_case_no=data["court_case_no"],
                court_deadline=data["court_deadline"],
                actor=request.user,
                audit=request.audit,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request, _("已登记案件 %(n)s，分流至 %(org)s。") % {"n": case.number, "org": case.org.name}
            )
            if Case.objects.visible_to(request.user).filter(pk=case.pk).exists():
                return redirect("disputes:case", pk=case.pk)
            return redirect("disputes:cases")
    return render(request, "disputes/case_new.html", {"form": form})


@never_cache
@handler_required
def case_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    services.case_read(case=case, actor=request.user, audit=request.audit)
    return render(
        request,
        "disputes/case_detail.html",
        {
            "case": case,
            "parties": case.parties.all(),
            "events": case.events.select_related("actor__member", "actor__node"),
            "documents": case.documents.all(),
            "mediators": Mediator.unscoped.filter(org=case.org, active=True).select_related("user"),
            "aid": case.aid_applications.select_related("lawyer").order_by("-applied_at"),
            "lawyers": selectors.lawyers_for(case),
            "close_form": forms.CloseForm(),
            "upload_form": forms.UploadForm(),
            "today": timezone.localdate(),
        },
    )


def _act(
    request: AuthedRequest, pk: int, form_class: type[django_forms.Form] | None, action: CaseAction
) -> HttpResponse:
    """Run one step on a case from its page's form, and return to the case."""
    case = _case(request, pk)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, _("请检查填写的内容。"))
        return redirect("disputes:case", pk=case.pk)
    try:
        action(case, form.cleaned_data if form else {})
    except ValidationError as error:
        show_error(request, error)
    else:
        messages.success(request, _("已保存。"))
    return redirect("disputes:case", pk=case.pk)


@require_POST
@handler_required
def case_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, None, lambda c, d: services.case_accept(case=c, actor=request.user, audit=request.audit)
    )


@require_POST
@handler_required
def case_refuse(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        forms.ReasonForm,
        lambda c, d: services.case_refuse(
            case=c, reason=d["reason"], actor=request.user, audit=request.audit
        ),
    )


@require_POST
@handler_required
def case_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    def assign(case: Case, data: dict[str, Any]) -> None:
        mediator = Mediator.unscoped.filter(pk=data["mediator"], org=case.org).first()
        if mediator is None:
            raise services.DisputeError(_("只能指派本调解组织在任的调解员。"))
        services.case_assign(case=case, mediator=mediator, actor=request.user, audit=request.audit)

    return _act(request, pk, forms.AssignForm, assign)


@require_POST
@handler_required
def case_note(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        forms.NoteForm,
        lambda c, d: services.case_note(case=c, note=d["note"], actor=request.user, audit=request.audit),
    )


@require_POST
@handler_required
def case_close(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        forms.CloseForm,
        lambda c, d: services.case_close(
            case=c,
            outcome=d["outcome"],
            amount=d["amount"] or Decimal("0"),
            guidance=d["guidance"],
            terms=d["terms"],
            actor=request.user,
            audit=request.audit,
        ),
    )


@require_POST
@handler_required
def case_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    def upload(case: Case, data: dict[str, Any]) -> None:
        file = data["file"]
        if file.size > storage.MAX_BYTES:
            raise storage.UploadRefused(_("文件过大。"))
        services.document_upload(
            case=case, filename=file.name, data=file.read(), actor=request.user, audit=request.audit
        )

    return _act(request, pk, forms.UploadForm, upload)


@require_POST
@handler_required
def case_aid_apply(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        forms.AidApplyForm,
        lambda c, d: services.legal_aid_apply(case=c, actor=request.user, audit=request.audit, **d),
    )


@require_POST
@handler_required
def aid_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(LegalAidApplication.objects.visible_to(request.user), pk=pk)
    form = forms.AidDecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请检查填写的内容。"))
        return redirect("disputes:case", pk=application.case_id)
    data = form.cleaned_data
    lawyer = Lawyer.unscoped.filter(pk=data["lawyer"]).first() if data["lawyer"] else None
    try:
        services.legal_aid_decide(
            application=application,
            grant=data["grant"],
            lawyer=lawyer,
            reason=data["reason"],
            actor=request.user,
            audit=request.audit,
        )
    except ValidationError as error:
        show_error(request, error)
    return redirect("disputes:case", pk=application.case_id)


@never_cache
@handler_required
def case_agreement(request: AuthedRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if not case.agreement_text:
        raise Http404
    services.case_read(case=case, actor=request.user, audit=request.audit)
    return render(request, "disputes/agreement.html", {"case": case})


@never_cache
@handler_required
def document_download(request: AuthedRequest, pk: int) -> HttpResponse:
    visible = Case.objects.visible_to(request.user).values("pk")
    document = get_object_or_404(CaseDocument.objects.filter(case__in=visible), pk=pk)
    try:
        data = services.document_open(document=document, actor=request.user, audit=request.audit)
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(document.filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
