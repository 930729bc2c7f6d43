"""What the congress pages share: the scoped look-ups, running a service step from a form and
showing its refusal."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest
from gonghui.lib import steps
from gonghui.members.models import Member

from ..errors import CongressError
from ..models import Congress, Representative
from ..selectors import seat_of

PAGE_SIZE = 50


def congress_or_404(request: AuthedRequest, pk: int) -> Congress:
    return get_object_or_404(Congress.objects.visible_to(request.user).select_related("node"), pk=pk)


def member_of(request: AuthedRequest) -> Member:
    member = request.user.member
    if member is None:
        raise Http404
    return member


def seat_or_404(request: AuthedRequest, congress_id: int) -> Representative:
    """The signed-in member's own seat in the congress; none answers as missing."""
    seat = seat_of(member_of(request), congress_id)
    if seat is None:
        raise Http404
    return seat


def step(
    request: AuthedRequest,
    form: forms.Form | None,
    action: Callable[[dict[str, Any]], object],
    back: str,
    *args: Any,
    done: str = "",
) -> HttpResponse:
    """Run one service step from a posted form and go back to the page (`gonghui.lib.steps`)."""
    return steps.step(request, form, action, back, *args, refused=CongressError, done=done)
    try:
        action(form.cleaned_data if form is not None else {})
    except CongressError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done or _("已保存。"))
    return redirect(back, *args)
