"""The insurer's enrolment list: streamed CSV, masked, formula-injection safe (FX-2)."""

import csv
from collections.abc import Iterable, Iterator
from itertools import batched
from typing import Any

from django.db.models import QuerySet

from gonghui.lib.masking import mask_id
from gonghui.members.models import Member

from .masking import mask_name
from .models import Card, Enrolment

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
EXPORT_CHUNK = 2000
PERSON = ("member_no", "name", "gender", "id_number")
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


def enrolment_values(enrolments: QuerySet[Enrolment], year: int) -> Iterator[tuple[Any, ...]]:
    """(year, member_no, name, gender, id_number, card_no, path, district, city) per enrolment,
    a chunk at a time: the enrolments, then their members and cards by id (a city's cluster
    cannot join its members and cards to the enrolments, a local table, on ids)."""
    rows = enrolments.values_list("member_id", "card_id", "path", "district_premium", "city_premium")
    for chunk in batched(rows.iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK, strict=False):
        members = Member.unscoped.filter(pk__in={row[0] for row in chunk})
        people = {pk: rest for pk, *rest in members.values_list("pk", *PERSON)}
        cards = dict(Card.unscoped.filter(pk__in={row[1] for row in chunk}).values_list("pk", "card_no"))
        for member_id, card_id, path, district, city in chunk:
            yield (year, *people[member_id], cards.get(card_id), path, district, city)


def enrolment_rows(values: Iterable[tuple[Any, ...]]) -> Iterator[list[Any]]:
    """values: (year, member_no, name, gender, id_number, card_no, path, district, city)."""
    for year, member_no, name, gender, id_number, card_no, path, district, city in values:
        sex = {"M": "男", "F": "女"}.get(gender, "")
        yield [year, member_no, mask_name(name), sex, mask_id(id_number), card_no, path, district, city]
