from django import forms
from django.utils.translation import gettext_lazy as _


class MonthForm(forms.Form):
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False, label=_("月份"))


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False, label=_("年度"))


class CheckInForm(forms.Form):
    scanned = forms.CharField(max_length=400, label=_("会员码"), strip=True)


class StaffBookingForm(forms.Form):
    who = forms.CharField(max_length=40, label=_("会员手机号或会员编号"), strip=True)
    waitlist = forms.BooleanField(required=False, label=_("满员时加入候补"))


class DrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("确认抽签（只能进行一次）"))


class BookForm(forms.Form):
    key = forms.RegexField(regex=r"^[A-Za-z0-9_-]{8,64}$", required=False)
