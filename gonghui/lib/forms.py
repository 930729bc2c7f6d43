"""How every form renders: each field with its label above it, its help and, after a failed
submit, its error beside it; a required list with one choice comes with that choice selected."""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.forms.renderers import DjangoTemplates


class BoundField(forms.BoundField):
    def value(self) -> Any:
        value = super().value()
        if value in (None, "") and not self.form.is_bound and self.field.required:
            only = only_choice(self.field)
            if only is not None:
                return only
        return value


def only_choice(field: forms.Field) -> Any:
    """The value of a required list's single choice, or None when there are none or several."""
    if isinstance(field, forms.ModelChoiceField):
        if field.queryset is None:
            return None
        rows = list(field.queryset[:2])
        return field.prepare_value(rows[0]) if len(rows) == 1 else None
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(cast(Iterable[tuple[Any, Any]], field.choices))
        if any(isinstance(label, list | tuple) for _value, label in choices):
            return None  # grouped choices are never a single one
        values = [value for value, _label in choices if value not in (None, "")]
        return values[0] if len(values) == 1 else None
    return None


class FormRenderer(DjangoTemplates):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
    bound_field_class = BoundField
