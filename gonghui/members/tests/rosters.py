"""Messy roster files, made the way unions make them."""

import csv
import datetime
import io
from typing import Any

import xlsxwriter

from gonghui.testing import make_id, make_phone

HEADER = ["序号", "姓名", "公民身份号码", "联系电话", "单位", "入会时间", "性别", "学历"]


def roster_id(i: int) -> str:
    """A distinct valid ID for every i: the birth date moves on every 500 numbers."""
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=i // 500)
    return make_id(i, birth=f"{birth:%Y%m%d}")


def good_rows(start: int, count: int, unit: str) -> list[list[Any]]:
    rows = []
    for i in range(start, start + count):
        rows.append(
            [
                i - start + 1,
                f"职工{i}",
                roster_id(i),
                make_phone(i),
                unit,
                "2015-3-1",
                "男",
                "本科",
            ]
        )
    return rows


def xlsx(
    rows: list[list[Any]],
    *,
    title: str = "XX公司工会会员花名册",
    notes: bool = True,
    header: list[str] = HEADER,
) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet()
    sheet.merge_range(0, 0, 0, len(header) - 1, title)
    sheet.write_row(1, 0, ["填报单位：", "", "", "日期："])
    sheet.write_row(3, 0, header)
    r = 4
    for row in rows:
        for c, value in enumerate(row):
            if isinstance(value, float | int):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
        r += 1
        if r == 8:
            r += 1  # a blank row in the middle
    if notes:
        sheet.write_string(r + 1, 0, "注：本表由基层工会填报，身份证号请设为文本格式。")
        sheet.write_string(r + 2, 0, "制表人：张三")
    book.close()
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], encoding: str, header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["某某公司工会会员花名册"])
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xls(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    """The old binary Excel format many unions still save in."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    sheet.write_merge(0, 0, 0, len(header) - 1, "某某公司工会会员花名册")
    for c, text in enumerate(header):
        sheet.write(1, c, text)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
