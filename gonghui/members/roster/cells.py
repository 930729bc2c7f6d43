"""Normalising one cell as people type it into Excel."""

import datetime
import re
import unicodedata
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.lib.ids import IdInfo, InvalidIdNumber, InvalidPhone, normalize_phone, parse_id

from ..models import Education, HukouType, PoliticalStatus, SkillLevel

EXCEL_EPOCH = datetime.date(1899, 12, 30)
DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
MONTH_PATTERN = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")
SCIENTIFIC = re.compile(r"\d(\.\d+)?[eE]\+?\d+")


class CellError(ValueError):
    """A reason in Chinese, for the error column of the report."""


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = str(value)
    if not value.isascii():  # NFKC leaves ASCII as it is; most cells are
        value = unicodedata.normalize("NFKC", value)
    return " ".join(value.split())


def id_number(value: Any, *, today: datetime.date | None = None) -> IdInfo:
    """The validated number (18 digits, upgraded from 15 where needed), birth date and gender."""
    if isinstance(value, float) or SCIENTIFIC.fullmatch(text(value)):
        raise CellError(_("身份证号被 Excel 转成了数字，后几位已丢失；请把该列设为“文本”后重新填写"))
    raw = text(value).replace(" ", "")
    if isinstance(value, int) and len(raw) == 18 and raw.endswith("000"):
        raise CellError(_("身份证号被 Excel 转成了数字，末尾变成了 0；请把该列设为“文本”后重新填写"))
    if not raw:
        raise CellError(_("身份证号为空"))
    try:
        return parse_id(raw, today=today)
    except InvalidIdNumber as exc:
        raise CellError(str(exc)) from None


def phone(value: Any) -> str:
    raw = text(value)
    if not raw:
        return ""
    if isinstance(value, float) and not value.is_integer():
        raise CellError(_("手机号格式不正确"))
    try:
        return normalize_phone(raw)
    except InvalidPhone as exc:
        raise CellError(str(exc)) from None


def date(value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and 1 <= value < 80000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    return _date_text(text(value).replace(" ", ""))


@lru_cache(maxsize=4096)
def _date_text(raw: str) -> datetime.date:
    """Cached: a roster repeats its dates (the day a whole unit joined); a refused date
    raises, and is never cached."""
    for pattern in DATE_PATTERNS:
        if match := pattern.match(raw):
            return _make_date(*match.groups())
    if match := MONTH_PATTERN.match(raw):
        return _make_date(match.group(1), match.group(2), "1")
    raise CellError(
        _("无法识别的日期“%(value)s”（可写作 2015-3-1、2015.3.1、2015年3月1日 或 2015/03）")
        % {"value": raw[:20]}
    )


def _make_date(year: str, month: str, day: str) -> datetime.date:
    try:
        result = datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(_("日期不存在：%(y)s年%(m)s月%(d)s日") % {"y": year, "m": month, "d": day}) from None
    if not datetime.date(1940, 1, 1) <= result <= datetime.date.today():
        raise CellError(_("日期不合理：%(date)s") % {"date": result.isoformat()})
    return result


def gender(value: Any) -> str:
    raw = text(value)
    if raw in ("", None):
        return ""
    if raw in ("男", "M", "m", "男性"):
        return "M"
    if raw in ("女", "F", "f", "女性"):
        return "F"
    raise CellError(_("性别应为“男”或“女”"))


def yes_no(value: Any) -> bool:
    return text(value) in ("是", "Y", "y", "1", "√", "是劳模")


@lru_cache(maxsize=4096)
def _lookup(choices: Any, raw: str) -> str | None:
    """A choice's key from its key, its Chinese label or the start of the label (cached: labels are lazy)."""
    for key, display in choices.choices:
        if raw in (key, str(display)) or str(display).startswith(raw):
            return key
    return None


def _choice(choices: Any, value: Any, label: Any) -> str:
    raw = text(value)
    if not raw:
        return ""
    key = _lookup(choices, raw)
    if key is None:
        raise CellError(_("%(label)s“%(value)s”不在可选范围内") % {"label": label, "value": raw[:20]})
    return key


EDUCATION_ALIASES = {
    "中专": "senior",
    "技校": "senior",
    "高中": "senior",
    "专科": "college",
    "大学": "bachelor",
    "硕士": "postgraduate",
    "博士": "postgraduate",
    "小学": "primary",
    "初中": "junior",
}
POLITICAL_ALIASES = {"党员": "cpc", "团员": "league", "预备党员": "cpc"}
HUKOU_ALIASES = {
    "本市城镇": "local_urban",
    "城镇": "local_urban",
    "本市农村": "local_rural",
    "农业": "local_rural",
    "外来务工": "migrant_urban",
    "外省市城镇": "migrant_urban",
    "农民工": "migrant_rural",
    "外省市农村": "migrant_rural",
}


def education(value: Any) -> str:
    return EDUCATION_ALIASES.get(text(value)) or _choice(Education, value, gettext_lazy("学历"))


def political_status(value: Any) -> str:
    return POLITICAL_ALIASES.get(text(value)) or _choice(PoliticalStatus, value, gettext_lazy("政治面貌"))


def hukou_type(value: Any) -> str:
    return HUKOU_ALIASES.get(text(value)) or _choice(HukouType, value, gettext_lazy("户籍类型"))


def skill_level(value: Any) -> str:
    return _choice(SkillLevel, value, gettext_lazy("技能等级")) if text(value) not in ("无", "") else ""
