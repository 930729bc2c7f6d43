"""The review as an A4 PDF, typeset by typst (the PyPI package: a self-contained compiler, no
system libraries) with Debian's Noto CJK fonts embedded (subset) and the charts drawn as typst's
own vector shapes. The layout is review.typ beside this file; this module gives it the data."""

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typst
from django.conf import settings

from . import present
from .report import NOT_INSTALLED, Block, Chart, Line, Review

TEMPLATE = Path(__file__).with_name("review.typ")
FONTS = {"sans": "Noto Sans CJK SC", "serif": "Noto Serif CJK SC"}
# Where Debian's fonts-noto-cjk puts them, then anywhere under the system's font folders.
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts", "/usr/local/share/fonts")
FONT_FILES = ("NotoSansCJK*.tt[cf]", "NotoSerifCJK*.tt[cf]", "NotoSansCJK*.otf", "NotoSerifCJK*.otf")


class FontMissing(RuntimeError):
    pass


def font_dirs() -> list[str]:
    """The folders holding the Noto CJK fonts, found at run time (`REVIEW_FONT_DIRS` overrides)."""
    for folder in getattr(settings, "REVIEW_FONT_DIRS", None) or FONT_DIRS:
        found = {path.parent for pattern in FONT_FILES for path in Path(folder).rglob(pattern)}
        if found:
            return sorted(str(path) for path in found)
    raise FontMissing("未找到中文字体 Noto CJK（Debian 软件包 fonts-noto-cjk），无法生成 PDF。")


def _chart(chart: Chart) -> dict[str, Any]:
    return asdict(chart)


def _line(line: Line, *, headline: bool = False) -> dict[str, Any]:
    return {
        "label": line.figure.zh,
        "text": present.brief(line.value, line.figure.unit) if headline else line.text,
        "period": line.period,
        "definition": line.figure.definition,
        "years": "　".join(f"{year}年 {text}" for year, text in line.years) if len(line.years) > 1 else "",
        "change": line.change,
        "table": asdict(line.table) if line.table else None,
        "chart": _chart(line.chart) if line.chart else None,
    }


def _block(block: Block) -> dict[str, Any]:
    return {
        "name": block.name,
        "installed": block.installed,
        "note": f"{block.name}：{NOT_INSTALLED}，暂无数据。",
        "lines": [_line(line) for line in block.lines],
        "charts": [_chart(chart) for chart in block.charts],
    }


def document(review: Review) -> dict[str, Any]:
    data = review.data
    period = present.period_text(data.period)
    return {
        "fonts": FONTS,
        "title": f"{data.node.name}{period}工作回顾",
        "short_title": "工作回顾",
        "subtitle": "扎根职工助力发展　不忘初心砥砺前行",
        "author": data.node.name,
        "node": data.node.name,
        "period": period,
        "generated": present.day(data.generated_at.date()),
        "notice": (
            "本回顾中的每一个数字均由系统按指标注册表的口径从业务记录实时计算：流量指标为统计期内合计，"
            "存量指标为统计期末状态；“变化”中的期初为统计期开始前一日。尚未启用的模块注明“本模块尚未启用”，不作估计。"
        ),
        "summary": f"{data.node.name}{period}主要数据（统计期末存量与期内合计）。",
        "headlines": [_line(line, headline=True) for line in review.headlines],
        "chapters": [
            {
                "title": chapter.title,
                "sections": [
                    {"title": section.title, "blocks": [_block(block) for block in section.blocks]}
                    for section in chapter.sections
                ],
            }
            for chapter in review.chapters
        ],
    }


def render_pdf(review: Review) -> bytes:
    pdf = typst.compile(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        font_paths=font_dirs(),
        ignore_system_fonts=True,
        sys_inputs={"data": json.dumps(document(review), ensure_ascii=False)},
    )
    assert isinstance(pdf, bytes)
    return pdf
