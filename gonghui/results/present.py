"""Figures as a reader sees them: a value in its unit (a rate as a percentage with one decimal,
money as ¥ with separators and two decimals, counts with separators), its change against the
period before, and the link to the records behind it."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gonghui.lib.figures import Figure, FigureSet, FigureUnit

CENT = Decimal("0.01")


def script_json(value: Any) -> str:
    """JSON for a <script type="application/json"> element, escaped as `json_script` escapes it
    (a chart's data runs to some 100 kB, and str.replace is many times faster than translate)."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def number(value: Any) -> float | None:
    """A figure's value as a number for a chart (money comes as a string)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def display(value: Any, unit: str) -> str:
    if value is None or isinstance(value, dict | list):
        return "—"
    if unit == FigureUnit.RATE:
        return f"{float(value) * 100:.1f}%"
    if unit == FigureUnit.YUAN:
        try:
            return f"¥{Decimal(str(value)).quantize(CENT):,}"
        except InvalidOperation:
            return "—"
    if unit == FigureUnit.DAYS:
        return _("%(n)s 天") % {"n": f"{float(value):,.1f}".removesuffix(".0")}
    if unit == FigureUnit.SCORE:
        return f"{float(value):.2f}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(float(value)):,}"


@dataclass(frozen=True)
class Change:
    text: str
    direction: str  # "up", "down" or "flat"


def change(value: Any, before: Any, unit: str) -> Change | None:
    """The change from `before` to `value`: in percentage points for a rate, in per cent
    otherwise; None when there is nothing to compare."""
    now, then = number(value), number(before)
    if now is None or then is None:
        return None
    direction = "up" if now > then else "down" if now < then else "flat"
    if unit == FigureUnit.RATE:
        return Change(_("%(d)s 个百分点") % {"d": f"{(now - then) * 100:+.1f}"}, direction)
    if then == 0:
        return Change(_("持平") if now == 0 else _("新增"), direction)
    return Change(f"{(now - then) / abs(then) * 100:+.1f}%", direction)


@cache
def list_url(name: str) -> str:
    return reverse(name)


def drill_url(figure: Figure, node_id: int | str, params: Mapping[str, str], **extra: str) -> str:
    """The staff list behind a figure, for a node and a period (given by the API's parameters:
    the lists that know them filter by them): the figure's own filters, then `extra`."""
    if not figure.drill:
        return ""
    year = params.get("year")
    query: dict[str, str] = {"node": str(node_id), **params}
    for key, value in parse_qsl(figure.drill_query):
        if "{year}" not in value:
            query[key] = value
        elif year:
            query[key] = value.replace("{year}", year)
    query.update(extra)
    return f"{list_url(figure.drill)}?{urlencode(query)}"


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    value: str
    change: Change | None
    meaning: str
    url: str
    stock: bool


def scalar(figure: Figure) -> bool:
    return not figure.by


def tiles(
    figures: FigureSet,
    now: Mapping[str, Any] | None,
    before: Mapping[str, Any] | None,
    *,
    node_id: int,
    params: Mapping[str, str],
) -> list[Tile]:
    out = []
    for figure in filter(scalar, figures.figures):
        value = now.get(figure.key) if now else None
        out.append(
            Tile(
                key=f"{figures.group}.{figure.key}" if figures.group else figure.key,
                label=figure.label,
                value=display(value, figure.unit),
                change=change(value, before.get(figure.key) if before else None, figure.unit),
                meaning=figure.meaning,
                url=drill_url(figure, node_id, params),
                stock=figure.kind == "stock",
            )
        )
    return out
