from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.organizations.models import Node

from .columns import LABELS


class UploadForm(forms.Form):
    union = forms.ModelChoiceField(label=_("导入到工会"), queryset=Node.objects.none())
    file = forms.FileField(label=_("花名册文件（.xlsx / .xls / .csv）"))

    def __init__(self, *args, unions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions  # type: ignore[attr-defined]


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("文件格式"), choices=[("csv", "CSV"), ("xlsx", "Excel")], initial="xlsx"
    )
    full = forms.BooleanField(label=_("导出完整身份证号和手机号"), required=False)
    purpose = forms.CharField(label=_("用途（完整导出必填）"), max_length=200, required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("full") and not (data.get("purpose") or "").strip():
            self.add_error("purpose", _("完整导出须说明用途。"))
        return data


FIELD_CHOICES = [("", _("（忽略此列）")), *LABELS.items()]


def mapping_form(header: list[str], current: dict[str, str]) -> type[forms.Form]:
    fields = {
        f"col_{i}": forms.ChoiceField(
            label=text, choices=FIELD_CHOICES, required=False, initial=current.get(text, "")
        )
        for i, text in enumerate(header)
        if text
    }
    return type("MappingForm", (forms.Form,), fields)
