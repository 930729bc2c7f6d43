"""The member's mobile pages: file a request, follow it, rate the outcome.
A member sees only the cases they filed themselves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required
from gonghui.members.selectors import own_member

from .. import services
from ..forms import PortalCaseForm, RateForm
from ..models import Case, Channel, EventKind

SHOWN_STEPS = [
    EventKind.REGISTERED,
    EventKind.ROUTED,
    EventKind.ACCEPTED,
    EventKind.REFUSED,
    EventKind.ASSIGNED,
    EventKind.CLOSED,
    EventKind.RATED,
]


@member_required
def my_cases(request: AuthedRequest) -> HttpResponse:
    cases = Case.objects.visible_to(request.user).select_related("org").order_by("-received_at")
    return render(request, "disputes/portal/my_cases.html", {"cases": cases})


@member_required
def my_case_new(request: AuthedRequest) -> HttpResponse:
    member = own_member(request.user)
    form = PortalCaseForm(request.POST or None)
    if member is None or member.unit is None:
        messages.error(request, _("您的会员档案中没有工作单位，请到所在街镇工会现场申请调解。"))
        return redirect("disputes:my-cases")
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_register(
                channel=Channel.PORTAL,
                category=form.cleaned_data["category"],
                unit=member.unit,
                narrative=form.cleaned_data["narrative"],
                workers=[services.Worker(name=member.name, phone=member.phone, member=member)],
                applicant=request.user,
                actor=request.user,
                audit=request.audit,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("调解申请已提交，调解组织将尽快与您联系。"))
            return redirect("disputes:my-case", pk=case.pk)
    return render(request, "disputes/portal/my_case_new.html", {"form": form, "unit": member.unit})


@never_cache
@member_required
def my_case(request: AuthedRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).select_related("org"), pk=pk)
    services.case_read(case=case, actor=request.user, audit=request.audit)
    return render(
        request,
        "disputes/portal/my_case.html",
        {
            "case": case,
            "events": case.events.filter(kind__in=SHOWN_STEPS),
            "rate_form": RateForm(),
        },
    )


@require_POST
@member_required
def my_case_rate(request: AuthedRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.case_rate(
                case=case,
                satisfaction=form.cleaned_data["satisfaction"],
                actor=request.user,
                audit=request.audit,
            )
            messages.success(request, _("感谢您的评价。"))
        except ValidationError as error:
            messages.error(request, error.messages[0])
    else:
        messages.error(request, _("请选择满意度。"))
    return redirect("disputes:my-case", pk=case.pk)
