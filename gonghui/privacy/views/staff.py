"""The union's queue of members' correction and deletion requests (PI-6), with deadlines."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.masking import mask_id, mask_phone

from .. import services
from ..forms import RefuseForm
from ..models import DataRequest, RequestStatus
from ..selectors import request_queue, requests_visible_to

MASKS = {"id_number": mask_id, "phone": mask_phone, "emergency_phone": mask_phone}


def shown_value(request: DataRequest) -> str:
    """What the member asked for, masked as the record's own field is on staff pages."""
    mask = MASKS.get(request.field)
    return mask(request.value) if mask else request.value


@backoffice_required
@never_cache
def queue(request: AuthedRequest) -> HttpResponse:
    status = request.GET.get("status", RequestStatus.PENDING)
    if status not in RequestStatus.values and status != "":
        status = RequestStatus.PENDING
    rows = list(request_queue(request.user, status=status).order_by("due_on", "id")[:200])
    return render(
        request,
        "privacy/queue.html",
        {
            "rows": rows,
            "status": status,
            "statuses": RequestStatus.choices,
            "overdue": sum(r.overdue for r in rows),
        },
    )


def _detail(request: AuthedRequest, item: DataRequest, refuse: RefuseForm | None = None) -> HttpResponse:
    return render(
        request,
        "privacy/request.html",
        {
            "item": item,
            "value": shown_value(item),
            "refuse": refuse or RefuseForm(),
            "erasable": item.member.status in services.ERASABLE_STATUSES,
        },
    )


@backoffice_required
@never_cache
def request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, get_object_or_404(requests_visible_to(request.user), pk=pk))


@backoffice_required
@require_POST
def request_apply(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(requests_visible_to(request.user), pk=pk)
    try:
        services.request_apply(request=item, actor=request.user, audit=request.audit)
    except services.PrivacyError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("已办理。"))
    return redirect("privacy:request", pk=item.pk)


@backoffice_required
@require_POST
def request_refuse(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(requests_visible_to(request.user), pk=pk)
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            services.request_refuse(
                request=item, reason=form.cleaned_data["reason"], actor=request.user, audit=request.audit
            )
        except services.PrivacyError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("已答复不予办理。"))
            return redirect("privacy:request", pk=item.pk)
    return _detail(request, item, refuse=form)
