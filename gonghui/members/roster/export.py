"""Roster exports: streaming CSV and constant-memory XLSX, masked by default,
formula-safe (FX-2), audited with their filter and row count."""

import csv
import io
import tempfile
from collections.abc import Iterator
from typing import Any

import xlsxwriter
from django.db.models import QuerySet

from gonghui.lib.masking import mask_id, mask_phone
from gonghui.lib.spreadsheets import XLSX_OPTIONS, csv_safe

from ..models import MemberStatus

COLUMNS = [
    ("会员编号", "member_no"),
    ("姓名", "name"),
    ("性别", "gender"),
    ("出生日期", "birth_date"),
    ("身份证号", "id_number"),
    ("手机", "phone"),
    ("工作单位", "unit__name"),
    ("所属工会", "union__name"),
    ("入会日期", "joined_on"),
    ("会籍状态", "status"),
    ("学历", "education"),
    ("政治面貌", "political_status"),
]
CHUNK = 2000


def rows(members: QuerySet, *, full: bool) -> Iterator[list[Any]]:
    """Values in column order, as text; masked unless a full export was granted."""
    fields = [f for _label, f in COLUMNS]
    id_at, phone_at = fields.index("id_number"), fields.index("phone")
    gender_at, status_at = fields.index("gender"), fields.index("status")
    # Labels are translated once per export, not once per row.
    status_labels = {value: str(label) for value, label in MemberStatus.choices}
    genders = {"M": "男", "F": "女"}
    for values in members.order_by("id").values_list(*fields).iterator(chunk_size=CHUNK):
        row = ["" if v is None else str(v) for v in values]
        if not full:
            row[id_at], row[phone_at] = mask_id(row[id_at]), mask_phone(row[phone_at])
        row[gender_at] = genders.get(row[gender_at], "")
        row[status_at] = status_labels.get(row[status_at], "")
        yield row


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(members: QuerySet, *, full: bool) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # Excel opens UTF-8 with a BOM as Chinese text
    yield writer.writerow([label for label, _f in COLUMNS])
    for row in rows(members, full=full):
        yield writer.writerow([csv_safe(v) for v in row])


def xlsx_file(members: QuerySet, *, full: bool) -> io.BufferedRandom:
    # Not a with-block: the response streams the file and closes it.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    book = xlsxwriter.Workbook(handle, XLSX_OPTIONS)
    sheet = book.add_worksheet("会员花名册")
    sheet.write_row(0, 0, [label for label, _f in COLUMNS])
    for number, row in enumerate(rows(members, full=full), start=1):
        sheet.write_row(number, 0, row)
    book.close()
    handle.seek(0)
    return handle  # type: ignore[return-value]
