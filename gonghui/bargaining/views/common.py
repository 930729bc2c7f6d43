"""What the bargaining pages share: running a service step from a form and showing its refusal."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest
from gonghui.lib import steps
from gonghui.organizations.models import Node

from ..errors import BargainingError

PAGE_SIZE = 50


def step(
    request: AuthedRequest,
    form: forms.Form | None,
    action: Callable[[dict[str, Any]], object],
    back: str,
    *args: Any,
    done: str = "",
) -> HttpResponse:
    """Run one service step from a posted form and go back to the page (`gonghui.lib.steps`)."""
    return steps.step(request, form, action, back, *args, refused=BargainingError, done=done)
    try:
        action(form.cleaned_data if form is not None else {})
    except BargainingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done or _("已保存。"))
    return redirect(back, *args)


def node_from(request: AuthedRequest, raw: str | int | None) -> Node:
    """The node a list is asked for (?node=<id>) within the user's scope, or the user's own."""
    pk = int(raw) if raw and str(raw).isdigit() else request.user.node_id
    return get_object_or_404(Node.objects.visible_to(request.user), pk=pk)
