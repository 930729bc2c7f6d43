import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.organizations.models import Node

from . import selectors
from .models import Circle, Funding, Programme, Provider, Session, Venue


class CalendarForm(forms.Form):
    view = forms.ChoiceField(
        choices=[("month", _("按月")), ("week", _("按周"))], required=False, label=_("视图")
    )
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False, label=_("月份"))
    week = forms.DateField(required=False, label=_("日期"), input_formats=["%Y-%m-%d"])
    circle = forms.ChoiceField(
        choices=[("", _("全部服务圈")), *Circle.choices], required=False, label=_("服务圈")
    )
    category = forms.ChoiceField(
        choices=[("", _("全部类别")), *Programme.Category.choices], required=False, label=_("类别")
    )

    def clean_month(self) -> datetime.date | None:
        raw = self.cleaned_data["month"]
        if not raw:
            return None
        year = int(raw[:4])
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("月份超出范围。"))
        return datetime.date(year, int(raw[5:]), 1)

    def clean_week(self) -> datetime.date | None:
        value = self.cleaned_data["week"]
        if value and not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("日期超出范围。"))
        return value


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False, label=_("年度"))


class MenuForm(forms.Form):
    """The member's filters on the menu: when, what, which circle, which street, in what order."""

    when = forms.ChoiceField(
        choices=[("", _("全部日期")), ("today", _("今天")), ("week", _("7天内")), ("weekend", _("本周末"))],
        required=False,
        label=_("日期"),
    )
    category = forms.ChoiceField(
        choices=[("", _("全部类别")), *Programme.Category.choices], required=False, label=_("类别")
    )
    circle = forms.ChoiceField(
        choices=[("", _("全部服务圈")), *Circle.choices], required=False, label=_("服务圈")
    )
    street = forms.ChoiceField(required=False, label=_("街镇"))
    sort = forms.ChoiceField(
        choices=[("", _("时间最近")), ("places", _("余位最多"))], required=False, label=_("排序")
    )

    def __init__(self, *args: Any, streets: list[tuple[int, str]], has_own: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = [("mine", _("我所在的街镇"))] if has_own else []
        street = self.fields["street"]
        assert isinstance(street, forms.ChoiceField)
        street.choices = [
            ("", _("全部街镇")),
            *own,
            *((str(pk), name) for pk, name in streets),
        ]


class FiguresForm(YearForm):
    circle = forms.ChoiceField(choices=[("", ""), *Circle.choices], required=False, label=_("服务圈"))
    month_year = forms.IntegerField(min_value=2000, max_value=2100, required=False, label=_("月度年份"))


class CheckInForm(forms.Form):
    scanned = forms.CharField(max_length=400, label=_("会员码"), strip=True)


class StaffBookingForm(forms.Form):
    who = forms.CharField(max_length=40, label=_("会员手机号或会员编号"), strip=True)
    waitlist = forms.BooleanField(required=False, label=_("满员时加入候补"))


class DrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("确认抽签（只能进行一次）"))


class BookForm(forms.Form):
    key = forms.RegexField(regex=r"^[A-Za-z0-9_-]{8,64}$", required=False)


# --- back-office forms: every choice of node, venue or programme is limited to what the
# staff member may see, so a posted foreign id is refused as an invalid choice (AZ-4).

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class VenueForm(forms.Form):
    name = forms.CharField(max_length=120, label=_("名称"), strip=True)
    kind = forms.ChoiceField(choices=Venue.Kind.choices, label=_("类型"))
    circle = forms.ChoiceField(choices=Circle.choices, label=_("所属服务圈"))
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("所属组织"))
    address = forms.CharField(max_length=200, required=False, label=_("地址"))
    opening_hours = forms.CharField(max_length=120, required=False, label=_("开放时间"))
    facilities = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("设施"))
    capacity = forms.IntegerField(
        min_value=0, max_value=100000, label=_("容纳人数"), help_text=_("0 表示不限")
    )
    active = forms.BooleanField(required=False, initial=True, label=_("启用"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = Node.objects.visible_to(user)  # type: ignore[attr-defined]


class ProgrammeForm(forms.Form):
    title = forms.CharField(max_length=120, label=_("名称"), strip=True)
    category = forms.ChoiceField(choices=Programme.Category.choices, label=_("类别"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("简介"))
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("发布组织"))
    circle = forms.ChoiceField(choices=Circle.choices, label=_("服务圈"))
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.order_by("name"), required=False, label=_("承接社会组织")
    )
    new_provider = forms.CharField(
        max_length=120, required=False, label=_("或新增社会组织"), help_text=_("列表中没有时填写名称")
    )
    cost = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        initial=Decimal("0"),
        label=_("采购金额（元）"),
        error_messages={"min_value": _("金额不能为负数。")},
    )
    per_member_limit = forms.IntegerField(
        min_value=0, max_value=100, initial=0, label=_("每人限约场次"), help_text=_("0 表示不限")
    )
    published = forms.BooleanField(required=False, initial=True, label=_("发布到服务菜单"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = Node.objects.visible_to(user)  # type: ignore[attr-defined]


class SessionForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=Programme.unscoped.none(), label=_("服务项目"))
    venue = forms.ModelChoiceField(queryset=Venue.unscoped.none(), label=_("场馆"))
    starts_at = forms.DateTimeField(widget=DATETIME_WIDGET, label=_("开始时间"))
    ends_at = forms.DateTimeField(widget=DATETIME_WIDGET, label=_("结束时间"))
    capacity = forms.IntegerField(
        min_value=1, max_value=100000, label=_("名额"), error_messages={"min_value": _("名额至少为 1。")}
    )
    mode = forms.ChoiceField(choices=Session.Mode.choices, label=_("预约方式"))
    eligibility = forms.ChoiceField(choices=Session.Eligibility.choices, label=_("参与对象"))
    street = forms.ModelChoiceField(queryset=Node.objects.none(), required=False, label=_("限定街镇"))
    opens_at = forms.DateTimeField(
        widget=DATETIME_WIDGET, required=False, label=_("预约开始"), help_text=_("留空为立即开始")
    )
    closes_at = forms.DateTimeField(
        widget=DATETIME_WIDGET, required=False, label=_("预约截止"), help_text=_("留空为开始前 2 小时")
    )
    cancel_by = forms.DateTimeField(
        widget=DATETIME_WIDGET, required=False, label=_("取消截止"), help_text=_("留空为开始前 4 小时")
    )

    def __init__(self, *args: Any, user: Any, keep: Session | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = selectors.programmes_for_scheduling(user)
        if keep is not None:  # an edit keeps the session's own programme on offer
            programmes = programmes | Programme.unscoped.filter(pk=keep.programme_id)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["venue"].queryset = Venue.objects.visible_to(user).filter(active=True)  # type: ignore[attr-defined]
        self.fields["street"].queryset = Node.objects.visible_to(user).filter(kind=Node.Kind.STREET)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("结束时间必须晚于开始时间。"))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("预约截止须晚于预约开始。"))
        if data.get("eligibility") == Session.Eligibility.STREET and not data.get("street"):
            self.add_error("street", _("限本街镇的场次须指定街镇。"))
        return data


class FundingForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=Programme.unscoped.none(), label=_("服务项目"))
    circle = forms.ChoiceField(
        choices=[("", _("同服务项目")), *Circle.choices], required=False, label=_("服务圈")
    )
    kind = forms.ChoiceField(choices=Funding.Kind.choices, label=_("方式"))
    amount = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        label=_("金额（元）"),
        error_messages={"min_value": _("金额须大于零。")},
    )
    paid_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label=_("日期"))
    note = forms.CharField(max_length=200, required=False, label=_("说明"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.visible_to(user)  # type: ignore[attr-defined]
