"""The staff page that starts a review or a yearbook export as a task, follows its progress
(htmx polling) and offers its files: district and street staff, each for their own subtree.
The files are served only here, as attachments, to whoever may see the job's node (FX-1)."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from gonghui.accounts.http import AuthedRequest
from gonghui.audit.services import audit_record
from gonghui.lib.access import role_required
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from .errors import ReviewError
from .files import REVIEW_PDF, REVIEW_XLSX, YEARBOOK_XLSX, folder_of
from .forms import ReviewForm
from .models import ReviewJob
from .services import review_job_start

reviewers = role_required(Role.DISTRICT_STAFF, Role.STREET_CADRE)
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _jobs(request: AuthedRequest) -> QuerySet[ReviewJob]:
    return ReviewJob.objects.visible_to(request.user).select_related("node")


@reviewers
def review_page(request: AuthedRequest) -> HttpResponse:
    nodes = Node.objects.visible_to(request.user).exclude(kind=Node.Kind.GRASSROOTS)
    form = ReviewForm(request.POST or None, nodes=nodes)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                job = review_job_start(
                    node=data["node"],
                    kind=request.POST.get("kind", ReviewJob.Kind.REVIEW),
                    first_year=data["first_year"],
                    last_year=data["last_year"],
                    actor=request.user,
                    audit=request.audit,
                )
            except ReviewError as error:
                form.add_error(None, str(error))
            else:
                return redirect("results:review_job", pk=job.pk)
        status = 400
    page = Paginator(_jobs(request).order_by("-created_at", "-pk"), 20).get_page(request.GET.get("page"))
    return render(request, "review/page.html", {"form": form, "page": page}, status=status)


@reviewers
@require_GET
def review_job(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(_jobs(request), pk=pk)
    template = "review/job_progress.html" if request.htmx else "review/job.html"
    return render(request, template, {"job": job})


def _download(request: AuthedRequest, pk: int, *, pdf: bool) -> FileResponse:
    job = get_object_or_404(_jobs(request), pk=pk, status=ReviewJob.Status.DONE)
    if job.kind == ReviewJob.Kind.YEARBOOK:
        if pdf:
            raise Http404
        name, label = YEARBOOK_XLSX, "年鉴统计表"
    else:
        name, label = (REVIEW_PDF, "工作回顾") if pdf else (REVIEW_XLSX, "工作回顾")
    try:
        handle = (folder_of(job.stored_as) / name).open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit_record(
        actor=request.user,
        action="results.review.download",
        target=job,
        audit=request.audit,
        detail={"file": name},
    )
    years = f"{job.first_year}" if job.first_year == job.last_year else f"{job.first_year}-{job.last_year}"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{job.node.name}-{years}-{label}{name[name.rindex('.') :]}",
        content_type=PDF if pdf else XLSX,
    )
    return response


@reviewers
@require_GET
def review_pdf(request: AuthedRequest, pk: int) -> FileResponse:
    return _download(request, pk, pdf=True)


@reviewers
@require_GET
def review_xlsx(request: AuthedRequest, pk: int) -> FileResponse:
    return _download(request, pk, pdf=False)
