"""Forms of the skills pages; every node choice is limited to what the person may see (AZ-4)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.organizations.models import Node

from .models import Contest, ContestEntry, Grade, TrainingClass

DATE = forms.DateInput(attrs={"type": "date"})


class NodeChoiceForm(forms.Form):
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("主办工会"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = Node.objects.visible_to(user)  # type: ignore[attr-defined]


class ClassForm(NodeChoiceForm):
    title = forms.CharField(max_length=120, label=_("班级名称"))
    kind = forms.ChoiceField(choices=TrainingClass.Kind.choices, label=_("类别"))
    partner = forms.CharField(
        max_length=120, required=False, label=_("合作单位"), help_text=_("如：上海开放大学")
    )
    starts_on = forms.DateField(widget=DATE, label=_("开班日期"))
    ends_on = forms.DateField(widget=DATE, label=_("结业日期"))
    sessions = forms.IntegerField(min_value=1, max_value=200, label=_("课次"))
    hours = forms.IntegerField(min_value=0, max_value=2000, initial=0, label=_("学时"))
    capacity = forms.IntegerField(min_value=1, max_value=100000, label=_("名额"))
    fee = forms.DecimalField(
        max_digits=10, decimal_places=2, min_value=Decimal(0), initial=Decimal(0), label=_("学费（元）")
    )
    free_for_card_holders = forms.BooleanField(required=False, initial=True, label=_("持卡会员免费"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("结业日期不能早于开班日期。"))
        return data


class MemberNoForm(forms.Form):
    member_no = forms.CharField(max_length=20, label=_("会员编号"))


class AttendanceForm(forms.Form):
    session_no = forms.IntegerField(min_value=1, max_value=200, label=_("课次"))
    present = forms.TypedMultipleChoiceField(coerce=int, required=False, label=_("出勤学员"))

    def __init__(self, *args: Any, enrolments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(e.pk, e.member.name) for e in enrolments]  # type: ignore[attr-defined]


class ContestForm(NodeChoiceForm):
    title = forms.CharField(max_length=120, label=_("赛事名称"))
    kind = forms.ChoiceField(choices=Contest.Kind.choices, label=_("类别"))
    theme = forms.ChoiceField(choices=Contest.Theme.choices, required=False, label=_("五比内容"))
    trade = forms.CharField(max_length=60, required=False, label=_("工种（行业）"))
    held_on = forms.DateField(widget=DATE, label=_("比赛日期"))


class EntryForm(forms.Form):
    member_no = forms.CharField(max_length=20, required=False, label=_("选手会员编号"))
    team_name = forms.CharField(max_length=80, required=False, label=_("或参赛团队"))


class ResultForm(forms.Form):
    score = forms.DecimalField(
        max_digits=6, decimal_places=2, min_value=Decimal(0), max_value=Decimal(1000), label=_("成绩")
    )
    prize = forms.ChoiceField(choices=ContestEntry.Prize.choices, required=False, label=_("奖项"))


class RewardForm(forms.Form):
    grade = forms.ChoiceField(choices=Grade.choices, label=_("取得等级"))
    certificate_no = forms.CharField(max_length=40, label=_("职业资格证书编号"))
    certified_on = forms.DateField(widget=DATE, label=_("发证日期"))


class StaffRewardForm(RewardForm):
    member_no = forms.CharField(max_length=20, label=_("会员编号"))


class NoteForm(forms.Form):
    note = forms.CharField(max_length=300, required=False, label=_("意见"))


class PayForm(forms.Form):
    key = forms.RegexField(regex=r"^[A-Za-z0-9_-]{8,64}$")
    reference = forms.CharField(max_length=40, required=False, label=_("凭证号"))
