"""The member's pages (mobile): my classes and certificates, classes open to me, my technician
rewards and the application for one."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required

from .. import selectors, services
from ..forms import RewardForm
from ..models import Enrolment, TechnicianReward


@member_required
def my_skills(request: AuthedRequest) -> HttpResponse:
    member = request.user.member
    enrolments = (
        Enrolment.objects.visible_to(request.user).select_related("training").order_by("-enrolled_on")
    )
    mine = {e.training_id for e in enrolments if e.status != Enrolment.Status.WITHDRAWN}
    offer = [c for c in selectors.open_classes_for(member)[:50] if c.pk not in mine]
    rewards = TechnicianReward.objects.visible_to(request.user)
    return render(
        request,
        "skills/m/home.html",
        {"enrolments": enrolments, "offer": offer, "rewards": rewards, "member": member},
    )


@require_POST
@member_required
def enrol(request: AuthedRequest, pk: int) -> HttpResponse:
    member = request.user.member
    training = get_object_or_404(selectors.open_classes_for(member), pk=pk)
    if member is None:
        raise Http404
    try:
        services.enrolment_create(training=training, member=member, actor=request.user, audit=request.audit)
    except services.SkillsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("报名成功：%(t)s") % {"t": training.title})
    return redirect("skills:m_home")


@member_required
def reward_apply(request: AuthedRequest) -> HttpResponse:
    member = request.user.member
    if member is None:
        raise Http404
    form = RewardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reward_apply(member=member, actor=request.user, audit=request.audit, **form.cleaned_data)
        except services.SkillsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("申请已提交，工会核验证书后审批发放。"))
            return redirect("skills:m_home")
    status = 400 if request.method == "POST" else 200
    return render(request, "skills/m/apply.html", {"form": form}, status=status)
