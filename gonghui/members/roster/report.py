"""The error workbook: the original rows with an error column, bad cells marked."""

import io
from typing import Any

import xlsxwriter

from gonghui.lib.spreadsheets import XLSX_OPTIONS

from .validate import RowResult


class ErrorWorkbook:
    def __init__(self, header: list[str], mapping: dict[int, str]) -> None:
        self.buffer = io.BytesIO()
        # Constant memory: rows go to a temporary file as they are written (a file may have
        # thousands of bad rows); the workbook is put together in the buffer on close.
        self.book = xlsxwriter.Workbook(self.buffer, XLSX_OPTIONS)
        self.sheet = self.book.add_worksheet("错误行")
        self.bad = self.book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        self.bold = self.book.add_format({"bold": True})
        self.column_of = {field: index for index, field in mapping.items()}
        self.width = len(header)
        self.sheet.write_row(0, 0, ["原行号", "错误原因", *header], self.bold)
        self.next_row = 1
        self.rows = 0

    def add(self, result: RowResult) -> None:
        bad_columns = {self.column_of[f] for f in result.errors if f in self.column_of}
        self.sheet.write_number(self.next_row, 0, result.number)
        self.sheet.write_string(self.next_row, 1, result.error_text())
        for index in range(max(self.width, len(result.raw))):
            value: Any = result.raw[index] if index < len(result.raw) else ""
            cell_format = self.bad if index in bad_columns else None
            self.sheet.write(self.next_row, index + 2, "" if value is None else value, cell_format)
        self.next_row += 1
        self.rows += 1

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()
