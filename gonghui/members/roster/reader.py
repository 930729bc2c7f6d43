"""Reading the roster files unions really keep: .xlsx (streamed, see gonghui.lib.xlsx_rows),
.xls (calamine) and .csv in UTF-8, UTF-8 with BOM or GB18030/GBK. Title rows above the header,
merged cells, blank rows and trailing notes are handled here, so later steps
see one header and data rows."""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from gonghui.lib.xlsx_rows import XlsxError, open_first_sheet

from .columns import match_header

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SEARCH_ROWS = 15
NOTE_STARTS = (
    "注",
    "备注",
    "说明",
    "制表",
    "填表",
    "填报",
    "审核",
    "负责人",
    "单位负责人",
    "联系人",
    "联系电话",
    "合计",
    "共计",
    "单位（盖章）",
    "盖章",
)
# "制表人：张三", "审核人: 李四", "日期：2024年1月": a label of a few characters and a colon.
NOTE_LABEL = re.compile(r"^[\u4e00-\u9fff（）()]{1,8}\s*[：:]")
ID_LIKE = re.compile(r"\d{15}")
NOTE_TEXT_LIMIT = 60


class RosterFileError(ValueError):
    """Why a file cannot be read at all, in Chinese."""


@dataclass
class Sheet:
    header: list[str]
    mapping: dict[int, str]  # column index -> field name
    rows: Iterator[tuple[int, list[Any]]]  # (1-based row number in the file, cells)
    header_row: int
    unknown_columns: list[str] = field(default_factory=list)
    estimated_rows: int = 0  # for the progress bar; blank rows and notes make it an upper bound
    # Note rows skipped so far (row number, their text): filled in as `rows` is read.
    notes: list[tuple[int, str]] = field(default_factory=list)


def sniff_kind(data: bytes, filename: str) -> str:
    """By content, not by name (FX-1): a renamed file is judged by what it is."""
    if data.startswith(XLSX_MAGIC):
        return "xlsx"
    if data.startswith(XLS_MAGIC):
        return "xls"
    if b"\x00" in data[:4096]:
        raise RosterFileError(_("无法识别的文件格式，请上传 Excel（.xlsx/.xls）或 CSV 文件。"))
    return "csv"


def check_limits(data: bytes, kind: str) -> None:
    limits = settings.ROSTER_IMPORT_LIMITS
    if len(data) > limits["max_bytes"]:
        raise RosterFileError(
            _("文件过大（上限 %(mb)s MB）。") % {"mb": limits["max_bytes"] // (1024 * 1024)}
        )
    if kind == "xlsx":
        try:
            unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
        except zipfile.BadZipFile:
            raise RosterFileError(_("Excel 文件已损坏，无法读取。")) from None
        if unpacked > limits["max_unpacked_bytes"]:
            raise RosterFileError(_("Excel 文件解压后过大，疑似异常文件，已拒绝。"))


def csv_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030 (a superset of GBK), checked chunk by chunk so
    no decoded copy of a large file is ever held."""
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), 1 << 20):
                decoder.decode(data[start : start + (1 << 20)])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise RosterFileError(_("CSV 文件编码无法识别，请另存为 UTF-8 或 GBK 编码。"))


def raw_rows(data: bytes, kind: str) -> tuple[Iterator[list[Any]], int]:
    """The rows of the first sheet, and how many there are at most."""
    if kind == "csv":
        stream = io.TextIOWrapper(io.BytesIO(data), encoding=csv_encoding(data), newline="")
        return csv.reader(stream), data.count(b"\n") + 1
    try:
        if kind == "xlsx" and is_ooxml(data):
            streamed = open_first_sheet(data)
            return _fill_merged(_reasons_in_chinese(streamed.rows), streamed.merged), streamed.height
        # .xls (and other zipped workbooks, such as .ods): small enough to read whole.
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        merged = sheet.merged_cell_ranges or []
        return _fill_merged(sheet.iter_rows(), merged), sheet.total_height
    except (CalamineError, XlsxError) as exc:
        raise _unreadable(exc) from None


def is_ooxml(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _unreadable(error: Exception) -> RosterFileError:
    return RosterFileError(_("Excel 文件无法读取：%(reason)s") % {"reason": str(error)[:100]})


def _reasons_in_chinese(rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    """The streamed rows are read as they are used: a broken sheet shows up on the way."""
    try:
        yield from rows
    except XlsxError as error:
        raise _unreadable(error) from None


def _fill_merged(rows: Iterator[list[Any]], merged: list[Any]) -> Iterator[list[Any]]:
    """A merged cell's value shows only top-left; copy it into the cells it spans."""
    spans: dict[int, list[tuple[int, int, int, int]]] = {}
    for (r0, c0), (r1, c1) in merged:
        for r in range(r0, r1 + 1):
            spans.setdefault(r, []).append((r0, c0, r1, c1))
    carried: dict[tuple[int, int], Any] = {}
    for index, row in enumerate(rows):
        row = list(row)
        for r0, c0, _r1, c1 in spans.get(index, []):
            if index == r0 and c0 < len(row):
                carried[(r0, c0)] = row[c0]
            value = carried.get((r0, c0), "")
            for c in range(c0, c1 + 1):
                if c < len(row) and (row[c] == "" or row[c] is None):
                    row[c] = value
        yield row


def open_sheet(data: bytes, filename: str, *, saved_mapping: dict[str, str] | None = None) -> Sheet:
    kind = sniff_kind(data, filename)
    check_limits(data, kind)
    rows, height = raw_rows(data, kind)
    for number, row in enumerate(rows, start=1):
        if number > HEADER_SEARCH_ROWS:
            break
        header = [str(c).strip() for c in row]
        mapping, unknown = match_header(header, saved_mapping or {})
        if {"name", "id_number"} <= set(mapping.values()):
            notes: list[tuple[int, str]] = []
            return Sheet(
                header=header,
                mapping=mapping,
                rows=_data_rows(rows, number, notes),
                header_row=number,
                unknown_columns=unknown,
                estimated_rows=max(0, height - number),
                notes=notes,
            )
    raise RosterFileError(
        _("未找到表头：前 %(n)s 行中没有同时包含“姓名”和“身份证号”的行。") % {"n": HEADER_SEARCH_ROWS}
    )


def _data_rows(
    rows: Iterator[list[Any]], header_row: int, notes: list[tuple[int, str]]
) -> Iterator[tuple[int, list[Any]]]:
    limit = settings.ROSTER_IMPORT_LIMITS["max_rows"]
    seen = 0
    for number, row in enumerate(rows, start=header_row + 1):
        filled = [str(cell).strip() for cell in row if cell is not None and str(cell).strip()]
        if not filled:
            continue
        if is_note(filled):  # notes and sign-off rows: skipped, and said so
            notes.append((number, " ".join(filled)[:NOTE_TEXT_LIMIT]))
            continue
        seen += 1
        if seen > limit:
            raise RosterFileError(_("行数超过上限（%(n)s 行），请拆分后上传。") % {"n": limit})
        yield number, row


def is_note(filled: list[str]) -> bool:
    """A note or a sign-off row, not a person: no ID number anywhere, and either its first text
    starts as notes do ("注：…", "合计") or every text is a label and a colon ("制表人：张三
    审核人：李四 日期：…"). A person's row always carries an ID number, even a wrong one."""
    if any(ID_LIKE.search(text) for text in filled):
        return False
    return filled[0].startswith(NOTE_STARTS) or all(NOTE_LABEL.match(text) for text in filled)
