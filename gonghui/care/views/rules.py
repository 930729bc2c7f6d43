"""The rules of union money and the year's hardship standard: read by every back-office person
they bind, kept by the district (a rule set at a node binds its whole subtree)."""

from django.contrib import messages
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.roles import Role

from .. import forms, services
from ..errors import CareError
from ..models import MoneyRule, Standard
from .common import act


def refuse(request: AuthedRequest, form: Form, error: CareError) -> None:
    """The district sees the refusal on its form; others, who have no form here, as a message."""
    if request.user.role == Role.DISTRICT_STAFF:
        form.add_error(None, error.messages[0])
    else:
        messages.error(request, error.messages[0])


@backoffice_required
def rule_list(request: AuthedRequest) -> HttpResponse:
    form = forms.RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assert request.user.node is not None  # a back-office account has one
            rule = services.rule_add(
                node=request.user.node, **form.cleaned_data, actor=request.user, audit=request.audit
            )
        except CareError as error:
            refuse(request, form, error)
        else:
            messages.success(request, _("已发布规则“%(name)s”。") % {"name": rule.name})
            return redirect("care:rules")
    rules = MoneyRule.objects.visible_to(request.user).select_related("node").order_by("code", "-valid_from")
    return render(request, "care/rule_list.html", {"rules": rules, "form": form, "end_form": forms.EndForm()})


@require_POST
@backoffice_required
def rule_end(request: AuthedRequest, pk: int) -> HttpResponse:
    # Only the subtree that set a rule may end it; rules set above are read-only here.
    rule = get_object_or_404(MoneyRule.objects.visible_to(request.user).within(request.user.node.path), pk=pk)  # type: ignore[union-attr]
    return act(
        request,
        rule,
        redirect("care:rules"),
        lambda r, data: services.rule_end(rule=r, on=data["on"], actor=request.user, audit=request.audit),
        forms.EndForm(request.POST),
        _("规则已设定失效日期。"),
    )


@backoffice_required
def standard_list(request: AuthedRequest) -> HttpResponse:
    form = forms.StandardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert request.user.node is not None
        try:
            services.standard_set(
                node=request.user.node, **form.cleaned_data, actor=request.user, audit=request.audit
            )
        except CareError as error:
            refuse(request, form, error)
        else:
            messages.success(request, _("已保存年度标准。"))
            return redirect("care:standards")
    standards = Standard.objects.visible_to(request.user).select_related("node")
    return render(request, "care/standard_list.html", {"standards": standards, "form": form})
