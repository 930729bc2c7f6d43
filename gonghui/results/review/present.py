"""How the review prints a figure's value, its period and its change, in Chinese as a report
reads: 187,000（18.7万）, 82.0%, 5,315,000.00 元, 截至2016年12月31日, +3.1个百分点."""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from gonghui.lib.figures import Figure, FigureKind, FigureUnit, Period

CENT = Decimal("0.01")
SUFFIX: dict[str, str] = {
    FigureUnit.COUNT: "",
    FigureUnit.PERSON_TIMES: " 人次",
    FigureUnit.YUAN: " 元",
    FigureUnit.DAYS: " 天",
    FigureUnit.SCORE: " 分",
    FigureUnit.RATE: "",
}
DASH = "—"

type Number = int | float | Decimal


def number(value: Any, unit: str) -> Number | None:
    """A registry value as a number: money as Decimal with two places (the registry gives it
    as text), the rest as they come; None for no value."""
    if value is None or isinstance(value, bool | dict | list):
        return None
    if unit == FigureUnit.YUAN:
        try:
            return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return None
    if isinstance(value, int | float | Decimal):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def wan(value: Number) -> str:
    """Large amounts as a Chinese report writes them beside the full figure: 18.7万."""
    short = f"{Decimal(value) / 10000:.2f}".rstrip("0").rstrip(".")
    return f"{short}万"


def show(value: Any, unit: str, *, short: bool = True) -> str:
    n = number(value, unit)
    if n is None:
        return DASH
    if unit == FigureUnit.RATE:
        return f"{float(n) * 100:.1f}%"
    if unit == FigureUnit.YUAN:
        text = f"{n:,.2f}"
    elif n == int(n):
        text = f"{int(n):,}"
    else:
        text = f"{float(n):,.2f}".rstrip("0").rstrip(".")
    suffix = SUFFIX.get(unit, "")
    if short and abs(float(n)) >= 10000:
        return f"{text}{suffix}（{wan(n)}{suffix.strip()}）"
    return text + suffix


def brief(value: Any, unit: str) -> str:
    """A headline as a report's summary gives it: 18.7万, 531.5万元, 82.0%."""
    n = number(value, unit)
    if n is None or unit == FigureUnit.RATE or abs(float(n)) < 10000:
        return show(value, unit)
    return wan(n) + SUFFIX.get(unit, "").strip()


def day(value: datetime.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def period_text(period: Period) -> str:
    """A flow's period: 2012—2016年, 2016年, or the two days."""
    if period.is_all_time:
        return f"截至{day(period.end)}累计"
    first, last = period.start, period.end
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return f"{first.year}年" if first.year == last.year else f"{first.year}—{last.year}年"
    return f"{day(first)}—{day(last)}"


def figure_period(figure: Figure, period: Period) -> str:
    return f"截至{day(period.end)}" if figure.kind == FigureKind.STOCK else period_text(period)


def change(figure: Figure, before: Any, after: Any, *, label: str, spans: int) -> str:
    """After against before: the difference, the relative change and, over more than one year,
    the average yearly growth (as the seed gives 17.5% for contracts). Rates change in points."""
    a, b = number(before, figure.unit), number(after, figure.unit)
    if a is None or b is None:
        return ""
    if figure.unit == FigureUnit.RATE:
        points = (float(b) - float(a)) * 100
        return f"{label}持平" if round(points, 1) == 0 else f"{label} {points:+.1f}个百分点"
    diff = Decimal(str(b)) - Decimal(str(a))
    if diff == 0:
        return f"{label}持平"
    sign = "+" if diff >= 0 else "-"
    text = f"{label} {sign}{show(abs(diff), figure.unit, short=False)}"
    if a > 0:
        text += f"（{(float(b) / float(a) - 1) * 100:+.1f}%）"
        if spans > 1 and b > 0:
            text += f"，年均 {((float(b) / float(a)) ** (1 / spans) - 1) * 100:+.1f}%"
    return text
