from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.accounts.challenge import challenge_passed, challenge_text
from gonghui.accounts.forms import CodeForm, PhoneForm
from gonghui.accounts.http import AppRequest, AuthedRequest
from gonghui.accounts.services import LoginRefused, sms_code_send, sms_code_verify
from gonghui.accounts.views import redirect_after_login
from gonghui.lib.access import member_required
from gonghui.members.selectors import applications_of, own_member
from gonghui.members.services import MembershipError, join_application_submit

from .forms import JoinForm


def portal_login(request: AppRequest) -> HttpResponse:
    phone_form, code_form = PhoneForm(), None
    if request.method == "POST" and "code" not in request.POST:
        phone_form = PhoneForm(request.POST)
        if phone_form.is_valid() and not challenge_passed(request.session, phone_form.cleaned_data["answer"]):
            phone_form.add_error("answer", _("计算结果不正确，请重新计算下面的新题目。"))
        elif phone_form.is_valid():
            try:
                sms_code_send(audit=request.audit, phone=phone_form.cleaned_data["phone"])
                messages.success(request, _("验证码已发送。"))
            except LoginRefused as refused:
                messages.error(request, str(refused))
            code_form = CodeForm(initial={"phone": phone_form.cleaned_data["phone"]})
    elif request.method == "POST":
        code_form = CodeForm(request.POST)
        if code_form.is_valid():
            try:
                result = sms_code_verify(audit=request.audit, **code_form.cleaned_data)
            except LoginRefused as refused:
                messages.error(request, str(refused))
            else:
                login(request, result.user)
                return redirect_after_login(request, "portal:home")
    question = "" if code_form else challenge_text(request.session)
    return render(
        request, "portal/login.html", {"phone_form": phone_form, "code_form": code_form, "question": question}
    )


@member_required
def portal_home(request: AuthedRequest) -> HttpResponse:
    member = own_member(request.user)
    return render(
        request,
        "portal/home.html",
        {
            "member": member,
            "applications": applications_of(request.user),
        },
    )


@member_required
def portal_join(request: AuthedRequest) -> HttpResponse:
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            join_application_submit(
                name=form.cleaned_data["name"],
                id_number=form.cleaned_data["id_number"],
                phone=request.user.phone,
                unit=form.cleaned_data["unit_query"],
                actor=request.user,
                audit=request.audit,
            )
        except MembershipError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("申请已提交，工会将在15个工作日内答复。"))
            return redirect("portal:home")
    return render(request, "portal/join.html", {"form": form})
