"""What the care pages share: a service's refusal as a message, the lists' node and year filter,
and running one step from a form and returning to the record's page."""

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.scoping import ScopedQuerySet
from gonghui.lib.steps import show_error
from gonghui.organizations.models import Node

from ..forms import FilterForm

PAGE_SIZE = 50


def filtered[Q: ScopedQuerySet](
    request: AuthedRequest,
    records: Q,
    *,
    year_field: str = "",
    kinds: list[str] | None = None,
    statuses: list[str] | None = None,
) -> tuple[Q, dict[str, Any]] | HttpResponse:
    """The list narrowed by ?node= (a node the person sees), ?year=, ?kind= and ?status=; a bad
    value answers 400."""
    form = FilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("筛选条件无效。"))
    data = form.cleaned_data
    node = None
    if data["node"]:
        node = get_object_or_404(Node.objects.visible_to(request.user), pk=data["node"])
        records = records.within(node.path)
    if data["year"] and year_field:
        records = records.filter(**{f"{year_field}__year": data["year"]})
    if kinds is not None and data["kind"] in kinds:
        records = records.filter(kind=data["kind"])
    if statuses is not None and data["status"] in statuses:
        records = records.filter(status=data["status"])
    return records, {"node": node, **data}


def act[T](
    request: AuthedRequest,
    record: T,
    back: HttpResponse,
    action: Callable[[T, dict[str, Any]], object],
    form: django_forms.Form | None = None,
    success: str = "",
) -> HttpResponse:
    """Run one step on a record from its page's (bound) form, and return to the page."""
    if form is not None and not form.is_valid():
        messages.error(request, _("请检查填写的内容。"))
        return back
    try:
        action(record, form.cleaned_data if form else {})
    except ValidationError as error:
        show_error(request, error)
    else:
        messages.success(request, success or _("已保存。"))
    return back


def to(name: str, pk: int) -> HttpResponse:
    return redirect(name, pk=pk)
