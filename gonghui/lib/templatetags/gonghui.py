from django import template

from gonghui.lib.masking import mask_id, mask_phone

register = template.Library()

register.filter("mask_id", mask_id)
register.filter("mask_phone", mask_phone)


@register.filter
def percent(value: float | None, places: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.{places}f}%"


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()
