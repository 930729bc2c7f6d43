"""Back-office pages of the training classes: the list, a new class, a class with its
trainees, enrolment by member number, a session's register and completion."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import backoffice_required
from gonghui.members.models import Member

from .. import services
from ..forms import AttendanceForm, ClassForm, MemberNoForm
from ..models import Enrolment, TrainingClass
from .common import PAGE_SIZE, refused, within_node


@backoffice_required
def class_list(request: AuthedRequest) -> HttpResponse:
    rows, node = within_node(request, TrainingClass.objects.visible_to(request.user))
    page = Paginator(rows.select_related("node"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "skills/classes.html", {"page": page, "node": node})


@backoffice_required
def class_new(request: AuthedRequest) -> HttpResponse:
    form = ClassForm(request.POST or None, user=request.user, initial={"node": request.user.node_id})
    if request.method == "POST" and form.is_valid():
        try:
            training = services.class_create(actor=request.user, audit=request.audit, **form.cleaned_data)
        except services.SkillsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("培训班已开设。"))
            return redirect("skills:class", pk=training.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "skills/form.html", {"form": form, "title": _("开设培训班")}, status=status)


def _class(request: AuthedRequest, pk: int) -> TrainingClass:
    return get_object_or_404(TrainingClass.objects.visible_to(request.user).select_related("node"), pk=pk)


@backoffice_required
def class_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    training = _class(request, pk)
    enrolments = (
        Enrolment.objects.visible_to(request.user)
        .filter(training=training)
        .select_related("member")
        .order_by("id")
    )
    active = [e for e in enrolments if e.status == Enrolment.Status.ENROLLED]
    context = {
        "training": training,
        "enrolments": enrolments,
        "attendance_form": AttendanceForm(enrolments=active),
        "member_form": MemberNoForm(),
    }
    return render(request, "skills/class.html", context)


@require_POST
@backoffice_required
def class_enrol(request: AuthedRequest, pk: int) -> HttpResponse:
    training = _class(request, pk)
    form = MemberNoForm(request.POST)
    member = (
        Member.objects.visible_to(request.user)
        .filter(member_no=form.cleaned_data["member_no"].strip())
        .first()
        if form.is_valid()
        else None
    )
    if member is None:
        messages.error(request, _("未找到该会员编号。"))
    else:
        try:
            services.enrolment_create(
                training=training, member=member, actor=request.user, audit=request.audit
            )
        except services.SkillsError as error:
            refused(request, error)
        else:
            messages.success(request, _("已报名：%(n)s") % {"n": member.name})
    return redirect("skills:class", pk=training.pk)


@require_POST
@backoffice_required
def class_attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    training = _class(request, pk)
    active = Enrolment.objects.visible_to(request.user).filter(
        training=training, status=Enrolment.Status.ENROLLED
    )
    form = AttendanceForm(request.POST, enrolments=active.select_related("member"))
    if not form.is_valid():
        messages.error(request, _("请填写课次并勾选出勤学员。"))
    else:
        try:
            here = services.attendance_record(
                training=training,
                session_no=form.cleaned_data["session_no"],
                present=form.cleaned_data["present"],
                actor=request.user,
                audit=request.audit,
            )
        except services.SkillsError as error:
            refused(request, error)
        else:
            messages.success(request, _("已记录考勤：出勤 %(n)d 人。") % {"n": here})
    return redirect("skills:class", pk=training.pk)


@require_POST
@backoffice_required
def enrolment_complete(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("training"), pk=pk
    )
    try:
        done = services.enrolment_complete(enrolment=enrolment, actor=request.user, audit=request.audit)
    except services.SkillsError as error:
        refused(request, error)
    else:
        messages.success(request, _("已结业，证书编号 %(c)s") % {"c": done.certificate_no})
    return redirect("skills:class", pk=enrolment.training_id)
