from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.members.services import CORRECTABLE_FIELDS, field_label


def field_choices() -> list[tuple[str, str]]:
    return [(name, field_label(name)) for name in CORRECTABLE_FIELDS]


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("要更正的项目"), choices=field_choices)
    value = forms.CharField(label=_("应更正为"), max_length=200, required=False)
    note = forms.CharField(
        label=_("说明"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DeletionForm(forms.Form):
    note = forms.CharField(
        label=_("说明（可不填）"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("我已了解哪些记录依法须保留"), required=True)


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("不予办理的理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
