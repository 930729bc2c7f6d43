from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Claim, DiscountRule, FreeService, Merchant, PlanYear, Store


class DateInput(forms.DateInput):
    input_type = "date"


class MerchantForm(forms.ModelForm):
    class Meta:
        model = Merchant
        fields = ["name", "category", "agreement_start", "agreement_end", "contact"]
        widgets = {"agreement_start": DateInput(), "agreement_end": DateInput()}


class MerchantStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=Merchant.Status.choices)


class StoreForm(forms.ModelForm):
    class Meta:
        model = Store
        fields = ["name", "address"]


class RuleForm(forms.ModelForm):
    rate = forms.DecimalField(
        label=_("折扣率"),
        min_value=Decimal("0.10"),
        max_value=Decimal("0.45"),
        decimal_places=2,
        help_text=_("0.10 至 0.45，即优惠10%至45%"),
    )

    class Meta:
        model = DiscountRule
        fields = ["name", "rate", "cap", "per_member_limit", "campaign_limit", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class CashierLinkForm(forms.Form):
    username = forms.CharField(label=_("收银员账号"), max_length=150)
    store = forms.IntegerField(widget=forms.HiddenInput)


class PlanYearForm(forms.ModelForm):
    class Meta:
        model = PlanYear
        fields = ["year", "district_premium", "city_premium"]


class ClaimForm(forms.Form):
    kind = forms.ChoiceField(label=_("申请类别"), choices=Claim.Kind.choices)
    occurred_on = forms.DateField(label=_("发生日期"), widget=DateInput())
    amount_requested = forms.DecimalField(
        label=_("申请金额（元）"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    health_details = forms.CharField(
        label=_("病情或伤情说明"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    documents = forms.FileField(label=_("证明材料（PDF、JPEG或PNG）"), required=False)


class ClaimCadreForm(ClaimForm):
    member_no = forms.CharField(label=_("会员编号"), max_length=20)


class ReviewForm(forms.Form):
    amount = forms.DecimalField(
        label=_("核定金额（元）"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    note = forms.CharField(label=_("审核意见"), max_length=300, required=False)


class RejectForm(forms.Form):
    note = forms.CharField(label=_("理由"), max_length=300)


class DocumentForm(forms.Form):
    document = forms.FileField(label=_("证明材料"))


class ServiceChoiceForm(forms.Form):
    service = forms.ModelChoiceField(label=_("服务项目"), queryset=FreeService.objects.filter(active=True))


class RateFilterForm(forms.Form):
    q = forms.CharField(label=_("单位名称"), max_length=40, required=False)
    kind = forms.ChoiceField(
        label=_("单位性质"),
        choices=[("", _("全部单位")), ("enterprise", _("企业")), ("other", _("非企业"))],
        required=False,
    )
    order = forms.ChoiceField(
        label=_("排序"),
        choices=[
            ("", _("会员最多")),
            ("rate", _("办卡率从高到低")),
            ("-rate", _("办卡率从低到高")),
            ("name", _("单位名称")),
        ],
        required=False,
    )
