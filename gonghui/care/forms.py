"""The care forms. Every choice of a node or a member list is limited to what the person may see,
so a posted foreign id is refused as an invalid choice (AZ-4)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.members.models import MemberGroup
from gonghui.organizations.models import Node, Unit

from .models import AidKind, CampaignKind, Cause, DocumentKind, GoodsKind, OfferKind, OfferMode, RuleKind

DATE = forms.DateInput(attrs={"type": "date"})


def yuan(label: Any, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), label=label, **kwargs)


def nodes_for(user: Any) -> QuerySet[Node]:
    """The organizing nodes a person may pick: every node above the grassroots in their subtree,
    and their own (a grassroots chair has only that one)."""
    return Node.objects.visible_to(user).filter(~Q(kind=Node.Kind.GRASSROOTS) | Q(pk=user.node_id))


class NodeForm(forms.Form):
    # Organizers are picked among the nodes above the grassroots; targets and sites may be any node.
    any_node = False

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("node", "group"):
            field = self.fields.get(name)
            if isinstance(field, forms.ModelChoiceField) and name == "node":
                field.queryset = Node.objects.visible_to(user) if self.any_node else nodes_for(user)
            elif isinstance(field, forms.ModelChoiceField):
                field.queryset = MemberGroup.objects.visible_to(user)


class FilterForm(forms.Form):
    node = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    year = forms.IntegerField(required=False, min_value=1949, max_value=2100)
    status = forms.CharField(required=False, max_length=20)
    kind = forms.CharField(required=False, max_length=20)


class CampaignForm(NodeForm):
    name = forms.CharField(max_length=120, label=_("活动名称"))
    kind = forms.ChoiceField(choices=CampaignKind.choices, label=_("类型"))
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("主办组织"))
    starts_on = forms.DateField(widget=DATE, label=_("开始日期"))
    ends_on = forms.DateField(widget=DATE, label=_("结束日期"))
    goods_kind = forms.ChoiceField(choices=GoodsKind.choices, label=_("慰问形式"))
    goods = forms.CharField(max_length=200, label=_("慰问物品或服务"))
    unit_value = yuan(_("每人标准（元）"))
    budget = yuan(_("预算（元）"))


class TargetForm(NodeForm):
    any_node = True
    node = forms.ModelChoiceField(queryset=Node.objects.none(), required=False, label=_("组织"))
    industries = forms.MultipleChoiceField(
        choices=Unit.Industry.choices,
        required=False,
        label=_("限定行业"),
        widget=forms.CheckboxSelectMultiple,
    )
    group = forms.ModelChoiceField(queryset=MemberGroup.objects.none(), required=False, label=_("或会员名单"))


class SiteForm(NodeForm):
    any_node = True
    name = forms.CharField(max_length=120, label=_("慰问点"))
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("所在组织"))
    address = forms.CharField(max_length=200, required=False, label=_("地址"))
    on_day = forms.DateField(widget=DATE, label=_("慰问日期"))


class ScanForm(forms.Form):
    scanned = forms.CharField(max_length=400, label=_("会员码"))


class SignForm(forms.Form):
    member_no = forms.CharField(max_length=20, label=_("会员编号"))
    signature = forms.CharField(max_length=300_000, widget=forms.HiddenInput)


class OfferForm(NodeForm):
    kind = forms.ChoiceField(choices=OfferKind.choices, label=_("项目"))
    title = forms.CharField(max_length=120, label=_("名称"))
    place = forms.CharField(max_length=120, label=_("地点、机构"))
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("主办组织"))
    group = forms.ModelChoiceField(queryset=MemberGroup.objects.none(), required=False, label=_("限定名单"))
    mode = forms.ChoiceField(choices=OfferMode.choices, label=_("方式"))
    starts_on = forms.DateField(widget=DATE, label=_("开始日期"))
    ends_on = forms.DateField(widget=DATE, label=_("结束日期"))
    book_by = forms.DateField(widget=DATE, label=_("预约截止"))
    places = forms.IntegerField(min_value=1, max_value=100_000, label=_("名额"))
    unit_cost = yuan(_("每人费用（元）"), initial=0)


class MemberNoForm(forms.Form):
    member_no = forms.CharField(max_length=20, label=_("会员编号"))


class DoneForm(forms.Form):
    done_on = forms.DateField(widget=DATE, label=_("完成日期"))
    attended = forms.BooleanField(required=False, initial=True, label=_("已参加"))
    consent = forms.BooleanField(required=False, label=_("本人同意记录结果摘要"))
    result = forms.CharField(
        max_length=500, required=False, label=_("结果摘要"), widget=forms.Textarea(attrs={"rows": 2})
    )


class FileForm(forms.Form):
    member_no = forms.CharField(max_length=20, label=_("会员编号"))
    household_size = forms.IntegerField(min_value=1, max_value=30, label=_("家庭人口"))
    monthly_income = yuan(_("家庭月收入（元）"))
    causes = forms.MultipleChoiceField(
        choices=Cause.choices, label=_("致困原因"), widget=forms.CheckboxSelectMultiple
    )
    illness = forms.CharField(max_length=200, required=False, label=_("病情说明（因病时填写）"))
    situation = forms.CharField(
        max_length=3000, label=_("家庭困难情况"), widget=forms.Textarea(attrs={"rows": 4})
    )
    bank_account = forms.CharField(max_length=40, required=False, label=_("收款账户"))


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=DocumentKind.choices, label=_("材料类型"))
    file = forms.FileField(label=_("文件"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("yes", _("通过")), ("no", _("不通过"))])
    note = forms.CharField(max_length=200, required=False, label=_("意见"))


class YearlyForm(forms.Form):
    household_size = forms.IntegerField(min_value=1, max_value=30, label=_("家庭人口"))
    monthly_income = yuan(_("家庭月收入（元）"))
    note = forms.CharField(max_length=200, required=False, label=_("说明"))


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=300, label=_("理由"))


class GrantForm(forms.Form):
    kind = forms.ChoiceField(choices=AidKind.choices, label=_("帮扶类型"))
    amount = forms.DecimalField(max_digits=12, decimal_places=2, min_value=0.01, label=_("金额（元）"))
    cause = forms.IntegerField(required=False, min_value=1, max_value=2**62, label=_("对应病因"))


class PayForm(forms.Form):
    key = forms.RegexField(regex=r"^[A-Za-z0-9_-]{8,64}$")
    scanned = forms.CharField(max_length=400, required=False, label=_("受助职工会员码"))
    signature = forms.CharField(max_length=300_000, required=False, widget=forms.HiddenInput)


class RuleForm(forms.Form):
    code = forms.SlugField(max_length=40, label=_("规则编号"))
    name = forms.CharField(max_length=80, label=_("规则名称"))
    kind = forms.ChoiceField(choices=RuleKind.choices, label=_("类型"))
    campaign_kinds = forms.MultipleChoiceField(
        choices=CampaignKind.choices, required=False, label=_("适用活动"), widget=forms.CheckboxSelectMultiple
    )
    goods_kinds = forms.MultipleChoiceField(
        choices=GoodsKind.choices, required=False, label=_("禁止物品"), widget=forms.CheckboxSelectMultiple
    )
    aid_kinds = forms.MultipleChoiceField(
        choices=AidKind.choices, required=False, label=_("适用帮扶"), widget=forms.CheckboxSelectMultiple
    )
    offer_kind = forms.ChoiceField(
        choices=[("", "—"), *OfferKind.choices], required=False, label=_("适用项目")
    )
    amount = yuan(_("金额上限（元）"), required=False)
    count = forms.IntegerField(min_value=1, max_value=100, required=False, label=_("次数上限"))
    basis = forms.CharField(max_length=200, label=_("依据"))
    reason = forms.CharField(max_length=200, label=_("不予通过的理由"))
    valid_from = forms.DateField(widget=DATE, label=_("生效日期"))


class EndForm(forms.Form):
    on = forms.DateField(widget=DATE, label=_("失效日期"))


class StandardForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("年度"))
    income_line = forms.DecimalField(
        max_digits=12, decimal_places=2, min_value=0.01, label=_("月人均收入标准（元）")
    )
