"""Forms of the honours pages; node choices are limited to what the person may see (AZ-4)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.organizations.models import Node

from .models import HonourKind, Studio, StudioResult

DATE = forms.DateInput(attrs={"type": "date"})


class HonourForm(forms.Form):
    kind = forms.ChoiceField(choices=HonourKind.choices, label=_("荣誉"))
    member_no = forms.CharField(max_length=20, required=False, label=_("个人荣誉：会员编号"))
    recipient = forms.CharField(
        max_length=120, required=False, label=_("集体荣誉：获得集体（班组、单位、工会）")
    )
    node = forms.ModelChoiceField(queryset=Node.objects.none(), required=False, label=_("集体荣誉：所属工会"))
    conferred_by = forms.CharField(
        max_length=60, required=False, label=_("授予机关"), help_text=_("留空按荣誉默认")
    )
    awarded_on = forms.DateField(widget=DATE, label=_("授予日期"))
    citation = forms.CharField(
        max_length=300, required=False, label=_("主要事迹"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = Node.objects.visible_to(user)  # type: ignore[attr-defined]


class RevokeForm(forms.Form):
    reason = forms.CharField(max_length=200, label=_("撤销原因"))


class StudioForm(forms.Form):
    name = forms.CharField(max_length=120, label=_("工作室名称"))
    level = forms.ChoiceField(choices=Studio.Level.choices, label=_("级别"))
    topic = forms.CharField(max_length=200, label=_("攻关方向"))
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("所属工会"))
    leader_no = forms.CharField(max_length=20, required=False, label=_("领衔人会员编号"))
    leader_name = forms.CharField(max_length=40, required=False, label=_("或领衔人姓名"))
    founded_on = forms.DateField(widget=DATE, label=_("命名日期"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = Node.objects.visible_to(user)  # type: ignore[attr-defined]


class MemberNoForm(forms.Form):
    member_no = forms.CharField(max_length=20, label=_("会员编号"))


class ResultForm(forms.Form):
    title = forms.CharField(max_length=160, label=_("成果名称"))
    kind = forms.ChoiceField(choices=StudioResult.Kind.choices, label=_("类型"))
    achieved_on = forms.DateField(widget=DATE, label=_("取得日期"))
