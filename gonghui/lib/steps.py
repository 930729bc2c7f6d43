"""How a page runs one service step from a posted form: a bad form or a service's refusal is a
message on the page it goes back to, and nothing the service refused is written."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def show_error(request: HttpRequest, error: ValidationError) -> None:
    """A service's refusal, as a message on the next page."""
    messages.error(request, error.messages[0])


def step(
    request: HttpRequest,
    form: forms.Form | None,
    action: Callable[[dict[str, Any]], object],
    back: str,
    *args: Any,
    refused: type[Exception],
    done: str = "",
) -> HttpResponse:
    """Run `action` on the form's data and go back to the page `back` (with `args`): the form's
    first error, or the `refused` exception's message, is shown there."""
    if form is not None and not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, errors[0] if errors else _("请检查填写的内容。"))
        return redirect(back, *args)
    try:
        action(form.cleaned_data if form is not None else {})
    except refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done or _("已保存。"))
    return redirect(back, *args)
