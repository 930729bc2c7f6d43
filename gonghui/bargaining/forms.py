"""The bargaining module's forms. A union or unit named in a form is looked up within the staff
member's own subtree: a foreign one is not found (AZ-4)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.organizations.models import Node, Unit

from .models import Kind, Level

DATE = forms.DateInput(attrs={"type": "date"})


class UnitLookup(forms.CharField):
    """A unit by 统一社会信用代码 or exact name, within the user's subtree."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, max_length=120, **kwargs)
        self.user: Any = None

    def clean(self, value: Any) -> Unit | None:
        text = str(super().clean(value) or "").strip()
        if not text:
            return None
        visible = Unit.objects.visible_to(self.user)
        unit = visible.filter(uscc=text.upper()).first() or visible.filter(name=text).order_by("id").first()
        if unit is None:
            raise forms.ValidationError(_("未找到该单位，请填写统一社会信用代码或完整名称。"))
        return unit


class OfferForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, label=_("协商内容"))
    level = forms.ChoiceField(choices=Level.choices, label=_("层级"))
    node = forms.ModelChoiceField(
        queryset=Node.objects.none(),
        required=False,
        label=_("发起工会"),
        help_text=_("企业协商由企业的基层工会发起，无需选择。"),
    )
    unit = UnitLookup(required=False, label=_("企业（统一社会信用代码或名称）"))
    counterpart = forms.CharField(max_length=160, label=_("协商对方（企业或企业代表组织）"))
    sent_on = forms.DateField(label=_("要约日期"), widget=DATE)
    action_month = forms.BooleanField(required=False, label=_("要约行动月"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].user = user  # type: ignore[attr-defined]
        nodes = Node.objects.visible_to(user).exclude(kind__in=[Node.Kind.DISTRICT, Node.Kind.GRASSROOTS])
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("level") == Level.ENTERPRISE and not data.get("unit"):
            self.add_error("unit", _("企业协商请填写企业。"))
        if data.get("level") in (Level.REGIONAL, Level.INDUSTRY) and not data.get("node"):
            self.add_error("node", _("区域性、行业性协商请选择发起工会。"))
        return data


class AnswerForm(forms.Form):
    accepted = forms.TypedChoiceField(
        choices=[("1", _("同意协商")), ("0", _("拒绝"))], coerce=lambda v: v == "1"
    )
    on = forms.DateField(label=_("答复日期"), widget=DATE)


class DayForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE)


class RoundForm(forms.Form):
    talks_on = forms.DateField(label=_("协商日期"), widget=DATE)


class MinutesForm(forms.Form):
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=20000, label=_("协商纪要"))


class DraftForm(forms.Form):
    draft = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=50000, label=_("协议草案"))


class SignForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("协议名称"))
    signed_on = forms.DateField(label=_("签订日期"), widget=DATE)
    starts_on = forms.DateField(label=_("生效日期"), widget=DATE)
    ends_on = forms.DateField(label=_("到期日期"), widget=DATE)
    workers_covered = forms.IntegerField(min_value=0, max_value=10_000_000, label=_("覆盖职工人数"))
    units = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=50000,
        label=_("覆盖单位（区域性、行业性协议：统一社会信用代码或名称，每行一个）"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_units(self) -> list[Unit]:
        lines = [line.strip() for line in self.cleaned_data["units"].splitlines() if line.strip()]
        if len(lines) > 2000:
            raise forms.ValidationError(_("单位过多。"))
        visible = Unit.objects.visible_to(self.user)
        found = []
        for line in lines:
            unit = (
                visible.filter(uscc=line.upper()).first() or visible.filter(name=line).order_by("id").first()
            )
            if unit is None:
                raise forms.ValidationError(_("未找到单位：%(line)s") % {"line": line[:60]})
            found.append(unit)
        return found


class StepForm(forms.Form):
    step = forms.ChoiceField(
        choices=[
            ("hr_file", _("报送人社部门")),
            ("hr_approve", _("人社部门审查通过")),
            ("publish", _("向职工公布")),
            ("union_file", _("报上级工会备案")),
        ]
    )
    on = forms.DateField(label=_("日期"), widget=DATE)


class TerminateForm(forms.Form):
    on = forms.DateField(label=_("终止日期"), widget=DATE)
    reason = forms.CharField(max_length=200, label=_("终止原因"))


class AsOfForm(forms.Form):
    as_of = forms.DateField(required=False, label=_("截至日期"), widget=DATE)
    node = forms.IntegerField(required=False, min_value=1)
