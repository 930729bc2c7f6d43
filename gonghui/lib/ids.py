"""Chinese resident ID numbers (GB 11643) and phone numbers.

stdnum does the checksum and date; the region rule is ours: the first six
digits are the county where the number was issued (from 1984 on), so any
county code that has ever existed is valid whatever the birth year.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from django.utils.translation import gettext as _
from stdnum import numdb
from stdnum.cn import ric

ELEVEN_DIGITS = re.compile(r"^1\d{10}$")


class InvalidIdNumber(ValueError):
    pass


class InvalidPhone(ValueError):
    pass


@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: datetime.date
    gender: str  # "M" or "F"
    upgraded_from_15: bool = False


def normalize(raw: str) -> str:
    """Full-width to half-width, no spaces, upper-case X."""
    text = unicodedata.normalize("NFKC", str(raw))
    return "".join(text.split()).upper()


@lru_cache(maxsize=8192)
def region_exists(code: str) -> bool:
    results = numdb.get("cn/loc").info(code)
    return any("county" in props for _part, props in results)


def upgrade_15(number: str) -> str:
    """A 15-digit legacy number: insert the century and append the check digit."""
    body = number[:6] + "19" + number[6:]
    return body + ric.calc_check_digit(body + "0")


def parse_id(raw: str, *, today: datetime.date | None = None) -> IdInfo:
    number = normalize(raw)
    upgraded = False
    if len(number) == 15 and number.isdigit():
        number, upgraded = upgrade_15(number), True
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidIdNumber(_("身份证号应为18位（最后一位可为X）"))
    if number[17] != ric.calc_check_digit(number):
        raise InvalidIdNumber(_("身份证号校验码不正确"))
    try:
        # What stdnum's get_birth_date reads, without its generic clean-up of a number that
        # is already clean here (an import parses one per row).
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdNumber(_("身份证号中的出生日期不存在")) from None
    today = today or datetime.date.today()
    if birth > today or birth.year < 1900:
        raise InvalidIdNumber(_("身份证号中的出生日期不合理"))
    if not region_exists(number[:6]):
        raise InvalidIdNumber(_("身份证号前六位不是有效的行政区划代码"))
    gender = "M" if int(number[16]) % 2 else "F"
    return IdInfo(number=number, birth_date=birth, gender=gender, upgraded_from_15=upgraded)


def normalize_phone(raw: str) -> str:
    """A mainland mobile number as 11 digits; +86, spaces and dashes are accepted."""
    text = normalize(raw).replace("-", "")
    if ELEVEN_DIGITS.match(text):
        # phonenumbers' mainland mobile patterns decide on at most the first seven
        # digits of an 11-digit number, so one answer per prefix serves a whole roster.
        if not _is_mobile_prefix(text[:7]):
            raise InvalidPhone(_("手机号格式不正确"))
        return text
    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise InvalidPhone(_("手机号格式不正确")) from None
    if parsed.country_code != 86 or not phonenumbers.is_valid_number(parsed):
        raise InvalidPhone(_("手机号格式不正确"))
    if phonenumbers.number_type(parsed) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise InvalidPhone(_("请填写手机号码"))
    return str(parsed.national_number)


@lru_cache(maxsize=65536)
def _is_mobile_prefix(prefix: str) -> bool:
    parsed = phonenumbers.parse(prefix + "0000", "CN")
    return phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
