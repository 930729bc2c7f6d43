from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.organizations.models import Node

from .models import MemberStatus


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=40)
    status = forms.ChoiceField(
        label=_("会籍状态"), required=False, choices=[("", _("全部")), *MemberStatus.choices]
    )
    flagged = forms.BooleanField(label=_("仅看证件有问题的"), required=False)
    node = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**62)
    joined_year = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1900, max_value=2100)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("驳回理由"), max_length=200)


class TransferForm(forms.Form):
    to_union = forms.CharField(label=_("转入工会（全称）"), max_length=120)

    def clean_to_union(self) -> Node:
        name = self.cleaned_data["to_union"].strip()
        matches = list(Node.objects.filter(kind=Node.Kind.GRASSROOTS, name=name)[:2])
        if len(matches) != 1:
            raise forms.ValidationError(_("找不到唯一的基层工会，请填写工会全称。"))
        return matches[0]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("会籍状态"), choices=[c for c in MemberStatus.choices if c[0] != MemberStatus.TRANSFERRED]
    )
    reason = forms.CharField(label=_("说明"), max_length=200, required=False)


class RevealForm(forms.Form):
    field = forms.ChoiceField(choices=[("id_number", _("证件号码")), ("phone", _("手机"))])
