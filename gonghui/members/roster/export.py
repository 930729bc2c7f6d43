"""Roster exports: streaming CSV and constant-memory XLSX, masked by default,
formula-safe (FX-2), audited with their filter and row count (by the view).

The default (masked) export reads the masked copies stored with each member, so
nothing is decrypted; on PostgreSQL its CSV comes straight from `COPY … TO` of
the caller's queryset. A full export decrypts in Python."""

import csv
import io
import tempfile
from collections.abc import Iterator
from typing import Any

import xlsxwriter
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import (
    Case,
    Expression,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, NullIf
from django.db.models.lookups import In

from gonghui.lib.scoping import sql_with_params
from gonghui.lib.spreadsheets import FORMULA_STARTS, XLSX_OPTIONS, csv_safe

from ..models import MemberStatus

COLUMNS = [
    ("会员编号", "member_no"),
    ("姓名", "name"),
    ("性别", "gender"),
    ("出生日期", "birth_date"),
    ("身份证号", "id_number"),
    ("手机", "phone"),
    ("工作单位", "employer__name"),
    ("所属工会", "union__name"),
    ("入会日期", "joined_on"),
    ("会籍状态", "status"),
    ("学历", "education"),
    ("政治面貌", "political_status"),
]
DATES = {"birth_date", "joined_on"}
MASKED_COPIES = {"id_number": "id_masked", "phone": "phone_masked"}
GENDERS = {"M": "男", "F": "女"}
CHUNK = 2000
BLOCK_BYTES = 64 * 1024
BOM = "\ufeff"  # Excel opens UTF-8 with a BOM as Chinese text
# COPY is one statement for the whole download: a slow client must not hit the
# request-sized statement timeout halfway through.
COPY_TIMEOUT = "10min"


def _status_labels() -> dict[str, str]:
    # Translated once per export, not once per row.
    return {value: str(label) for value, label in MemberStatus.choices}


def _with_employer(members: QuerySet) -> QuerySet:
    """The member's unit joined on the district as well as its id (a member's employer is in
    their district): on Citus two distributed tables join on their key or not at all."""
    return members.annotate(employer=FilteredRelation("unit", condition=Q(unit__district=F("district"))))


def rows(members: QuerySet, *, full: bool) -> Iterator[list[Any]]:
    """Values in column order, as text; the stored masked copies unless a full export was granted."""
    members = _with_employer(members)
    fields = [f if full else MASKED_COPIES.get(f, f) for _label, f in COLUMNS]
    gender_at, status_at = fields.index("gender"), fields.index("status")
    status_labels = _status_labels()
    for values in members.order_by("id").values_list(*fields).iterator(chunk_size=CHUNK):
        row = ["" if v is None else str(v) for v in values]
        row[gender_at] = GENDERS.get(row[gender_at], "")
        row[status_at] = status_labels.get(row[status_at], "")
        yield row


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_writer() -> Any:
    # "\n" as COPY writes it, so both ways give the same bytes.
    return csv.writer(_Echo(), lineterminator="\n")


def csv_stream(members: QuerySet, *, full: bool) -> Iterator[bytes]:
    """The BOM, the header, then one line a member."""
    yield (BOM + _csv_writer().writerow([label for label, _f in COLUMNS])).encode()
    if not full and connections[members.db].vendor == "postgresql":
        yield from _copied_lines(members)
    else:
        yield from _python_lines(members, full=full)


def _python_lines(members: QuerySet, *, full: bool) -> Iterator[bytes]:
    writer = _csv_writer()
    for row in rows(members, full=full):
        yield writer.writerow([csv_safe(v) for v in row]).encode()


def _copied_lines(members: QuerySet) -> Iterator[bytes]:
    """The masked rows as PostgreSQL writes them, in blocks of about 64 KB."""
    try:
        sql, params = sql_with_params(_masked_cells(members))
    except EmptyResultSet:  # a none() queryset: the header only
        return
    block = bytearray()
    with transaction.atomic(using=members.db), connections[members.db].cursor() as cursor:
        cursor.execute(f"SET LOCAL statement_timeout = '{COPY_TIMEOUT}'")
        cursor.execute("SET LOCAL datestyle = 'ISO'")  # dates as str(date) gives them
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params) as copy:
            for line in copy:
                block += line
                if len(block) >= BLOCK_BYTES:
                    yield bytes(block)
                    block.clear()
    if block:
        yield bytes(block)


def _masked_cells(members: QuerySet) -> QuerySet:
    """The caller's queryset, selecting the export's cells as rows() and csv_safe() make them."""
    labels = {"gender": GENDERS, "status": _status_labels()}
    cells: list[Expression] = []
    for _label, field in COLUMNS:
        if field in labels:
            cells.append(_label_cell(field, labels[field]))
        elif field in DATES:  # ISO text (the COPY's DateStyle), never a formula
            cells.append(Cast(field, TextField()))
        else:
            cells.append(_safe_cell(F(MASKED_COPIES.get(field, field))))
    return _with_employer(members).order_by("id").values_list(*cells)


def _label_cell(field: str, labels: dict[str, str]) -> Case:
    # The labels are known here, so csv_safe() runs on them in Python; NULL is the empty cell.
    whens = [When(**{field: value}, then=_text(csv_safe(label))) for value, label in labels.items() if label]
    return Case(*whens, default=None, output_field=TextField())


def _safe_cell(value: Any) -> NullIf:
    """csv_safe() in SQL, on the first character's code. An empty text becomes NULL, which COPY
    writes unquoted as csv.writer writes "" (COPY quotes an empty string)."""
    text = Cast(value, TextField())
    first = Func(text, function="ASCII", output_field=IntegerField())
    quoted = Concat(_text("'"), text)
    safe = Case(When(In(first, [ord(c) for c in FORMULA_STARTS]), then=quoted), default=text)
    return NullIf(safe, _text(""))


def _text(value: str) -> Value:
    return Value(value, output_field=TextField())


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
    return handle
