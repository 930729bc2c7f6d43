"""Online contests for the back office: the list, a new contest, the entries with their review,
and an entry's image (through this scoped view only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.steps import show_error

from .. import images, services
from ..forms import ContestForm, ReviewForm
from ..models import Contest, Entry, EntryStatus
from .common import narrow, page_of, staff_node


def image_response(entry: Entry) -> HttpResponse:
    try:
        data = images.load(entry.image)
    except FileNotFoundError:
        return HttpResponse(status=404)
    response = HttpResponse(data, content_type=entry.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Content-Disposition"] = (
        f'inline; filename="entry-{entry.pk}.{entry.content_type.split("/")[1]}"'
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@backoffice_required
def contest_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, Contest.objects.visible_to(request.user))
    qs = qs.annotate(
        n_entries=Count("entries", distinct=True),
        n_pending=Count("entries", filter=Q(entries__status=EntryStatus.SUBMITTED), distinct=True),
    ).order_by("-vote_closes_at", "-id")
    return render(request, "federation/contest_list.html", {"page": page_of(request, qs), "node": node})


@backoffice_required
def contest_new(request: AuthedRequest) -> HttpResponse:
    form = ContestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(
                node=staff_node(request), actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            return redirect("federation:contest", pk=contest.pk)
    return render(request, "federation/form.html", {"form": form, "title": _("新建网上竞赛")})


@backoffice_required
def contest_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    contest = get_object_or_404(Contest.objects.visible_to(request.user), pk=pk)
    entries = contest.entries.select_related("member").order_by("status", "-votes", "id")
    return render(
        request,
        "federation/contest_detail.html",
        {"contest": contest, "entries": entries, "review_form": ReviewForm()},
    )


@require_POST
@backoffice_required
def entry_review(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.visible_to(request.user), pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择审核结果。"))
    else:
        try:
            services.entry_review(entry=entry, actor=request.user, audit=request.audit, **form.cleaned_data)
        except ValidationError as error:
            show_error(request, error)
    return redirect("federation:contest", pk=entry.contest_id)


@backoffice_required
def entry_image(request: AuthedRequest, pk: int) -> HttpResponse:
    return image_response(get_object_or_404(Entry.objects.visible_to(request.user), pk=pk))
