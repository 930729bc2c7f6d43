"""The member's pages (mobile first): the station locator, a station's page (its QR code leads
here) and check-in, the contests with submissions and votes, and applying to found a union."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit

from .. import selectors, services
from ..forms import CheckInForm, EntryForm, FoundingForm
from ..models import Contest, Entry, FoundingApplication, ServiceKind, Station, Vote, VoteDay
from .common import number
from .contests import image_response


def _member(request: AuthedRequest) -> Member:
    member = request.user.member
    if member is None:
        raise Http404
    return member


def _station(request: AuthedRequest, pk: int) -> Station:
    return get_object_or_404(selectors.member_stations(_member(request)).select_related("street"), pk=pk)


@member_required
def station_locator(request: AuthedRequest) -> HttpResponse:
    member = _member(request)
    lat, lng = selectors.position(request.GET.get("lat", ""), request.GET.get("lng", ""))
    street = number(request.GET.get("street"))
    found = selectors.stations_near(member, street=street or None, lat=lat, lng=lng)
    streets = Node.objects.filter(path__startswith=member.path[: Node.steplen], kind=Node.Kind.STREET)
    return render(
        request,
        "federation/m_stations.html",
        {"found": found, "streets": streets, "street": street, "located": lat is not None},
    )


@member_required
def station_page(request: AuthedRequest, pk: int) -> HttpResponse:
    station = _station(request, pk)
    code = request.GET.get("code", "")[:40]
    offered = [(s.kind, s.get_kind_display()) for s in station.services.all()]
    form = CheckInForm(initial={"code": code}, offered=offered)
    return render(
        request,
        "federation/m_station.html",
        {"station": station, "form": form, "scanned": code == station.code, "offered": offered},
    )


@require_POST
@member_required
def station_check_in(request: AuthedRequest, pk: int) -> HttpResponse:
    station = _station(request, pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择服务项目。"))
        return redirect("federation:m_station", pk=pk)
    try:
        services.station_check_in(
            station=station,
            member=_member(request),
            service=form.cleaned_data["service"],
            code=form.cleaned_data["code"],
            actor=request.user,
            audit=request.audit,
        )
        label = ServiceKind(form.cleaned_data["service"]).label
        messages.success(request, _("签到成功：%(s)s。") % {"s": label})
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("federation:m_station", pk=pk)


@member_required
def contests(request: AuthedRequest) -> HttpResponse:
    found = selectors.member_contests(_member(request)).order_by("-vote_closes_at")[:50]
    return render(request, "federation/m_contests.html", {"contests": found, "now": timezone.now()})


def _contest(request: AuthedRequest, pk: int) -> Contest:
    return get_object_or_404(selectors.member_contests(_member(request)), pk=pk)


@member_required
def contest_page(request: AuthedRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    member = _member(request)
    entries = selectors.member_entries(member, contest).order_by("-votes", "id")
    now = timezone.now()
    used = (
        VoteDay.objects.filter(contest=contest, member=member, day=timezone.localdate(now))
        .values_list("used", flat=True)
        .first()
        or 0
    )
    return render(
        request,
        "federation/m_contest.html",
        {
            "contest": contest,
            "entries": entries,
            "now": now,
            "left": max(contest.daily_votes - used, 0),
            "voted": set(contest_votes(member, contest)),
            "member": member,
        },
    )


def contest_votes(member: Member, contest: Contest) -> list[int]:
    return list(Vote.unscoped.filter(member=member, contest=contest).values_list("entry_id", flat=True))


@member_required
def entry_new(request: AuthedRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    form = EntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["image"]
        if upload.size > 6 * 1024 * 1024:
            form.add_error("image", _("图片过大，最大 5 MB。"))
        else:
            try:
                services.entry_submit(
                    contest=contest,
                    member=_member(request),
                    title=form.cleaned_data["title"],
                    data=upload.read(),
                    actor=request.user,
                    audit=request.audit,
                )
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, _("作品已提交，审核后展示。"))
                return redirect("federation:m_contest", pk=pk)
    return render(
        request,
        "federation/m_entry_new.html",
        {"contest": contest, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@member_required
def vote(request: AuthedRequest, pk: int) -> HttpResponse:
    member = _member(request)
    entry = get_object_or_404(Entry.unscoped.filter(contest__in=selectors.member_contests(member)), pk=pk)
    try:
        services.vote_cast(entry=entry, member=member, actor=request.user, audit=request.audit)
        messages.success(request, _("投票成功。"))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("federation:m_contest", pk=entry.contest_id)


@member_required
def entry_image(request: AuthedRequest, pk: int) -> HttpResponse:
    member = _member(request)
    entry = get_object_or_404(Entry.unscoped.filter(contest__in=selectors.member_contests(member)), pk=pk)
    if not selectors.member_entries(member, entry.contest).filter(pk=pk).exists():
        raise Http404
    return image_response(entry)


@member_required
def found_apply(request: AuthedRequest) -> HttpResponse:
    """A worker (or the employer's contact) asks for a union at a unit that has none; the unit
    is named by its exact 统一社会信用代码, so no directory of employers is shown here."""
    form = FoundingForm(
        request.POST or None,
        initial={"applicant_kind": FoundingApplication.Applicant.WORKERS},
        units=Unit.unscoped.filter(union__isnull=True),
        parks=Node.objects.none(),
    )
    form.fields["unit"].label = _("单位的统一社会信用代码")
    form.fields["unit"].by_name = False  # type: ignore[attr-defined]  # no directory of employers here
    del form.fields["park"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.founding_submit(
                unit=data["unit"],
                applicant_kind=data["applicant_kind"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                workers=data["workers"],
                actor=request.user,
                audit=request.audit,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("建会申请已提交，所在街镇（园区）工会将在15个工作日内联系您。"))
            return redirect("federation:m_found")
    mine = (
        FoundingApplication.objects.visible_to(request.user)
        .select_related("unit", "routed_to")
        .order_by("-id")[:10]
    )
    return render(request, "federation/m_found.html", {"form": form, "mine": mine})
