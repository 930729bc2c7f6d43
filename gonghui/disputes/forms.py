import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.lib.ids import normalize_phone
from gonghui.organizations.models import Unit

from .models import Category, Channel, InspectionKind, Outcome
from .services import Worker

STAFF_CHANNELS = [(c.value, c.label) for c in (Channel.WALK_IN, Channel.HOTLINE, Channel.COURT)]


class UnitField(forms.CharField):
    """An employer by its 统一社会信用代码 or its exact name."""

    def clean(self, value: Any) -> Unit:
        text = str(super().clean(value)).strip()
        unit = (
            Unit.unscoped.filter(uscc=text.upper()).first()
            or Unit.unscoped.filter(name=text).order_by("id").first()
        )
        if unit is None:
            raise forms.ValidationError(_("未找到该用人单位，请填写统一社会信用代码或完整名称。"))
        return unit


def parse_workers(text: str) -> list[Worker]:
    workers = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        name, phone = parts[0][:40], ""
        if len(parts) > 1:
            try:
                phone = normalize_phone(parts[1])
            except ValueError:
                raise forms.ValidationError(_("手机号无效：%(line)s") % {"line": parts[0]}) from None
        workers.append(Worker(name=name, phone=phone))
    if not workers:
        raise forms.ValidationError(_("请至少填写一名职工当事人。"))
    if len(workers) > 200:
        raise forms.ValidationError(_("当事人过多。"))
    return workers


class CaseRegisterForm(forms.Form):
    channel = forms.ChoiceField(label=_("来源"), choices=STAFF_CHANNELS)
    category = forms.ChoiceField(label=_("争议类型"), choices=Category.choices)
    unit = UnitField(label=_("用人单位（统一社会信用代码或名称）"), max_length=120)
    workers = forms.CharField(
        label=_("职工当事人（每行一人：姓名 手机）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    narrative = forms.CharField(label=_("案情"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    hotline_order_no = forms.CharField(label=_("12351工单号"), max_length=30, required=False)
    hotline_deadline = forms.DateField(label=_("工单办结期限"), required=False)
    court_case_no = forms.CharField(label=_("法院案号"), max_length=40, required=False)
    court_deadline = forms.DateField(label=_("法院委托期限"), required=False)

    def clean_workers(self) -> list[Worker]:
        return parse_workers(self.cleaned_data["workers"])


class PortalCaseForm(forms.Form):
    category = forms.ChoiceField(label=_("争议类型"), choices=Category.choices)
    narrative = forms.CharField(
        label=_("请简要说明情况"), widget=forms.Textarea(attrs={"rows": 6}), max_length=3000
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=200)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("调解记录"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)


class AssignForm(forms.Form):
    mediator = forms.IntegerField(label=_("调解员"), min_value=1)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("结果"), choices=[c for c in Outcome.choices if c[0]])
    amount = forms.DecimalField(
        label=_("追回金额（元）"), max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False
    )
    guidance = forms.CharField(label=_("后续指引"), max_length=300, required=False)
    terms = forms.CharField(
        label=_("其他协议条款"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("材料（PDF/JPEG/PNG）"))


class RateForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("满意度"), choices=[(n, str(n)) for n in range(5, 0, -1)], coerce=int
    )


class AidApplyForm(forms.Form):
    low_income = forms.BooleanField(label=_("经济困难"), required=False)
    migrant = forms.BooleanField(label=_("农民工"), required=False)


class AidDecideForm(forms.Form):
    grant = forms.TypedChoiceField(
        choices=[("1", _("指派律师")), ("0", _("不予援助"))], coerce=lambda v: v == "1"
    )
    lawyer = forms.IntegerField(required=False, min_value=1)
    reason = forms.CharField(max_length=200, required=False)


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("检查类型"), choices=InspectionKind.choices)
    date = forms.DateField(label=_("检查日期"))
    street = forms.IntegerField(label=_("街镇"), min_value=1)


class VisitForm(forms.Form):
    unit = UnitField(label=_("检查单位（统一社会信用代码或名称）"), max_length=120)
    finding = forms.CharField(label=_("发现问题"), max_length=300, required=False)
    open_case = forms.BooleanField(label=_("转为调解案件"), required=False)
    category = forms.ChoiceField(label=_("争议类型"), choices=Category.choices, required=False)


class LetterForm(forms.Form):
    unit = UnitField(label=_("用人单位（统一社会信用代码或名称）"), max_length=120)
    subject = forms.CharField(label=_("事由"), max_length=200)


class LetterReplyForm(forms.Form):
    reply = forms.CharField(label=_("单位回复"), max_length=500)
    resolved = forms.BooleanField(label=_("已整改"), required=False)
    replied_on = forms.DateField(label=_("回复日期"), required=False)

    def clean_replied_on(self) -> datetime.date | None:
        value = self.cleaned_data.get("replied_on")
        if value and value > datetime.date.today() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("回复日期不能晚于今天。"))
        return value


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("跟踪情况"), max_length=300)


class FundingForm(forms.Form):
    """A year's funding of one organization; `org` is checked against the caller's scope in
    the view, which fills its choices."""

    org = forms.TypedChoiceField(label=_("调解组织"), coerce=int, choices=[])
    year = forms.IntegerField(label=_("年度"), min_value=1949, max_value=2100)
    amount = forms.DecimalField(
        label=_("经费（元）"), min_value=Decimal("0"), max_digits=12, decimal_places=2
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args: Any, orgs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = orgs  # type: ignore[attr-defined]
