"""The site pages: the cadre's phone at a delivery site. Scan the member's QR pass, see the masked
name and whether they are on the list, record the delivery with one tap; or let a listed worker
without a phone sign on the screen. A second scan of the same person is refused with the reason."""

from typing import Any

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required

from .. import forms, selectors, services
from ..models import CampaignStatus, Delivery, Recipient, Site


def _site(request: AuthedRequest, pk: int) -> Site:
    return get_object_or_404(Site.objects.visible_to(request.user).select_related("campaign", "node"), pk=pk)


def _context(request: AuthedRequest, site: Site, **extra: Any) -> dict[str, Any]:
    recent = (
        Delivery.objects.visible_to(request.user)
        .filter(site=site)
        .select_related("member")
        .order_by("-delivered_at", "-id")[:10]
    )
    return {
        "site": site,
        "campaign": site.campaign,
        "served": selectors.served_at(site),
        "recent": [(d, services.mask_name(d.member.name)) for d in recent],
        "open": site.campaign.status == CampaignStatus.APPROVED,
        **extra,
    }


def _answer(request: AuthedRequest, site: Site, **extra: Any) -> HttpResponse:
    template = "care/site.html#result" if request.htmx else "care/site.html"
    return render(request, template, _context(request, site, **extra))


@backoffice_required
def site_list(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    sites = (
        Site.objects.visible_to(request.user)
        .filter(campaign__status=CampaignStatus.APPROVED)
        .select_related("campaign", "node")
        .order_by("on_day", "id")
    )
    return render(
        request,
        "care/site_list.html",
        {"today": sites.filter(on_day=today), "upcoming": sites.filter(on_day__gt=today)[:50]},
    )


@never_cache
@backoffice_required
def site_page(request: AuthedRequest, pk: int) -> HttpResponse:
    return render(request, "care/site.html", _context(request, _site(request, pk)))


@never_cache
@require_POST
@backoffice_required
def site_verify(request: AuthedRequest, pk: int) -> HttpResponse:
    site = _site(request, pk)
    form = forms.ScanForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("请扫描或输入会员码。"))
    scanned = form.cleaned_data["scanned"]
    verification = services.delivery_verify(
        site=site, scanned=scanned, actor=request.user, audit=request.audit
    )
    return _answer(request, site, verification=verification, scanned=scanned if verification.ok else "")


@never_cache
@require_POST
@backoffice_required
def site_deliver(request: AuthedRequest, pk: int) -> HttpResponse:
    site = _site(request, pk)
    form = forms.ScanForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("请扫描或输入会员码。"))
    try:
        delivery = services.delivery_record(
            site=site, scanned=form.cleaned_data["scanned"], actor=request.user, audit=request.audit
        )
    except services.CareError as error:
        return _answer(request, site, error=str(error))
    return _answer(request, site, delivered=delivery, masked=services.mask_name(delivery.member.name))


@never_cache
@require_POST
@backoffice_required
def site_sign(request: AuthedRequest, pk: int) -> HttpResponse:
    """A listed worker without the e-card signs on the cadre's phone."""
    site = _site(request, pk)
    form = forms.SignForm(request.POST)
    if not form.is_valid():
        return _answer(request, site, error=_("请输入会员编号，并请职工在屏幕上签名。"))
    listed = (
        Recipient.objects.visible_to(request.user)
        .filter(
            campaign_id=site.campaign_id, member__member_no=form.cleaned_data["member_no"].strip().upper()
        )
        .select_related("member")
        .first()
    )
    if listed is None:
        return _answer(request, site, error=_("该职工不在本次活动的慰问名单内。"))
    try:
        delivery = services.delivery_record(
            site=site,
            member=listed.member,
            signature=form.cleaned_data["signature"],
            actor=request.user,
            audit=request.audit,
        )
    except services.CareError as error:
        return _answer(request, site, error=str(error))
    return _answer(request, site, delivered=delivery, masked=services.mask_name(delivery.member.name))
