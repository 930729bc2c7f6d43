"""Forms of the federation's pages. Choices that name records are filled per request from
what the person may see; a service decides the rest."""

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from gonghui.organizations.models import Node, Unit

from .models import Contest, Criterion, FoundingApplication, OrderChannel, ServiceKind, StationKind, Training

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class UnitField(forms.CharField):
    """An employer by its 统一社会信用代码 or exact name, among the units a queryset allows."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 120)
        super().__init__(*args, **kwargs)
        self.units = Unit.unscoped.none()
        self.by_name = True  # off where the units are not the person's to browse

    def clean(self, value: Any) -> Unit | None:
        text = str(super().clean(value) or "").strip()
        if not text:
            return None
        unit = self.units.filter(uscc=text.upper()).first()
        if unit is None and self.by_name:
            unit = self.units.filter(name=text).order_by("id").first()
        if unit is None:
            raise forms.ValidationError(_("未找到该单位，请填写统一社会信用代码或完整名称。"))
        return unit


class FoundingForm(forms.Form):
    unit = UnitField(label=_("单位（统一社会信用代码或名称）"))
    applicant_kind = forms.ChoiceField(label=_("申请方"), choices=FoundingApplication.Applicant.choices)
    contact_name = forms.CharField(label=_("联系人"), max_length=40)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20)
    workers = forms.IntegerField(label=_("职工人数"), min_value=1, max_value=1_000_000)
    park = forms.ModelChoiceField(label=_("所在园区（可选）"), queryset=Node.objects.none(), required=False)

    def __init__(self, *args: Any, units: Any, parks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].units = units  # type: ignore[attr-defined]
        self.fields["park"].queryset = parks  # type: ignore[attr-defined]

    def clean_unit(self) -> Unit:
        unit = self.cleaned_data["unit"]
        if unit is None:
            raise forms.ValidationError(_("请填写单位。"))
        return unit


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=200)


class FoundedForm(forms.Form):
    union_name = forms.CharField(label=_("工会名称"), max_length=120)
    chair_name = forms.CharField(label=_("当选工会主席"), max_length=40)
    first_meeting_on = forms.DateField(label=_("会员（代表）大会日期"), widget=DATE)
    founded_on = forms.DateField(label=_("建会日期"), widget=DATE)
    founding_members = forms.IntegerField(label=_("首批会员人数"), min_value=1, max_value=1_000_000)


class DriveForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=120)
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)
    target = forms.IntegerField(label=_("目标人数"), min_value=0, max_value=1_000_000, initial=0)


class JoiningForm(forms.Form):
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    joined = forms.IntegerField(label=_("入会人数"), min_value=1, max_value=100_000)
    unit = UnitField(label=_("单位（可选）"), required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].units = units  # type: ignore[attr-defined]


class StationForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=120)
    kind = forms.ChoiceField(label=_("类型"), choices=StationKind.choices)
    node = forms.ModelChoiceField(label=_("所属工会"), queryset=Node.objects.none())
    address = forms.CharField(label=_("地址"), max_length=200)
    latitude = forms.DecimalField(label=_("纬度（可选）"), max_digits=9, decimal_places=6, required=False)
    longitude = forms.DecimalField(label=_("经度（可选）"), max_digits=9, decimal_places=6, required=False)
    opening_hours = forms.CharField(label=_("开放时间"), max_length=120, initial="周一至周五 9:00-17:00")
    evening_until = forms.TimeField(
        label=_("延时服务至（可选）"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    weekend_open = forms.BooleanField(label=_("双休日开放"), required=False)
    phone = forms.CharField(label=_("服务电话"), max_length=20, required=False)
    services = forms.MultipleChoiceField(
        label=_("服务项目"), choices=ServiceKind.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, nodes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]


class CheckForm(forms.Form):
    criterion = forms.ChoiceField(label=_("标准"), choices=Criterion.choices)
    met = forms.BooleanField(label=_("达标"), required=False)
    evidence = forms.CharField(label=_("佐证（照片编号、台账页码、现场情况）"), max_length=300)
    checked_on = forms.DateField(label=_("检查日期"), widget=DATE)


class CheckInForm(forms.Form):
    code = forms.CharField(max_length=40)
    service = forms.ChoiceField(label=_("服务项目"), choices=ServiceKind.choices)

    def __init__(self, *args: Any, offered: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if offered is not None:
            self.fields["service"].choices = offered  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    union = forms.ModelChoiceField(label=_("基层工会"), queryset=Node.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    assessor = forms.ModelChoiceField(label=_("评估员"), queryset=Node.objects.none())

    def __init__(self, *args: Any, unions: Any, assessors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions  # type: ignore[attr-defined]
        self.fields["assessor"].queryset = assessors  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    title = forms.BooleanField(label=_("命名为示范工会"), required=False)
    top_ten = forms.BooleanField(label=_("评为十佳"), required=False)


class AllowanceForm(forms.Form):
    union = forms.ModelChoiceField(label=_("基层工会"), queryset=Node.objects.none())
    chair_name = forms.CharField(label=_("工会主席"), max_length=40)
    monthly = forms.DecimalField(label=_("月津贴（元）"), max_digits=8, decimal_places=2, min_value=0)
    starts_on = forms.DateField(label=_("起始日期"), widget=DATE)

    def __init__(self, *args: Any, unions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions  # type: ignore[attr-defined]


class EndForm(forms.Form):
    ends_on = forms.DateField(label=_("终止日期"), widget=DATE)
    reason = forms.CharField(label=_("终止原因"), max_length=200)


class VisitForm(forms.Form):
    unit = UnitField(
        label=_("走访单位（统一社会信用代码或名称）"), widget=forms.TextInput(attrs={"list": "units"})
    )
    visited_on = forms.DateField(label=_("走访日期"), widget=DATE)
    people_met = forms.IntegerField(label=_("访谈职工人数"), min_value=0, max_value=10_000)
    notes = forms.CharField(
        label=_("走访情况"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000, required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].units = units  # type: ignore[attr-defined]

    def clean_unit(self) -> Unit:
        unit = self.cleaned_data["unit"]
        if unit is None:
            raise forms.ValidationError(_("请填写走访单位。"))
        return unit


class ProblemForm(forms.Form):
    description = forms.CharField(label=_("反映的问题"), max_length=500, required=False)
    owner_name = forms.CharField(label=_("责任人"), max_length=40, required=False)
    due_on = forms.DateField(label=_("办理期限"), widget=DATE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("description") and not data.get("owner_name"):
            self.add_error("owner_name", _("请填写责任人。"))
        return data


ProblemFormSet = formset_factory(ProblemForm, extra=3, max_num=10, absolute_max=10)


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("办结方式"), choices=[("solved", _("已解决")), ("explained", _("已解释说明"))]
    )
    answer = forms.CharField(
        label=_("答复"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000, required=False
    )


class ReportForm(forms.Form):
    title = forms.CharField(label=_("题目"), max_length=200)
    author_name = forms.CharField(label=_("执笔人"), max_length=40)
    written_on = forms.DateField(label=_("成文日期"), widget=DATE)
    summary = forms.CharField(label=_("主要内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("进度（%）"), min_value=0, max_value=100)
    note = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)
    evidence = forms.CharField(label=_("佐证材料"), max_length=300)


class ReachForm(forms.Form):
    reached_on = forms.DateField(label=_("完成时间"), widget=DATE)


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("培训班"), max_length=120)
    kind = forms.ChoiceField(label=_("类别"), choices=Training.Kind.choices)
    starts_on = forms.DateField(label=_("开班日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结业日期"), widget=DATE)
    hours = forms.IntegerField(label=_("学时"), min_value=0, max_value=1000)
    attendees = forms.IntegerField(label=_("培训人次"), min_value=1, max_value=100_000)


class WorkerAssignForm(forms.Form):
    street = forms.ModelChoiceField(label=_("派驻街镇"), queryset=Node.objects.none())
    post = forms.CharField(label=_("职务"), max_length=40, initial="工会主席")
    starts_on = forms.DateField(label=_("起始日期"), widget=DATE)

    def __init__(self, *args: Any, streets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["street"].queryset = streets  # type: ignore[attr-defined]


class OrderForm(forms.Form):
    channel = forms.ChoiceField(label=_("来源"), choices=OrderChannel.choices)
    category = forms.ChoiceField(label=_("分类"), choices=())
    caller_name = forms.CharField(label=_("来电人"), max_length=40, required=False)
    caller_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    unit = UnitField(label=_("用人单位（可选）"), required=False)
    content = forms.CharField(label=_("诉求内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(
        self, *args: Any, units: Any, categories: list[tuple[str, list[tuple[int, str]]]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["unit"].units = units  # type: ignore[attr-defined]
        self.fields["category"].choices = categories  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class FollowUpForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("满意度"), coerce=int, choices=[(n, str(n)) for n in (5, 4, 3, 2, 1)]
    )


class ContestForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=120)
    kind = forms.ChoiceField(label=_("类型"), choices=Contest.Kind.choices)
    description = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000, required=False
    )
    submit_opens_at = forms.DateTimeField(label=_("征集开始"), widget=DATETIME)
    submit_closes_at = forms.DateTimeField(label=_("征集截止"), widget=DATETIME)
    vote_opens_at = forms.DateTimeField(label=_("投票开始"), widget=DATETIME)
    vote_closes_at = forms.DateTimeField(label=_("投票截止"), widget=DATETIME)
    daily_votes = forms.IntegerField(label=_("每人每日票数"), min_value=1, max_value=100, initial=5)
    max_entries = forms.IntegerField(label=_("每人限投稿"), min_value=1, max_value=20, initial=3)


class EntryForm(forms.Form):
    title = forms.CharField(label=_("作品名称"), max_length=80)
    image = forms.FileField(label=_("作品图片（JPEG 或 PNG，5 MB 以内）"))


class ReviewForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("审核"), coerce=lambda v: v == "1", choices=[("1", _("入围")), ("0", _("不通过"))]
    )
    note = forms.CharField(label=_("审核意见"), max_length=200, required=False)
