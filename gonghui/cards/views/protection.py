"""普惠 plan years: premiums per holder, the yearly enrolment, the insurer's list."""

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required

from .. import exports, selectors, services, tasks
from ..forms import PlanYearForm
from ..models import Enrolment, Payout, PlanYear
from .common import district_required


@backoffice_required
def plan_years(request: AuthedRequest) -> HttpResponse:
    """The premium ledger per year, for the caller's subtree."""
    enrolments = Enrolment.objects.visible_to(request.user)
    ledger = {
        row["plan_year"]: row
        for row in enrolments.values("plan_year")
        .annotate(n=Count("id"), district=Sum("district_premium"), city=Sum("city_premium"))
        .order_by()
    }
    plans = list(PlanYear.objects.order_by("-year"))
    for plan in plans:
        plan.ledger = ledger.get(plan.pk, {"n": 0, "district": 0, "city": 0})  # type: ignore[attr-defined]
    payouts = Payout.objects.visible_to(request.user)
    return render(
        request,
        "cards/plan_years.html",
        {
            "plans": plans,
            "form": PlanYearForm(),
            "claims_by_year": selectors.claims_by_year(payouts),
            "claims_total": selectors.claims_totals(payouts),
        },
    )


@require_POST
@district_required
def plan_year_save(request: AuthedRequest) -> HttpResponse:
    form = PlanYearForm(request.POST)
    if form.is_valid():
        try:
            services.plan_year_save(actor=request.user, audit=request.audit, **form.cleaned_data)
            messages.success(request, _("保障年度已保存。"))
        except services.CardsError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("请检查年度和保费。"))
    return redirect("cards:plans")


@require_POST
@district_required
def plan_year_enrol(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(PlanYear, pk=pk)
    tasks.enrol_plan_year.enqueue(plan_id=plan.pk, actor_id=request.user.pk)
    messages.success(
        request, _("已安排参保任务：所有持有正常服务卡的会员将被纳入%(year)s年度。") % {"year": plan.year}
    )
    return redirect("cards:plans")


@backoffice_required
def enrolment_export(request: AuthedRequest, pk: int) -> StreamingHttpResponse:
    """The insurer's list for the caller's subtree, streamed; masked, formula-safe, audited."""
    plan = get_object_or_404(PlanYear, pk=pk)
    enrolments = Enrolment.objects.visible_to(request.user).filter(plan_year=plan)
    rows = enrolments.count()
    services.enrolment_export_audit(
        plan=plan,
        rows=rows,
        scope=getattr(request.user, "scope_path", None) or "",
        actor=request.user,
        audit=request.audit,
    )
    values = exports.enrolment_values(enrolments.order_by("id"), plan.year)
    response = StreamingHttpResponse(
        exports.csv_lines(exports.enrolment_rows(values), exports.HEADER),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="enrolment-{plan.year}.csv"'
    return response
