"""Court mediation funding and the other yearly funding of the network: the district's staff
enter one amount per organization and year; back-office staff read what is in their subtree."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.lib.roles import Role

from .. import forms, services
from ..models import MediationFunding, MediationOrg


@backoffice_required
def funding_list(request: AuthedRequest) -> HttpResponse:
    rows = MediationFunding.objects.visible_to(request.user).select_related("org", "entered_by")
    orgs = MediationOrg.objects.visible_to(request.user).filter(kind__in=services.FUNDED_KINDS, active=True)
    may_enter = request.user.role == Role.DISTRICT_STAFF
    choices = [(org.pk, org.name) for org in orgs.order_by("kind", "path", "id")] if may_enter else []
    form = forms.FundingForm(request.POST or None, orgs=choices, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not may_enter:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            org = get_object_or_404(orgs, pk=data["org"])
            try:
                services.mediation_funding_save(
                    org=org,
                    year=data["year"],
                    amount=data["amount"],
                    note=data["note"],
                    actor=request.user,
                    audit=request.audit,
                )
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, _("经费已登记。"))
                return redirect("disputes:funding")
    by_year = rows.values("year").annotate(total=Sum("amount")).order_by("-year")
    return render(
        request,
        "disputes/funding.html",
        {
            "rows": rows.order_by("-year", "org__kind", "org__name")[:300],
            "by_year": by_year,
            "form": form if may_enter else None,
        },
    )
