"""普惠 claims: filed by the member (portal) or a cadre; reviewed, approved by a second
person, paid once. Every read is audited; documents only through these scoped views."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required, member_required
from gonghui.members.models import Member
from gonghui.members.selectors import own_member

from .. import services
from ..forms import ClaimCadreForm, ClaimForm, DocumentForm, RejectForm, ReviewForm
from ..models import Claim, ClaimDocument

PAGE_SIZE = 50


def _claims(request: AuthedRequest):
    return Claim.objects.visible_to(request.user).select_related("member", "plan_year")


def _file(request: AuthedRequest, form: ClaimForm, member: Member) -> Claim | None:
    data = form.cleaned_data
    uploads = request.FILES.getlist("documents")[:5]
    try:
        return services.claim_file(
            member=member,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            health_details=data["health_details"],
            amount_requested=data["amount_requested"],
            uploads=uploads,
            actor=request.user,
            audit=request.audit,
        )
    except services.CardsError as error:
        form.add_error(None, str(error))
        return None


def _document_response(request: AuthedRequest, claim: Claim, doc_pk: int) -> HttpResponse:
    document = get_object_or_404(ClaimDocument.unscoped.filter(claim=claim), pk=doc_pk)
    data = services.claim_document_open(document=document, actor=request.user, audit=request.audit)
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=document.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Back office


@backoffice_required
def claim_list(request: AuthedRequest) -> HttpResponse:
    claims = _claims(request)
    status = request.GET.get("status", "")
    if status in Claim.Status.values:
        claims = claims.filter(status=status)
    page = Paginator(claims.order_by("-filed_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "cards/claim_list.html", {"page": page, "status": status, "statuses": Claim.Status.choices}
    )


@backoffice_required
def claim_new(request: AuthedRequest) -> HttpResponse:
    form = ClaimCadreForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        member = (
            Member.objects.visible_to(request.user).filter(member_no=form.cleaned_data["member_no"]).first()
        )
        if member is None:
            form.add_error("member_no", _("在您的范围内没有这个会员编号。"))
        elif claim := _file(request, form, member):
            messages.success(request, _("已提交保障申请。"))
            return redirect("cards:claim", pk=claim.pk)
    return render(request, "cards/claim_new.html", {"form": form})


@never_cache
@backoffice_required
def claim_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(_claims(request), pk=pk)
    services.claim_read(claim=claim, actor=request.user, audit=request.audit)
    return render(
        request,
        "cards/claim_detail.html",
        {
            "claim": claim,
            "documents": claim.documents.order_by("id"),
            "review_form": ReviewForm(initial={"amount": claim.amount_requested}, auto_id="review-%s"),
            "reject_form": RejectForm(auto_id="reject-%s"),
            "document_form": DocumentForm(),
            "payout": getattr(claim, "payout", None) if claim.status == Claim.Status.PAID else None,
        },
    )


@never_cache
@require_POST
@backoffice_required
def claim_reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(_claims(request), pk=pk)
    try:
        value = services.claim_reveal(claim=claim, actor=request.user, audit=request.audit)
    except PermissionError:
        return HttpResponse(_("您没有查看完整信息的权限。"), status=403)
    response = render(request, "cards/revealed.html", {"value": value})
    return response


@require_POST
@backoffice_required
def claim_decide(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    claim = get_object_or_404(_claims(request), pk=pk)
    try:
        if action == "review":
            form = ReviewForm(request.POST)
            if not form.is_valid():
                raise services.CardsError(_("请填写核定金额。"))
            services.claim_review(claim=claim, actor=request.user, audit=request.audit, **form.cleaned_data)
            messages.success(request, _("已初审，等待另一位工作人员审批。"))
        elif action == "approve":
            services.claim_approve(claim=claim, actor=request.user, audit=request.audit)
            messages.success(request, _("已批准。"))
        elif action == "reject":
            reject = RejectForm(request.POST)
            note = reject.cleaned_data["note"] if reject.is_valid() else ""
            services.claim_reject(claim=claim, actor=request.user, note=note, audit=request.audit)
            messages.success(request, _("已不予通过。"))
        elif action == "pay":
            services.claim_pay(
                claim=claim,
                actor=request.user,
                reference=request.POST.get("reference", "")[:40],
                audit=request.audit,
            )
            messages.success(request, _("已支付并记入支付台账。"))
        elif action == "document":
            upload = DocumentForm(request.POST, request.FILES)
            if not upload.is_valid():
                raise services.CardsError(_("请选择要上传的文件。"))
            services.claim_document_add(
                claim=claim, upload=upload.cleaned_data["document"], actor=request.user, audit=request.audit
            )
            messages.success(request, _("已上传。"))
        else:
            raise Http404
    except services.CardsError as error:
        messages.error(request, str(error))
    return redirect("cards:claim", pk=claim.pk)


@never_cache
@backoffice_required
def claim_document(request: AuthedRequest, pk: int, doc_pk: int) -> HttpResponse:
    return _document_response(request, get_object_or_404(_claims(request), pk=pk), doc_pk)


# Member portal


@member_required
def my_claims(request: AuthedRequest) -> HttpResponse:
    claims = _claims(request).order_by("-filed_at")[:50]
    return render(request, "cards/my_claims.html", {"claims": claims})


@member_required
def my_claim_new(request: AuthedRequest) -> HttpResponse:
    member = own_member(request.user)
    if member is None:
        raise Http404
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and (claim := _file(request, form, member)):
        messages.success(request, _("申请已提交，工会将尽快审核。"))
        return redirect("cards:my-claim", pk=claim.pk)
    return render(request, "cards/my_claim_new.html", {"form": form})


@never_cache
@member_required
def my_claim(request: AuthedRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(_claims(request), pk=pk)
    services.claim_read(claim=claim, actor=request.user, audit=request.audit)
    return render(
        request, "cards/my_claim.html", {"claim": claim, "documents": claim.documents.order_by("id")}
    )


@never_cache
@member_required
def my_claim_document(request: AuthedRequest, pk: int, doc_pk: int) -> HttpResponse:
    return _document_response(request, get_object_or_404(_claims(request), pk=pk), doc_pk)
