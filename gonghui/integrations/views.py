"""District staff make and revoke API tokens. A new token's secret is shown on the answer to the
POST that made it, once: it is stored only as a digest and no page shows it again."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import role_required
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from . import services
from .forms import TokenForm
from .models import ApiToken

district_staff_required = role_required(Role.DISTRICT_STAFF)
NODE_DEPTH = 2  # tokens are made for the district and its streets


@never_cache
@district_staff_required
def token_list(request: AuthedRequest) -> HttpResponse:
    nodes = Node.objects.visible_to(request.user).filter(depth__lte=NODE_DEPTH).order_by("path")
    form = TokenForm(request.POST or None, nodes=nodes)
    secret = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _token, secret = services.token_create(
                name=data["name"],
                kind=data["kind"],
                node=data["node"],
                permissions=data["permissions"],
                days=data["days"],
                rate_per_minute=data["rate_per_minute"],
                actor=request.user,
                audit=request.audit,
            )
        except services.IntegrationsError as error:
            form.add_error(None, str(error))
        else:
            form = TokenForm(nodes=nodes)
    tokens = ApiToken.objects.visible_to(request.user).select_related("node", "actor").order_by("-created_at")
    # never_cache: the answer that shows a secret says no-store, so no cache keeps it.
    return render(request, "integrations/token_list.html", {"tokens": tokens, "form": form, "secret": secret})


@require_POST
@district_staff_required
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
    services.token_revoke(token=token, actor=request.user, audit=request.audit)
    messages.success(request, _("已吊销令牌“%(name)s”。") % {"name": token.name})
    return redirect("integrations:tokens")
