"""The congress module's forms. A unit or a member named in a back-office form is looked up
within the staff member's own subtree: a foreign one is "not found" (AZ-4)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node, Unit

from .models import Assessment, Choice, Congress, Power, Proposal, Seat, Session

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class UnitsField(forms.CharField):
    """Units by 统一社会信用代码 or exact name, one a line, within the user's subtree."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, widget=forms.Textarea(attrs={"rows": 3}), max_length=20000, **kwargs)
        self.user: Any = None

    def clean(self, value: Any) -> list[Unit]:
        lines = [line.strip() for line in str(super().clean(value)).splitlines() if line.strip()]
        if not lines or len(lines) > 500:
            raise forms.ValidationError(_("请填写 1 至 500 个单位，每行一个。"))
        visible = Unit.objects.visible_to(self.user)
        units = []
        for line in lines:
            unit = (
                visible.filter(uscc=line.upper()).first() or visible.filter(name=line).order_by("id").first()
            )
            if unit is None:
                raise forms.ValidationError(_("未找到单位：%(line)s") % {"line": line[:60]})
            units.append(unit)
        return units


class CongressForm(forms.Form):
    name = forms.CharField(max_length=160, label=_("名称"))
    kind = forms.ChoiceField(choices=Congress.Kind.choices, label=_("类型"))
    node = forms.ModelChoiceField(
        queryset=Node.objects.none(),
        required=False,
        label=_("建会工会（联合职代会）"),
        help_text=_("单位职代会由该单位的基层工会建立，无需选择。"),
    )
    units = UnitsField(label=_("覆盖单位（统一社会信用代码或名称，每行一个）"))
    established_on = forms.DateField(label=_("建制日期"), widget=DATE)
    seats = forms.IntegerField(min_value=3, max_value=2000, label=_("代表名额"))
    term_years = forms.TypedChoiceField(
        choices=[(3, "3"), (5, "5")], coerce=int, initial=3, label=_("每届年限")
    )
    frontline_share = forms.DecimalField(
        min_value=Decimal(0),
        max_value=Decimal(1),
        decimal_places=2,
        initial=Decimal("0.50"),
        label=_("一线职工代表比例下限"),
    )
    women_share = forms.DecimalField(
        min_value=Decimal(0),
        max_value=Decimal(1),
        decimal_places=2,
        initial=Decimal("0.30"),
        label=_("女职工代表比例下限"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].user = user  # type: ignore[attr-defined]
        joint = [k for k in Node.Kind.values if k != Node.Kind.DISTRICT]
        own = Node.objects.visible_to(user).filter(pk=getattr(user, "node_id", None))
        self.fields["node"].queryset = (  # type: ignore[attr-defined]
            Node.objects.visible_to(user).filter(kind__in=joint).exclude(kind=Node.Kind.GRASSROOTS) | own
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Congress.Kind.JOINT and not data.get("node"):
            self.add_error("node", _("联合职代会请选择建会工会。"))
        return data


class MemberNoField(forms.CharField):
    """A member by member number, among the members the user may see."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, max_length=20, **kwargs)
        self.user: Any = None

    def clean(self, value: Any) -> Member:
        text = str(super().clean(value)).strip().upper()
        member = (
            Member.objects.visible_to(self.user)
            .filter(member_no=text, status=MemberStatus.ACTIVE, id_problem="")
            .first()
        )
        if member is None:
            raise forms.ValidationError(_("未找到在册会员。"))
        return member


class SeatForm(forms.Form):
    member = MemberNoField(label=_("会员编号"))
    frontline = forms.BooleanField(required=False, initial=True, label=_("一线职工"))
    constituency = forms.CharField(max_length=80, required=False, label=_("选区"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].user = user  # type: ignore[attr-defined]


class EndSeatForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in (Seat.ENDED, Seat.RECALLED, Seat.LEFT)], label=_("离任方式")
    )


class SessionForm(forms.Form):
    title = forms.CharField(max_length=160, label=_("会议名称"))
    starts_at = forms.DateTimeField(label=_("开会时间"), widget=DATETIME)
    place = forms.CharField(max_length=120, required=False, label=_("地点"))
    kind = forms.ChoiceField(choices=Session.Kind.choices, label=_("类型"))


class CloseSessionForm(forms.Form):
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=20000, label=_("会议纪要"))
    resolutions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=20000, required=False, label=_("会议决议")
    )


class ItemForm(forms.Form):
    kind = forms.ChoiceField(choices=Power.choices, label=_("职权"))
    title = forms.CharField(max_length=200, label=_("议题"))
    material = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=50000, required=False, label=_("材料")
    )
    referral = forms.IntegerField(required=False, min_value=1, label=_("提请审议事项"))


class StaffSignInForm(forms.Form):
    member = MemberNoField(label=_("会员编号"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].user = user  # type: ignore[attr-defined]


class TitleForm(forms.Form):
    title = forms.CharField(max_length=160, label=_("名称"))


class ConstituencyForm(forms.Form):
    name = forms.CharField(max_length=80, label=_("选区"))
    seats = forms.IntegerField(min_value=1, max_value=500, label=_("应选名额"))
    units = UnitsField(label=_("选区单位（统一社会信用代码或名称，每行一个）"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].user = user  # type: ignore[attr-defined]


class CandidateForm(forms.Form):
    constituency = forms.IntegerField(min_value=1, label=_("选区"))
    member = MemberNoField(label=_("会员编号"))
    nominated_by = forms.CharField(max_length=80, initial=_("职工十人以上联名"), label=_("提名方式"))
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False, label=_("竞选陈述")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].user = user  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (s.value, s.label)
            for s in (Proposal.Status.ACCEPTED, Proposal.Status.OPINION, Proposal.Status.DECLINED)
        ],
        label=_("审查意见"),
    )
    note = forms.CharField(max_length=200, required=False, label=_("说明"))


class AssignForm(forms.Form):
    department = forms.CharField(max_length=80, label=_("承办部门"))
    due_on = forms.DateField(label=_("答复期限"), widget=DATE)


class AnswerForm(forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=20000, label=_("答复"))


class ProposalForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("案由"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=20000, label=_("内容"))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(choices=Proposal.Rating.choices, coerce=int, label=_("对答复的评价"))


class VoteForm(forms.Form):
    choice = forms.ChoiceField(choices=Choice.choices)


class BallotForm(forms.Form):
    candidates = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=[])

    def __init__(self, *args: Any, candidates: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidates"].choices = [(pk, pk) for pk in candidates]  # type: ignore[attr-defined]


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)

    def year_or_last(self) -> int:
        return (self.cleaned_data.get("year") if self.is_valid() else None) or timezone.localdate().year - 1


class AssessForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    grade = forms.ChoiceField(choices=Assessment.Grade.choices)


class ReportForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=20000)
