"""The yearbook workbook in the yearbook's layout: each table on its own sheet with a title row,
the reporting unit, the date and the units of measure, a header row, the total first and then
the rows. Written by xlsxwriter in constant memory; no cell is a formula (FX-2)."""

from pathlib import Path
from typing import Any

import xlsxwriter
from django.utils import timezone
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from gonghui.lib.figures import FigureSet, FigureUnit
from gonghui.lib.spreadsheets import XLSX_OPTIONS
from gonghui.organizations.models import Unit

from . import present
from .labels import key_label
from .workbook import Writer
from .yearbook import CATEGORY_KEYS, UNSORTED, Yearbook

COVERAGE_KEYS = (
    "unions",
    "members",
    "covered_units",
    "eligible_units",
    "covered_eligible_units",
    "establishment_rate",
    "workers_in_covered_units",
    "membership_rate",
    "new_unions",
    "new_units_covered",
    "new_members",
)
MEMBER_KEYS = (*COVERAGE_KEYS, "uncovered_eligible_units")
CATEGORY_HEADER = (
    "代码",
    "单位类别",
    "单位数",
    "应建会单位数",
    "已建会单位数",
    "建会率",
    "已建会单位职工数",
    "基层工会数",
    "会员数",
)
NOT_INSTALLED = "职工代表大会模块尚未启用，本表暂无数据。"


class Sheets:
    def __init__(self, book: Workbook, data: Yearbook) -> None:
        self.book, self.data, self.cells = book, data, Writer(book)
        self.title_format = book.add_format({"bold": True, "font_size": 13})

    def start(self, name: str, title: str, measure: str, header: list[str]) -> Worksheet:
        sheet = self.book.add_worksheet(name)
        sheet.write_string(0, 0, f"{title}（{self.data.year}年）", self.title_format)
        sheet.write_string(
            1,
            0,
            f"填报单位：{self.data.node.name}　统计时点：{present.day(self.data.day)}　计量单位：{measure}",
        )
        sheet.write_row(2, 0, header, self.cells.bold)
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, len(header), 14)
        return sheet

    def figure_rows(
        self,
        sheet: Worksheet,
        figures: FigureSet,
        keys: tuple[str, ...],
        rows: list[tuple[str, dict[str, Any]]],
    ) -> None:
        for number, (name, values) in enumerate(rows, start=3):
            sheet.write_string(number, 0, name)
            for col, key in enumerate(keys, start=1):
                self.cells.value(sheet, number, col, values.get(key), figures.figure(key).unit)


def cover(sheets: Sheets) -> None:
    data = sheets.data
    sheet = sheets.book.add_worksheet("说明")
    lines = [
        f"{data.node.name} 工会统计年鉴报表（{data.year}年）",
        f"统计时点：{present.day(data.day)}；期内指标为{data.year}年1月1日至12月31日。",
        f"生成时间：{timezone.localtime():%Y-%m-%d %H:%M}，由系统按指标注册表的口径从业务记录计算。",
        "表1 基层工会按单位类别分组：单位类别为《单位类别》代码（110 国有 … 700 民办非企业）；"
        "基层工会与会员按其覆盖的职工人数最多的单位归类。",
        "表2 会员与组织；表3 分街镇覆盖情况；表4 职工代表大会。",
    ]
    for row, text in enumerate(lines):
        sheet.write_string(row, 0, text, sheets.title_format if row == 0 else None)
    sheet.set_column(0, 0, 110)


def categories(sheets: Sheets) -> None:
    data = sheets.data
    sheet = sheets.start("表1 按单位类别", "基层工会按单位类别分组情况", "个、人", list(CATEGORY_HEADER))
    counts = data.categories
    total = {key: sum(row.get(key, 0) for row in counts.values()) for key in CATEGORY_KEYS}
    rows: list[tuple[str, str, dict[str, int]]] = [("", "总计", total)]
    rows += [(code, str(name), counts.get(code, {})) for code, name in Unit.Ownership.choices]
    if UNSORTED in counts:
        rows.append(("", "未能归类（未覆盖单位的工会）", counts[UNSORTED]))
    for number, (code, name, row) in enumerate(rows, start=3):
        sheet.write_string(number, 0, code)
        sheet.write_string(number, 1, name)
        eligible = row.get("eligible", 0)
        rate = round(row.get("covered_eligible", 0) / eligible, 4) if eligible else None
        values: list[tuple[Any, str]] = [
            (row.get("units", 0), FigureUnit.COUNT),
            (eligible, FigureUnit.COUNT),
            (row.get("covered", 0), FigureUnit.COUNT),
            (rate, FigureUnit.RATE),
            (row.get("workers", 0), FigureUnit.COUNT),
            (row.get("unions", 0), FigureUnit.COUNT),
            (row.get("members", 0), FigureUnit.COUNT),
        ]
        for col, (value, unit) in enumerate(values, start=2):
            sheets.cells.value(sheet, number, col, value, unit)


def members(sheets: Sheets) -> None:
    data = sheets.data
    sheet = sheets.start("表2 会员", "工会组织和会员情况", "个、人", ["指标", "数值", "口径"])
    number = 3
    for key in MEMBER_KEYS:
        figure = data.spine.figure(key)
        sheet.write_string(number, 0, figure.zh)
        sheets.cells.value(sheet, number, 1, data.total.get(key), figure.unit)
        sheet.write_string(number, 2, figure.definition)
        number += 1
    kinds = data.spine.figure("unions_by_kind")
    for kind, n in (data.total.get("unions_by_kind") or {}).items():
        sheet.write_string(number, 0, f"{kinds.zh} · {key_label(data.spine, kind)}")
        sheets.cells.value(sheet, number, 1, n, kinds.unit)
        sheet.write_string(number, 2, kinds.definition)
        number += 1


def coverage(sheets: Sheets) -> None:
    data = sheets.data
    header = ["街镇", *(data.spine.figure(key).zh for key in COVERAGE_KEYS)]
    sheet = sheets.start("表3 分街镇覆盖", "分街镇工会组建和会员覆盖情况", "个、人、%", header)
    rows = [("总计", data.total), *((child.name, values) for child, values in data.children)]
    sheets.figure_rows(sheet, data.spine, COVERAGE_KEYS, rows)


def congress(sheets: Sheets) -> None:
    data = sheets.data
    if data.congress is None:
        sheet = sheets.start("表4 职工代表大会", "职工代表大会建制和职工代表情况", "个、人、%", [])
        sheet.write_string(3, 0, NOT_INSTALLED)
        return
    keys = tuple(f.key for f in data.congress.figures if not f.by)
    header = ["街镇", *(data.congress.figure(key).zh for key in keys)]
    sheet = sheets.start("表4 职工代表大会", "职工代表大会建制和职工代表情况", "个、人、%", header)
    rows = [
        ("总计", data.congress_total),
        *((child.name, values) for child, values in data.congress_children),
    ]
    sheets.figure_rows(sheet, data.congress, keys, rows)


def write_yearbook(data: Yearbook, path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), XLSX_OPTIONS)
    sheets = Sheets(book, data)
    cover(sheets)
    categories(sheets)
    members(sheets)
    coverage(sheets)
    congress(sheets)
    book.close()
