"""docs/kpis.md, written from the registry (`manage.py kpis --docs`); a test keeps the file and
the registry the same."""

from django.utils import translation

from gonghui.lib.figures import Figure, FigureSet

from .registry import figure_sets

INTRO = """# KPI keys

This file is generated from the KPI registry (`python manage.py kpis --docs > docs/kpis.md`);
a test fails when they differ. Each app registers its figures in its own `figures.py`.

`python manage.py kpis --node <path | id | exact name> --json` prints one JSON object: `node`,
`period` (`{"from", "to"}`, or null for all the records), the top-level figures below, and one
object per module under its key. Keys are stable; new keys may be added, none is renamed or
removed. Figures are computed from the records.

The period: `--year Y`, `--from Y1 --to Y2`, `--month YYYY-MM` or `--as-of YYYY-MM-DD` (one of
them). A **flow** is counted within the period (over all the records when none is given); a
**stock** is as of the period's last day (today when none is given): `--as-of 2016-12-31` gives
the stocks of that day. Membership as of a day follows joins, transfers and leaving. `--cached`
reads the top-level figures from the rollup table that the pages use (today's stocks).

Units: `count`; `rate`, a fraction with four places; `yuan`, a
string with two decimals; `person_times`; `days`; `score`. A figure with a *by* is an object of
such values broken down by what it names.
"""


def _row(figure: Figure) -> str:
    by = f" by {figure.by}" if figure.by else ""
    return (
        f"| `{figure.key}` | {figure.zh} | {figure.en} | {figure.unit}{by} | {figure.kind} "
        f"| {figure.definition_en} |"
    )


def _section(figures: FigureSet) -> str:
    where = f"under `{figures.group}`" if figures.group else "top level"
    lines = [
        f"## {figures.zh} · {figures.en} ({where})",
        "",
        "| key | 名称 | label | unit | kind | definition |",
        "| --- | --- | --- | --- | --- | --- |",
        *(_row(figure) for figure in figures.figures),
    ]
    return "\n".join(lines)


def kpis_markdown() -> str:
    with translation.override("en"):
        sections = [_section(figures) for figures in figure_sets()]
    return "\n\n".join([INTRO.rstrip(), *sections]) + "\n"
