"""The review as a workbook: a `figures` sheet with every registered figure of the period, one
row per value (breakdowns flattened to dotted keys), and one sheet per chapter with the
definitions, the years and the change. xlsxwriter in constant memory; no cell is ever a formula
(FX-2: text that starts with "=" stays text)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit
from gonghui.lib.spreadsheets import XLSX_OPTIONS

from . import present
from .data import ReviewData
from .labels import key_label
from .report import NOT_INSTALLED, Review, breakdown, is_scalar, unit_of

FIGURE_COLUMNS = ("key", "label", "value", "unit", "period", "node")
CHAPTER_COLUMNS = ("小节", "模块", "指标键", "指标", "数值", "单位", "类型", "统计期", "口径")
KINDS = {FigureKind.STOCK: "存量（期末）", FigureKind.FLOW: "流量（期内）"}
NUMBER_FORMATS = {FigureUnit.RATE: "0.0%", FigureUnit.YUAN: "#,##0.00"}

type Flat = tuple[str, str, Any, str]  # dotted key, label, value, unit


def flatten(figures: FigureSet, figure: Figure, value: Any, years: list[int]) -> Iterator[Flat]:
    """A figure's values one by one: itself when it is a number, else each leaf of its breakdown
    ("culture.by_circle.east.person_times", "分服务圈 · 东 · 服务人次")."""
    key = f"{figures.group}.{figure.key}" if figures.group else figure.key
    if is_scalar(value):
        yield key, figure.zh, value, figure.unit
        return

    def walk(prefix: str, label: str, inner: Any, unit: str) -> Iterator[Flat]:
        if not isinstance(inner, dict):
            yield prefix, label, inner, unit
            return
        for sub, leaf in inner.items():
            yield from walk(
                f"{prefix}.{sub}", f"{label} · {key_label(figures, sub)}", leaf, unit_of(figures, sub, unit)
            )

    yield from walk(key, figure.zh, breakdown(figures, figure, value or {}, years), figure.unit)


def period_code(figure: Figure, data: ReviewData) -> str:
    if figure.kind == FigureKind.STOCK:
        return data.period.end.isoformat()
    return f"{data.period.start.isoformat()}..{data.period.end.isoformat()}"


class Writer:
    """Cells by their type: numbers with the unit's format, text as text."""

    def __init__(self, book: Workbook) -> None:
        self.formats: dict[str, Format] = {
            unit: book.add_format({"num_format": fmt}) for unit, fmt in NUMBER_FORMATS.items()
        }
        self.counts = book.add_format({"num_format": "#,##0"})
        self.bold = book.add_format({"bold": True})

    def value(self, sheet: Worksheet, row: int, col: int, raw: Any, unit: str) -> None:
        n = present.number(raw, unit)
        if n is None:
            if raw is not None and not isinstance(raw, dict | list):
                sheet.write_string(row, col, str(raw))
            return
        sheet.write_number(row, col, float(n), self.formats.get(unit, self.counts))


def figures_sheet(book: Workbook, writer: Writer, data: ReviewData) -> None:
    sheet = book.add_worksheet("figures")
    sheet.write_row(0, 0, FIGURE_COLUMNS, writer.bold)
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 1, 36)
    row = 1
    for figures in data.sets:
        for figure in figures.figures:
            raw = data.total[figures.group].get(figure.key)
            for key, label, value, unit in flatten(figures, figure, raw, data.years):
                sheet.write_string(row, 0, key)
                sheet.write_string(row, 1, label)
                writer.value(sheet, row, 2, value, unit)
                sheet.write_string(row, 3, unit)
                sheet.write_string(row, 4, period_code(figure, data))
                sheet.write_string(row, 5, data.node.name)
                row += 1


def chapter_sheets(book: Workbook, writer: Writer, review: Review) -> None:
    data = review.data
    for chapter in review.chapters:
        sheet = book.add_worksheet(chapter.short)
        sheet.write_string(0, 0, f"{chapter.title}（{data.node.name}，{present.period_text(data.period)}）")
        header = [*CHAPTER_COLUMNS, *(f"{year}年" for year in data.years), "变化"]
        sheet.write_row(1, 0, header, writer.bold)
        sheet.set_column(2, 3, 28)
        sheet.set_column(8, 8, 50)
        row = 2
        for section in chapter.sections:
            for block in section.blocks:
                if not block.installed:
                    sheet.write_row(row, 0, [section.title, block.name, "", NOT_INSTALLED])
                    row += 1
                    continue
                figures = data.set_of(block.group)
                assert figures is not None
                for line in block.lines:
                    figure = line.figure
                    start = [section.title, block.name]
                    for key, label, value, unit in flatten(figures, figure, line.value, data.years):
                        sheet.write_row(row, 0, [*start, key, label])
                        writer.value(sheet, row, 4, value, unit)
                        sheet.write_row(row, 5, [unit, KINDS[figure.kind], line.period, figure.definition])
                        if is_scalar(line.value):
                            for col, year in enumerate(data.years, start=len(CHAPTER_COLUMNS)):
                                writer.value(
                                    sheet, row, col, data.yearly[year][figures.group].get(figure.key), unit
                                )
                            sheet.write_string(row, len(header) - 1, line.change)
                        row += 1


def write_workbook(review: Review, path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), XLSX_OPTIONS)
    writer = Writer(book)
    figures_sheet(book, writer, review.data)
    chapter_sheets(book, writer, review)
    book.close()
