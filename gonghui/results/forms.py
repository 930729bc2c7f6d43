from django import forms
from django.utils.translation import gettext_lazy as _

from .links import MAX_HOURS


class ScreenLinkForm(forms.Form):
    hours = forms.IntegerField(
        label=_("有效期（小时）"), min_value=1, max_value=MAX_HOURS, initial=24 * 7, help_text=_("最长 90 天")
    )


class BoardForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=60)
    published = forms.BooleanField(label=_("公开"), required=False)
    calendar = forms.BooleanField(label=_("显示近期活动日历"), required=False)
    figures = forms.MultipleChoiceField(
        label=_("公开的指标"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["figures"].choices = choices  # type: ignore[attr-defined]
