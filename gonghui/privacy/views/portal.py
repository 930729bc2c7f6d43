"""The member's own data pages (PI-6), mobile-first: what we hold and what is kept, the
download, and correction and deletion requests with their answers."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required
from gonghui.members.selectors import own_member

from .. import services
from ..forms import CorrectionForm, DeletionForm
from ..registry import member_sections
from ..selectors import own_requests


def _page(
    request: AuthedRequest, correction: CorrectionForm | None = None, deletion: DeletionForm | None = None
) -> HttpResponse:
    member = own_member(request.user)
    if member is None:
        messages.error(request, _("您还不是工会会员，暂无会员数据。"))
        return redirect("portal:home")
    sections = [(s.title, len(s.rows), s.kept) for s in member_sections(member)]
    return render(
        request,
        "privacy/portal/my_data.html",
        {
            "member": member,
            "held": [s for s in sections if s[1]],
            "kept": [s for s in sections if s[2]],
            "requests": own_requests(request.user),
            "correction": correction or CorrectionForm(),
            "deletion": deletion or DeletionForm(),
            "still_member": member.status not in services.ERASABLE_STATUSES,
        },
    )


@member_required
@never_cache
def my_data(request: AuthedRequest) -> HttpResponse:
    return _page(request)


@member_required
def my_data_download(request: AuthedRequest) -> HttpResponse:
    member = own_member(request.user)
    fmt = request.GET.get("fmt", "")
    if member is None:
        return redirect("portal:home")
    try:
        data = services.personal_data_download(
            member=member, fmt=fmt, actor=request.user, audit=request.audit
        )
    except services.PrivacyError as error:
        messages.error(request, error.messages[0])
        return redirect("privacy:m_home")
    response = HttpResponse(data.body, content_type=data.content_type)
    response["Content-Disposition"] = f'attachment; filename="{data.filename}"'
    return response


@member_required
@require_POST
def my_correction(request: AuthedRequest) -> HttpResponse:
    member = own_member(request.user)
    form = CorrectionForm(request.POST)
    if member is None:
        return redirect("portal:home")
    if form.is_valid():
        try:
            services.correction_request(
                member=member, actor=request.user, audit=request.audit, **form.cleaned_data
            )
        except services.PrivacyError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("更正申请已提交，工会将在答复期限内办理。"))
            return redirect("privacy:m_home")
    return _page(request, correction=form)


@member_required
@require_POST
def my_deletion(request: AuthedRequest) -> HttpResponse:
    member = own_member(request.user)
    form = DeletionForm(request.POST)
    if member is None:
        return redirect("portal:home")
    if form.is_valid():
        try:
            services.deletion_request(
                member=member, note=form.cleaned_data["note"], actor=request.user, audit=request.audit
            )
        except services.PrivacyError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("删除申请已提交，工会将在答复期限内办理。"))
            return redirect("privacy:m_home")
    return _page(request, deletion=form)
