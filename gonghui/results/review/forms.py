from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.lib.figures import BEGINNING
from gonghui.organizations.models import Node


class ReviewForm(forms.Form):
    node = forms.ModelChoiceField(queryset=Node.objects.none(), label=_("组织"), empty_label=None)
    first_year = forms.IntegerField(label=_("起始年度"), min_value=BEGINNING.year)
    last_year = forms.IntegerField(label=_("截止年度"), min_value=BEGINNING.year)

    def __init__(self, *args: Any, nodes: QuerySet[Node], **kwargs: Any) -> None:
        this_year = timezone.localdate().year
        kwargs.setdefault("initial", {"first_year": this_year - 5, "last_year": this_year - 1})
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]
        for name in ("first_year", "last_year"):
            self.fields[name].validators.append(MaxValueValidator(this_year))
            self.fields[name].widget.attrs["max"] = this_year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_year"), data.get("last_year")
        if isinstance(first, int) and isinstance(last, int) and first > last:
            self.add_error("last_year", _("截止年度不能早于起始年度。"))
        return data
