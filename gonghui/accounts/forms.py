from django import forms
from django.utils.translation import gettext_lazy as _


class StaffLoginForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, max_length=128)
    totp = forms.CharField(label=_("动态口令（区总工会账号必填）"), max_length=6, required=False)


class PhoneForm(forms.Form):
    phone = forms.CharField(label=_("手机号"), max_length=20)
    answer = forms.CharField(label=_("请计算"), max_length=6, required=False)


class CodeForm(forms.Form):
    phone = forms.CharField(widget=forms.HiddenInput, max_length=20)
    code = forms.RegexField(
        label=_("短信验证码"),
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        error_messages={"invalid": _("验证码为6位数字")},
    )
