from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

if TYPE_CHECKING:
    from gonghui.accounts.http import AuthedRequest
from gonghui.audit.services import audit_record
from gonghui.lib import search_tokens
from gonghui.lib.access import backoffice_required
from gonghui.lib.masking import mask_text
from gonghui.organizations.models import Node

from ..forms import MemberFilterForm
from ..models import Member, RosterImport
from ..search import search_members
from . import export, storage
from .columns import SYNONYMS
from .forms import ExportForm, UploadForm, mapping_form
from .jobs import roster_import_cancel, roster_import_confirm, roster_import_create, roster_mapping_save
from .reader import RosterFileError
from .template import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unions(request: "AuthedRequest"):
    return Node.objects.visible_to(request.user).filter(kind=Node.Kind.GRASSROOTS)


@backoffice_required
def import_list(request: "AuthedRequest") -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, unions=_unions(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = roster_import_create(
                union=form.cleaned_data["union"],
                filename=upload.name,
                data=upload.read(),
                actor=request.user,
                audit=request.audit,
            )
        except RosterFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("members:import", pk=job.pk)
    jobs = RosterImport.objects.visible_to(request.user).select_related("union").order_by("-created_at")
    page = Paginator(jobs, 20).get_page(request.GET.get("page"))
    return render(request, "members/import_list.html", {"form": form, "page": page})


@backoffice_required
def import_detail(request: "AuthedRequest", pk: int) -> HttpResponse:
    job = get_object_or_404(RosterImport.objects.visible_to(request.user).select_related("union"), pk=pk)
    context = {
        "job": job,
        "running": job.status
        in (RosterImport.Status.QUEUED, RosterImport.Status.VALIDATING, RosterImport.Status.COMMITTING),
    }
    if job.status == RosterImport.Status.READY and job.header:
        context["mapping_form"] = mapping_form(job.header, job.mapping)()
    template = "members/import_progress.html" if request.htmx else "members/import_detail.html"
    return render(request, template, context)


@require_POST
@backoffice_required
def import_action(request: "AuthedRequest", pk: int, action: str) -> HttpResponse:
    job = get_object_or_404(RosterImport.objects.visible_to(request.user), pk=pk)
    try:
        if action == "confirm":
            roster_import_confirm(job=job, actor=request.user, audit=request.audit)
        elif action == "cancel":
            roster_import_cancel(job=job, actor=request.user, audit=request.audit)
            messages.success(request, _("已取消导入，文件已删除。"))
        else:
            form = mapping_form(job.header, job.mapping)(request.POST)
            if form.is_valid():
                columns = {
                    job.header[int(k[4:])]: v
                    for k, v in form.cleaned_data.items()
                    if v in SYNONYMS or v == ""
                }
                roster_mapping_save(job=job, columns=columns, actor=request.user, audit=request.audit)
    except RosterFileError as error:
        messages.error(request, str(error))
    return redirect("members:import", pk=job.pk)


@backoffice_required
def import_errors(request: "AuthedRequest", pk: int) -> HttpResponse:
    job = get_object_or_404(RosterImport.objects.visible_to(request.user), pk=pk)
    try:
        data = storage.load(storage.report_name(job.stored_as))
    except FileNotFoundError:
        raise Http404 from None
    audit_record(actor=request.user, action="roster.errors_download", target=job, audit=request.audit)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.xlsx"'
    return response


@backoffice_required
def import_template(request: "AuthedRequest") -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="roster-template.xlsx"'
    return response


@backoffice_required
def roster_export(request: "AuthedRequest") -> HttpResponseBase:
    """GET: masked export of the current member filter; full numbers need the
    permission and a stated purpose. Audited with the filter and the row count."""
    query, expired = search_tokens.revealed_query(request)
    if expired:
        return HttpResponse(_("搜索已过期，请回到会员列表重新搜索后再导出。"), status=400)
    filters = MemberFilterForm(query or None)
    form = ExportForm(request.GET or None)
    if not (filters.is_valid() and form.is_valid()):
        return render(request, "members/export.html", {"form": form}, status=400 if request.GET else 200)
    full = form.cleaned_data["full"]
    if full and not request.user.has_perm("members.export_full_roster"):
        return HttpResponse(_("您没有导出完整信息的权限。"), status=403)
    members = Member.objects.visible_to(request.user)
    data = filters.cleaned_data
    if data["node"]:
        members = members.within(
            get_object_or_404(Node.objects.visible_to(request.user), pk=data["node"]).path
        )
    members = search_members(members, data["q"])
    if data["status"]:
        members = members.filter(status=data["status"])
    audit_record(
        actor=request.user,
        action="roster.export",
        audit=request.audit,
        detail={
            "filter": {k: mask_text(str(v)) for k, v in query.items() if k != "csrfmiddlewaretoken"},
            "rows": members.count(),
            "full": full,
            "purpose": form.cleaned_data["purpose"][:200],
        },
    )
    name = f"roster-{timezone.localdate():%Y%m%d}"
    if form.cleaned_data["format"] == "csv":
        response: HttpResponseBase = StreamingHttpResponse(
            export.csv_stream(members, full=full), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = FileResponse(
            export.xlsx_file(members, full=full),
            as_attachment=True,
            filename=f"{name}.xlsx",
            content_type=XLSX,
        )
    return response
