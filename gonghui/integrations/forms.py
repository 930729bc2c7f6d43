from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.organizations.models import Node

from .models import ApiToken, Permission
from .services import MAX_DAYS, MAX_RATE


class TokenForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=80, help_text=_("对接的系统，如“市总工会服务平台”"))
    kind = forms.ChoiceField(label=_("类型"), choices=ApiToken.Kind.choices, initial=ApiToken.Kind.SYSTEM)
    node = forms.ModelChoiceField(label=_("组织范围"), queryset=Node.objects.none())
    permissions = forms.MultipleChoiceField(
        label=_("权限"), choices=Permission.choices, widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(label=_("有效天数"), min_value=1, max_value=MAX_DAYS, initial=365)
    rate_per_minute = forms.IntegerField(
        label=_("每分钟请求上限"), min_value=1, max_value=MAX_RATE, initial=120
    )

    def __init__(self, *args: object, nodes: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]
