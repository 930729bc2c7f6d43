from typing import Any

from django.http import HttpResponse
from django.tasks.backends.immediate import ImmediateBackend
from django.template.loader import render_to_string

from gonghui.accounts.http import AppRequest

from ..store import Table
from ..tasks import refresh_figures


class ThenRefresh(HttpResponse):
    """A page some of whose figures are still to be computed: the refresh task is queued once the
    page is sent, and the page polls until its figures are there. A queue that runs tasks in
    this process (tests, a first run without a worker) is left alone: it would compute them in
    the thread the browser fetches the page's scripts from; the polls compute them instead, a
    few seconds each."""

    def close(self) -> None:
        super().close()
        if not isinstance(refresh_figures.get_backend(), ImmediateBackend):
            refresh_figures.enqueue()


def page(
    request: AppRequest, template: str, context: dict[str, Any], table: Table, status: int = 200
) -> HttpResponse:
    response_class = ThenRefresh if table.queued else HttpResponse
    return response_class(render_to_string(template, context, request=request), status=status)
