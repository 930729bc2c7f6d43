"""The insurer's enrolment list: streamed CSV, masked, formula-injection safe (FX-2)."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from gonghui.lib.masking import mask_id

from .masking import mask_name

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "年度",
    "会员编号",
    "姓名",
    "性别",
    "证件号码",
    "服务卡号",
    "所属工会路径",
    "区总工会出资",
    "市总工会补贴",
]


def safe_cell(value: Any) -> str:
    """A cell a spreadsheet will never run as a formula: risky first characters get a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS_FIRST) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]], header: list[str]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([safe_cell(h) for h in header])  # BOM: Excel reads UTF-8
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def enrolment_rows(values: Iterable[tuple[Any, ...]]) -> Iterator[list[Any]]:
    """values: (year, member_no, name, gender, id_number, card_no, path, district, city)."""
    for year, member_no, name, gender, id_number, card_no, path, district, city in values:
        sex = {"M": "男", "F": "女"}.get(gender, "")
        yield [year, member_no, mask_name(name), sex, mask_id(id_number), card_no, path, district, city]
