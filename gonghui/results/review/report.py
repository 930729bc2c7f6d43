"""The review laid out from the registry's values: chapters, sections, one block per figure set
(or a note that its module is not installed), one line per figure with its value, period,
definition, its years and its change, and the charts. The PDF and the workbook both print this."""

from dataclasses import dataclass, field
from typing import Any

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit

from . import present
from .chapters import HEADLINES, chapters_for
from .data import ReviewData
from .labels import key_label, registers

CHARTED_UNITS = (FigureUnit.COUNT, FigureUnit.PERSON_TIMES, FigureUnit.YUAN)
TRENDS_PER_SET = 2
NOT_INSTALLED = "本模块尚未启用"
# What a breakdown is by, as the registry names it (`Figure.by`).
BY_NAMES = {
    "kind": "类型",
    "year": "年度",
    "month": "月份",
    "circle": "服务圈",
    "channel": "来源",
    "outcome": "结果",
    "street": "街镇",
    "merchant": "商户",
    "campaign": "活动",
}


@dataclass
class Bar:
    label: str
    value: float
    text: str


@dataclass
class Chart:
    title: str
    kind: str  # "years" (vertical bars) or "compare" (horizontal bars)
    bars: list[Bar]


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    note: str = ""


@dataclass
class Line:
    group: str
    figure: Figure
    value: Any
    text: str
    period: str
    years: list[tuple[int, str]] = field(default_factory=list)
    change: str = ""
    table: Table | None = None
    chart: Chart | None = None


@dataclass
class Block:
    group: str
    name: str
    installed: bool
    lines: list[Line] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class SectionOut:
    title: str
    blocks: list[Block]


@dataclass
class ChapterOut:
    short: str
    title: str
    sections: list[SectionOut]


@dataclass
class Review:
    data: ReviewData
    headlines: list[Line]
    chapters: list[ChapterOut]


def is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def depth(value: Any) -> int:
    if not isinstance(value, dict) or not value:
        return 0
    return 1 + max(depth(inner) for inner in value.values())


def breakdown(figures: FigureSet, figure: Figure, value: dict[str, Any], years: list[int]) -> dict[str, Any]:
    """A by-year breakdown keeps the period's years only (the registry gives every year)."""
    if figure.by == "year":
        wanted = {str(year) for year in years}
        return {key: inner for key, inner in value.items() if key in wanted}
    return value


def cell(row: Any, key: str) -> Any:
    return row.get(key) if isinstance(row, dict) else None


def unit_of(figures: FigureSet, key: str, default: str) -> str:
    return figures.figure(key).unit if registers(figures, key) else default


def by_label(figure: Figure) -> str:
    return "、".join(BY_NAMES.get(part.strip(), part.strip()) for part in figure.by.split(",")) or "分项"


def table_of(figures: FigureSet, figure: Figure, value: dict[str, Any]) -> tuple[Table | None, Chart | None]:
    """A breakdown as bars when it is one level of numbers, else as a table; a third level
    (circle by month) is too long for print and stays in the workbook."""
    by = by_label(figure)
    if depth(value) == 1:
        bars = [
            Bar(
                key_label(figures, k),
                float(present.number(v, figure.unit) or 0),
                present.show(v, figure.unit),
            )
            for k, v in value.items()
        ]
        if figure.unit != FigureUnit.RATE and any(bar.value for bar in bars):
            return None, Chart(f"{figure.zh}（按{by}）", "compare", bars)
        rows = [[key_label(figures, k), present.show(v, figure.unit)] for k, v in value.items()]
        return Table([by, figure.zh], rows), None
    if depth(value) == 2:
        inner = list(dict.fromkeys(k for row in value.values() if isinstance(row, dict) for k in row))
        columns = [by, *(key_label(figures, k) for k in inner)]
        rows = [
            [
                key_label(figures, outer),
                *(present.show(cell(row, k), unit_of(figures, k, figure.unit)) for k in inner),
            ]
            for outer, row in value.items()
        ]
        return Table(columns, rows), None
    return Table([by], [], note="分项明细较多，见工作簿。"), None


def line_of(data: ReviewData, figures: FigureSet, figure: Figure) -> Line:
    value = data.total[figures.group].get(figure.key)
    line = Line(figures.group, figure, value, "", present.figure_period(figure, data.period))
    if isinstance(value, list):  # a list of names: printed as it is, never counted
        line.text = "、".join(str(item) for item in value) or present.DASH
        return line
    if not is_scalar(value):
        line.value = breakdown(figures, figure, value or {}, data.years)
        line.text = "见下表" if line.value else present.DASH
        if line.value:
            line.table, line.chart = table_of(figures, figure, line.value)
        return line
    line.text = present.show(value, figure.unit)
    years = data.years
    line.years = [
        (y, present.show(data.yearly[y][figures.group].get(figure.key), figure.unit, short=False))
        for y in years
    ]
    if figure.kind == FigureKind.FLOW and len(years) > 1:
        first, last = years[0], years[-1]
        line.change = present.change(
            figure,
            data.yearly[first][figures.group].get(figure.key),
            data.yearly[last][figures.group].get(figure.key),
            label=f"{last}年较{first}年",
            spans=last - first,
        )
    elif figure.kind == FigureKind.STOCK:
        line.change = present.change(
            figure, data.opening[figures.group].get(figure.key), value, label="较期初", spans=len(years)
        )
    return line


def trend(data: ReviewData, figures: FigureSet, figure: Figure) -> Chart | None:
    bars = []
    for year in data.years:
        raw = data.yearly[year][figures.group].get(figure.key)
        n = present.number(raw, figure.unit)
        bars.append(Bar(str(year), float(n or 0), present.show(raw, figure.unit, short=False)))
    return Chart(f"{figure.zh}（逐年）", "years", bars) if any(b.value for b in bars) else None


def compare(data: ReviewData, figures: FigureSet) -> Chart | None:
    """The subtree compared: the set's first single-number figure that any child has."""
    for figure in figures.figures:
        if figure.unit not in (*CHARTED_UNITS, FigureUnit.RATE):
            continue
        raws = [(child, values[figures.group].get(figure.key)) for child, values in data.children]
        if not raws or not all(is_scalar(raw) for _child, raw in raws):
            continue
        bars = [
            Bar(
                child.name,
                float(present.number(raw, figure.unit) or 0),
                present.show(raw, figure.unit, short=False),
            )
            for child, raw in raws
        ]
        if any(bar.value for bar in bars):
            return Chart(
                f"{figure.zh}（{present.figure_period(figure, data.period)}，分下级组织）", "compare", bars
            )
    return None


def block_of(data: ReviewData, figures: FigureSet) -> Block:
    block = Block(figures.group, figures.zh, True)
    block.lines = [line_of(data, figures, figure) for figure in figures.figures]
    trends = [
        chart
        for figure in figures.figures
        if figure.kind == FigureKind.FLOW and figure.unit in CHARTED_UNITS and not figure.by
        if (chart := trend(data, figures, figure)) is not None
    ]
    block.charts = trends[:TRENDS_PER_SET]
    if (compared := compare(data, figures)) is not None:
        block.charts.append(compared)
    return block


def build(data: ReviewData) -> Review:
    chapters = []
    for chapter in chapters_for(data.sets):
        sections = []
        for section in chapter.sections:
            blocks = []
            for slot in section.slots:
                figures = data.set_of(slot.group)
                blocks.append(block_of(data, figures) if figures else Block(slot.group, slot.name, False))
            sections.append(SectionOut(section.title, blocks))
        chapters.append(ChapterOut(chapter.short, chapter.title, sections))
    headlines = [
        line_of(data, figures, figures.figure(key))
        for group, key in HEADLINES
        if (figures := data.set_of(group)) is not None and registers(figures, key)
    ]
    return Review(data, headlines, chapters)
