"""Model unions: assessments (assigned by the district, scored by the third-party assessor, who
sees only the unions assigned to them, confirmed by the district), titles and the top ten,
and the union chairs' allowances."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.accounts.models import User
from gonghui.lib.access import backoffice_required, role_required
from gonghui.lib.params import query_year
from gonghui.lib.roles import Role
from gonghui.lib.steps import show_error
from gonghui.organizations.models import Node

from .. import services
from ..forms import AllowanceForm, AssignForm, ConfirmForm, EndForm
from ..models import Assessment, AssessmentStatus, ChairAllowance, ModelTitle, StandardItem
from .common import narrow, nodes_of, number, page_of

assessment_required = role_required(Role.ASSESSOR, backoffice=True)


@assessment_required
def assessment_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, Assessment.objects.visible_to(request.user))
    form = None
    if request.user.is_backoffice:
        form = AssignForm(
            request.POST or None,
            initial={"year": timezone.localdate().year},
            unions=nodes_of(request, Node.Kind.GRASSROOTS),
            assessors=User.objects.filter(role=Role.ASSESSOR, is_active=True),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.assessment_assign(actor=request.user, audit=request.audit, **form.cleaned_data)
                messages.success(request, _("已安排评估。"))
                return redirect("federation:assessments")
            except ValidationError as error:
                form.add_error(None, error.messages[0])
    if year := query_year(request, "year"):
        qs = qs.filter(year=year)
    qs = qs.select_related("union", "assessor").order_by("-year", "status", "union__name")
    return render(
        request, "federation/assessment_list.html", {"page": page_of(request, qs), "node": node, "form": form}
    )


@assessment_required
def assessment_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The assessor scores each item with evidence here; the district reads and confirms."""
    assessment = get_object_or_404(
        Assessment.objects.visible_to(request.user).select_related("union", "assessor"), pk=pk
    )
    items = list(StandardItem.objects.all())
    scores = {s.item_id: s for s in assessment.scores.all()}
    error = ""
    if request.method == "POST" and request.user.pk == assessment.assessor_id:
        given = [
            services.ItemScore(
                item=item.pk,
                score=number(request.POST.get(f"score_{item.pk}", "").strip()),
                evidence=request.POST.get(f"evidence_{item.pk}", "")[:300],
            )
            for item in items
        ]
        missing = [
            item.code for item in items if not request.POST.get(f"score_{item.pk}", "").strip().isdigit()
        ]
        try:
            if missing:
                raise services.FederationError(
                    _("请为 %(c)s 评分。") % {"c": "、".join(missing)}, "incomplete"
                )
            services.assessment_score(
                assessment=assessment, scores=given, actor=request.user, audit=request.audit
            )
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("已提交评分。"))
            return redirect("federation:assessment", pk=pk)
    rows = [
        (
            item,
            request.POST.get(f"score_{item.pk}", scores[item.pk].score if item.pk in scores else ""),
            request.POST.get(f"evidence_{item.pk}", scores[item.pk].evidence if item.pk in scores else ""),
        )
        for item in items
    ]
    return render(
        request,
        "federation/assessment_detail.html",
        {
            "a": assessment,
            "rows": rows,
            "error": error,
            "confirm_form": ConfirmForm(),
            "may_score": request.user.pk == assessment.assessor_id
            and assessment.status != AssessmentStatus.CONFIRMED,
        },
        status=400 if error else 200,
    )


@require_POST
@backoffice_required
def assessment_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.visible_to(request.user), pk=pk)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.assessment_confirm(
            assessment=assessment,
            title=form.cleaned_data.get("title", False),
            top_ten=form.cleaned_data.get("top_ten", False),
            actor=request.user,
            audit=request.audit,
        )
        messages.success(request, _("已确认评估结果。"))
    except ValidationError as error:
        show_error(request, error)
    return redirect("federation:assessment", pk=pk)


@backoffice_required
def title_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, ModelTitle.objects.visible_to(request.user))
    year = query_year(request, "year")
    if year:
        qs = qs.filter(year=year)
    if request.GET.get("top_ten") == "1":
        qs = qs.filter(top_ten=True)
    years = sorted(
        set(ModelTitle.objects.visible_to(request.user).values_list("year", flat=True)), reverse=True
    )
    qs = qs.select_related("union").order_by("-year", "-top_ten", "union__name")
    return render(
        request,
        "federation/title_list.html",
        {"page": page_of(request, qs), "node": node, "years": years, "year": year},
    )


@backoffice_required
def allowance_list(request: AuthedRequest) -> HttpResponse:
    qs, node = narrow(request, ChairAllowance.objects.visible_to(request.user))
    form = AllowanceForm(request.POST or None, unions=nodes_of(request, Node.Kind.GRASSROOTS))
    if request.method == "POST" and form.is_valid():
        try:
            services.allowance_grant(actor=request.user, audit=request.audit, **form.cleaned_data)
            messages.success(request, _("已发放津贴。"))
            return redirect("federation:allowances")
        except ValidationError as error:
            form.add_error(None, error.messages[0])
    if request.GET.get("running") == "1":
        qs = qs.filter(ends_on__isnull=True)
    qs = qs.select_related("union").order_by(F("ends_on").desc(nulls_first=True), "-starts_on", "id")
    return render(
        request,
        "federation/allowance_list.html",
        {
            "page": page_of(request, qs),
            "node": node,
            "form": form,
            "end_form": EndForm(initial={"ends_on": timezone.localdate()}),
        },
    )


@require_POST
@backoffice_required
def allowance_end(request: AuthedRequest, pk: int) -> HttpResponse:
    allowance = get_object_or_404(ChairAllowance.objects.visible_to(request.user), pk=pk)
    form = EndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写终止日期和原因。"))
        return redirect("federation:allowances")
    try:
        services.allowance_end(
            allowance=allowance, actor=request.user, audit=request.audit, **form.cleaned_data
        )
        messages.success(request, _("已终止津贴。"))
    except ValidationError as error:
        show_error(request, error)
    return redirect("federation:allowances")
