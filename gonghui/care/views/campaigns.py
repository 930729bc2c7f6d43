"""The campaign pages of the back office: the list, a new campaign, a campaign with its targets,
list, sites and approval. Every object is fetched through visible_to(): outside the person's
subtree it answers 404, exactly like a missing one."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required

from .. import forms, selectors, services
from ..models import Campaign, CampaignKind, CampaignStatus, Site
from .common import PAGE_SIZE, act, filtered, to


def _campaign(request: AuthedRequest, pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.visible_to(request.user).select_related("node"), pk=pk)


@backoffice_required
def campaign_list(request: AuthedRequest) -> HttpResponse:
    result = filtered(
        request,
        Campaign.objects.visible_to(request.user).select_related("node"),
        year_field="starts_on",
        kinds=CampaignKind.values,
        statuses=CampaignStatus.values,
    )
    if isinstance(result, HttpResponse):
        return result
    campaigns, chosen = result
    page = Paginator(campaigns.order_by("-starts_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    sites = Site.objects.visible_to(request.user).filter(
        campaign__status=CampaignStatus.APPROVED, on_day__gte=timezone.localdate()
    )
    # Campaigns set above the person's node reach them through the sites in their subtree.
    joined = (
        Site.objects.visible_to(request.user)
        .exclude(campaign__path__startswith=request.user.node.path if request.user.node else "")
        .select_related("campaign")
        .order_by("-campaign__starts_on", "campaign_id", "id")
    )
    seen: dict[int, Site] = {}
    for site in joined[:200]:
        seen.setdefault(site.campaign_id, site)
    return render(
        request,
        "care/campaign_list.html",
        {
            "page": page,
            "chosen": chosen,
            "kinds": CampaignKind.choices,
            "statuses": CampaignStatus.choices,
            "sites": sites.select_related("campaign").order_by("on_day", "id")[:20],
            "joined": list(seen.values())[:10],
        },
    )


@backoffice_required
def campaign_new(request: AuthedRequest) -> HttpResponse:
    form = forms.CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(**form.cleaned_data, actor=request.user, audit=request.audit)
        except services.CareError as error:
            form.add_error(None, error.messages[0])
        else:
            return redirect("care:campaign", pk=campaign.pk)
    return render(
        request, "care/form.html", {"form": form, "title": _("新建慰问活动"), "back": "care:campaigns"}
    )


@backoffice_required
def campaign_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    return render(
        request,
        "care/campaign_detail.html",
        {
            "campaign": campaign,
            "counts": selectors.campaign_counts(campaign),
            "targets": campaign.targets.select_related("node", "group"),
            "sites": Site.objects.visible_to(request.user).filter(campaign=campaign).select_related("node"),
            "target_form": forms.TargetForm(user=request.user),
            "site_form": forms.SiteForm(user=request.user, initial={"on_day": campaign.starts_on}),
            "can_approve": campaign.status == CampaignStatus.DRAFT
            and campaign.created_by_id != request.user.pk,
        },
    )


@require_POST
@backoffice_required
def campaign_target(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    return act(
        request,
        campaign,
        to("care:campaign", pk),
        lambda c, data: services.campaign_target_add(
            campaign=c, actor=request.user, audit=request.audit, **data
        ),
        forms.TargetForm(request.POST, user=request.user),
        success=_("已添加慰问对象。"),
    )


@require_POST
@backoffice_required
def campaign_recipients(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    return act(
        request,
        campaign,
        to("care:campaign", pk),
        lambda c, _d: services.recipients_build(campaign=c, actor=request.user, audit=request.audit),
        success=_("已按对象生成慰问名单。"),
    )


@require_POST
@backoffice_required
def campaign_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    return act(
        request,
        _campaign(request, pk),
        to("care:campaign", pk),
        lambda c, _d: services.campaign_approve(campaign=c, actor=request.user, audit=request.audit),
        success=_("活动已批准。"),
    )


@require_POST
@backoffice_required
def campaign_close(request: AuthedRequest, pk: int) -> HttpResponse:
    return act(
        request,
        _campaign(request, pk),
        to("care:campaign", pk),
        lambda c, _d: services.campaign_close(campaign=c, actor=request.user, audit=request.audit),
        success=_("活动已结束。"),
    )


@require_POST
@backoffice_required
def site_add(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    return act(
        request,
        campaign,
        to("care:campaign", pk),
        lambda c, data: services.site_add(campaign=c, actor=request.user, audit=request.audit, **data),
        forms.SiteForm(request.POST, user=request.user),
        success=_("已添加慰问点。"),
    )
