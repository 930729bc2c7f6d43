"""Forms of the competitions' pages. Choices of node and team are limited to what the person
may see, so a posted foreign id is refused as an invalid choice (AZ-4)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.organizations.models import Node

from .models import Award, Competition, Indicator, Team

DATE = forms.DateInput(attrs={"type": "date"})


class CompetitionForm(forms.Form):
    title = forms.CharField(max_length=120, label=_("竞赛名称"))
    partner = forms.CharField(max_length=120, label=_("合作政府部门"))
    category = forms.ChoiceField(choices=Competition.Category.choices, label=_("领域"))
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("主办工会"))
    started_on = forms.DateField(widget=DATE, label=_("开始日期"))
    ends_on = forms.DateField(widget=DATE, label=_("结束日期"))
    period = forms.ChoiceField(choices=Competition.Period.choices, label=_("进度上报周期"))
    flag_rule = forms.ChoiceField(choices=Competition.FlagRule.choices, label=_("流动红旗评定规则"))
    rules = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("竞赛规则"))
    public = forms.BooleanField(required=False, initial=True, label=_("进度上墙公开"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = Node.objects.visible_to(user).exclude(kind=Node.Kind.GRASSROOTS)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("started_on") and data.get("ends_on") and data["ends_on"] <= data["started_on"]:
            self.add_error("ends_on", _("结束日期应晚于开始日期。"))
        return data


class IndicatorForm(forms.Form):
    name = forms.CharField(max_length=60, label=_("指标名称"))
    kind = forms.ChoiceField(choices=Indicator.Kind.choices, label=_("类型"))
    weight = forms.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal(100), label=_("权重")
    )


class TeamForm(forms.Form):
    name = forms.CharField(max_length=80, label=_("班组（团队）"))
    project = forms.CharField(max_length=120, label=_("项目"))
    section = forms.CharField(
        max_length=40, required=False, label=_("竞赛类别"), help_text=_("分类别评比时填写")
    )
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("所属工会"))
    unit_code = forms.CharField(
        max_length=18, required=False, label=_("参赛单位统一社会信用代码"), help_text=_("可不填")
    )
    planned = forms.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0.01"), label=_("计划量")
    )
    measure = forms.CharField(max_length=12, initial="%", label=_("计量单位"), help_text=_("如：户、公里、%"))

    def __init__(self, *args: Any, user: Any, within: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = Node.objects.visible_to(user).filter(path__startswith=within)  # type: ignore[attr-defined]


class MemberNoForm(forms.Form):
    member_no = forms.CharField(max_length=20, label=_("会员编号"))
    role = forms.CharField(max_length=40, required=False, label=_("岗位"))


class ReportForm(forms.Form):
    actual = forms.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        label=_("累计完成量"),
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    note = forms.CharField(
        max_length=300, required=False, label=_("进展说明"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CheckForm(forms.Form):
    """The organizer's check: a score for each judged indicator, or a return with a reason."""

    decision = forms.ChoiceField(choices=[("confirm", _("确认")), ("return", _("退回"))], label=_("审核"))
    note = forms.CharField(max_length=300, required=False, label=_("审核意见"))

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"ind_{indicator.pk}"] = forms.DecimalField(
                max_digits=5,
                decimal_places=2,
                min_value=Decimal(0),
                max_value=Decimal(100),
                required=False,
                label=_("%(name)s（权重 %(w)s，0–100 分）") % {"name": indicator.name, "w": indicator.weight},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "confirm":
            for indicator in self.indicators:
                if data.get(f"ind_{indicator.pk}") is None:
                    self.add_error(f"ind_{indicator.pk}", _("请打分。"))
        elif data.get("decision") == "return" and not (data.get("note") or "").strip():
            self.add_error("note", _("退回时请填写理由。"))
        return data

    def values(self) -> dict[int, Decimal]:
        return {i.pk: self.cleaned_data[f"ind_{i.pk}"] for i in self.indicators}


class AwardForm(forms.Form):
    kind = forms.ChoiceField(choices=Award.Kind.choices, label=_("奖项"))
    team = forms.ModelChoiceField(queryset=Team.unscoped.none(), required=False, label=_("班组"))
    member_no = forms.CharField(max_length=20, required=False, label=_("个人会员编号"))
    citation = forms.CharField(max_length=200, required=False, label=_("事迹"))

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
