from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.members.selectors import units_open_for_joining


class JoinForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40)
    id_number = forms.CharField(label=_("身份证号"), max_length=20)
    unit_query = forms.CharField(label=_("工作单位（全称或统一社会信用代码）"), max_length=120)

    def clean_unit_query(self) -> object:
        matches = units_open_for_joining(self.cleaned_data["unit_query"])
        if len(matches) != 1:
            raise forms.ValidationError(_("找不到该单位或该单位尚未建会，请填写单位全称或统一社会信用代码。"))
        return matches[0]
