"""The one set of filters every page formats numbers, money, rates and dates with.

Chinese readers expect thousands separated by commas (1,020,000), money as ¥ with two
decimals, rates as a percentage with one decimal and dates as 2016年9月5日 (or 2016-09-05 in
dense tables)."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gonghui.lib.masking import mask_id, mask_name, mask_phone
from gonghui.lib.roles import Role

register = template.Library()

register.filter("mask_id", mask_id)
register.filter("mask_phone", mask_phone)
register.filter("mask_name", mask_name)

EMPTY = "—"


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@register.filter
def percent(value: object, places: int = 1) -> str:
    """A fraction as a percentage: 0.0524 -> 5.2%."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    return f"{number * 100:,.{places}f}%"


@register.filter
def count(value: object) -> str:
    """A whole number with thousands separators: 18700 -> 18,700."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    return f"{number:,.0f}"


@register.filter
def yuan(value: object) -> str:
    """Money: ¥1,020,000.00 (a negative amount keeps its sign before the ¥)."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    sign = "-" if number < 0 else ""
    return f"{sign}¥{abs(number):,.2f}"


@register.filter
def amount(value: object) -> str:
    """Money without the ¥, for columns whose heading already says 元: 1,020,000.00."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    return f"{number:,.2f}"


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def day(value: date | datetime | None) -> str:
    """A date in dense tables: 2016-09-05."""
    if not value:
        return EMPTY
    return f"{_local(value):%Y-%m-%d}"


@register.filter
def moment(value: datetime | None) -> str:
    """A date and time in dense tables: 2016-09-05 14:30."""
    if not value:
        return EMPTY
    return f"{_local(value):%Y-%m-%d %H:%M}"


@register.filter
def longday(value: date | datetime | None) -> str:
    """A date in a sentence, as the language writes it: 2016年9月5日 (September 5, 2016)."""
    if not value:
        return EMPTY
    return formats.date_format(_local(value), "DATE_FORMAT")


@register.filter
def person(user: object) -> str:
    """Who did something, as people name them: a member by their masked name, staff by their
    name, or by their organization and role when the account has no name; never a username."""
    if user is None:
        return _("系统")
    role = getattr(user, "role", "")
    if role == Role.MEMBER:
        member = getattr(user, "member", None)
        return mask_name(member.name) if member is not None else _("会员")
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    if full_name:
        return str(full_name)
    node = getattr(user, "node", None)
    label = Role(role).label if role in Role.values else ""
    return f"{node.name} · {label}" if node is not None else str(label or _("工作人员"))


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
