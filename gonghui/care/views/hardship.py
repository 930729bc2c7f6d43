"""Hardship files in the back office: the list, opening a file, the file (every read audited),
its documents, the street's review, the district's approval, the yearly review and closing."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.members.models import Member

from .. import forms, services
from ..errors import CareError
from ..models import AidGrant, FamilyFile, FileDocument, FileStatus, Payout
from .common import PAGE_SIZE, act, filtered, to


def _file(request: AuthedRequest, pk: int) -> FamilyFile:
    return get_object_or_404(
        # The member and their employer in queries of their own: on Citus a local table's row
        # joined to the members, and a member to a unit on ids alone, are refused.
        FamilyFile.objects.visible_to(request.user)
        .select_related("standard")
        .prefetch_related("member__unit"),
        pk=pk,
    )


@backoffice_required
def file_list(request: AuthedRequest) -> HttpResponse:
    result = filtered(
        request,
        FamilyFile.objects.visible_to(request.user),
        year_field="opened_on",
        statuses=FileStatus.values,
    )
    if isinstance(result, HttpResponse):
        return result
    files, chosen = result
    if request.GET.get("due") == "on":  # open files without this year's review
        year = timezone.localdate().year
        files = files.filter(status=FileStatus.OPEN, opened_on__year__lt=year).exclude(reviews__year=year)
    files = files.select_related("member").defer("monthly_income", "situation", "bank_account")
    page = Paginator(files.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "care/file_list.html", {"page": page, "chosen": chosen, "statuses": FileStatus.choices}
    )


@backoffice_required
def file_new(request: AuthedRequest) -> HttpResponse:
    form = forms.FileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = (
            Member.objects.visible_to(request.user)
            .filter(member_no=data["member_no"].strip().upper())
            .first()
        )
        if member is None:
            form.add_error("member_no", _("在您的范围内没有这个会员编号。"))
        else:
            causes = [(c, data["illness"] if c == "illness" else "") for c in data["causes"]]
            try:
                file = services.file_open(
                    member=member,
                    household_size=data["household_size"],
                    monthly_income=data["monthly_income"],
                    situation=data["situation"],
                    causes=causes,
                    bank_account=data["bank_account"],
                    actor=request.user,
                    audit=request.audit,
                )
            except CareError as error:
                form.add_error(None, error.messages[0])
            else:
                return redirect("care:file", pk=file.pk)
    return render(request, "care/form.html", {"form": form, "title": _("困难职工建档"), "back": "care:files"})


@never_cache
@backoffice_required
def file_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    file = _file(request, pk)
    services.file_read(file=file, actor=request.user, audit=request.audit)
    grants = (
        AidGrant.objects.visible_to(request.user).filter(file=file).select_related("cause").order_by("-id")
    )
    return render(
        request,
        "care/file_detail.html",
        {
            "file": file,
            "causes": file.causes.all(),
            "documents": FileDocument.objects.visible_to(request.user).filter(file=file),
            "reviews": file.reviews.select_related("reviewed_by"),
            "grants": grants,
            "payouts": Payout.objects.visible_to(request.user).filter(grant__file=file).order_by("-paid_at"),
            "upload_form": forms.UploadForm(),
            "yearly_form": forms.YearlyForm(initial={"household_size": file.household_size}),
            "grant_form": forms.GrantForm(),
            "year": timezone.localdate().year,
        },
    )


@require_POST
@backoffice_required
def file_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    return act(
        request,
        _file(request, pk),
        to("care:file", pk),
        lambda f, data: services.document_upload(
            file=f,
            kind=data["kind"],
            filename=data["file"].name,
            data=data["file"].read(),
            actor=request.user,
            audit=request.audit,
        ),
        forms.UploadForm(request.POST, request.FILES),
        _("材料已上传。"),
    )


@require_POST
@backoffice_required
def file_review(request: AuthedRequest, pk: int) -> HttpResponse:
    return act(
        request,
        _file(request, pk),
        to("care:file", pk),
        lambda f, data: services.file_review(
            file=f,
            passed=data["decision"] == "yes",
            note=data["note"],
            actor=request.user,
            audit=request.audit,
        ),
        forms.DecisionForm(request.POST),
    )


@require_POST
@backoffice_required
def file_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    return act(
        request,
        _file(request, pk),
        to("care:file", pk),
        lambda f, data: services.file_approve(
            file=f,
            approve=data["decision"] == "yes",
            note=data["note"],
            actor=request.user,
            audit=request.audit,
        ),
        forms.DecisionForm(request.POST),
    )


@require_POST
@backoffice_required
def file_yearly(request: AuthedRequest, pk: int) -> HttpResponse:
    return act(
        request,
        _file(request, pk),
        to("care:file", pk),
        lambda f, data: services.file_yearly_review(file=f, actor=request.user, audit=request.audit, **data),
        forms.YearlyForm(request.POST),
        _("年审已记录。"),
    )


@require_POST
@backoffice_required
def file_close(request: AuthedRequest, pk: int) -> HttpResponse:
    return act(
        request,
        _file(request, pk),
        to("care:file", pk),
        lambda f, data: services.file_close(
            file=f, reason=data["reason"], actor=request.user, audit=request.audit
        ),
        forms.ReasonForm(request.POST),
        _("已销档。"),
    )


@never_cache
@backoffice_required
def document_download(request: AuthedRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(FileDocument.objects.visible_to(request.user), pk=pk)
    data = services.document_open(document=document, actor=request.user, audit=request.audit)
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(document.filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
