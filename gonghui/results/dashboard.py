"""A node's dashboard, built from the registry alone: every group's tiles (the spine's first,
then each module's), its figures by year and by month, its breakdowns as bars, and the
subtree compared. A module registered tomorrow gets its section without code here.

Charts are described as data for static/results/dashboard.js: each has one or more choices
(a figure to show), each choice its series, and each series the URL a click opens, where
"__X__" stands for the clicked category's key and "__N__" for a node's id."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.lib.figures import Figure, FigureSet, FigureUnit, Period
from gonghui.organizations.models import Node

from .periods import Chosen, previous, trend_months, trend_years
from .present import Tile, drill_url, number, scalar, tiles
from .registry import figure_set, figure_sets
from .store import Table, Wanted

X, N = "__X__", "__N__"
SPINE = ""


@dataclass
class Section:
    group: str
    label: str
    tiles: list[Tile]
    charts: list[str] = field(default_factory=list)


def choice(name: str, unit: str, series: list[dict[str, Any]], mark: float | None = None) -> dict[str, Any]:
    return {"name": name, "unit": unit, "series": series, "mark": mark}


def chart(
    chart_id: str,
    title: str,
    x: Sequence[str],
    keys: Sequence[str],
    choices: list[dict[str, Any]],
    **more: Any,
) -> dict[str, Any]:
    kind = more.pop("type", "bar")
    return {
        "id": chart_id,
        "title": title,
        "type": kind,
        "x": list(x),
        "keys": list(keys),
        "horizontal": kind == "bar" and len(x) > 8,
        "choices": choices,
        **more,
    }


def numeric(figures: FigureSet) -> list[Figure]:
    """The group's single-number figures, flows first (what a trend shows by default)."""
    singles = list(filter(scalar, figures.figures))
    return sorted(singles, key=lambda f: f.kind != "flow")


@dataclass
class Dashboard:
    node: Node
    chosen: Chosen
    today: datetime.date
    children: list[Node]

    def __post_init__(self) -> None:
        self.period = self.chosen.period
        self.before = previous(self.period, self.today)
        self.years = [Period.year(y) for y in trend_years(self.today)]
        self.months = trend_months(self.period, self.today)

    def wanted(self) -> Wanted:
        """Tiles first (they are computed first when missing), then the trends, then the subtree."""
        wanted = Wanted()
        wanted.add(self.node, [self.period], whole=True)
        wanted.add(self.node, [self.before])
        wanted.add(self.node, [*reversed(self.years), *reversed(self.months)])
        for child in self.children:
            wanted.add(child, [self.period])
        return wanted

    # --- the page ----------------------------------------------------------------------------

    def build(self, table: Table) -> tuple[list[Section], list[dict[str, Any]]]:
        sections, charts = [], []
        params = self.chosen.params
        for figures in figure_sets():
            now = table.group(self.node.pk, self.period, figures.group)
            before = table.group(self.node.pk, self.before, figures.group)
            section = Section(
                figures.group, figures.label, tiles(figures, now, before, node_id=self.node.pk, params=params)
            )
            for made in self.section_charts(figures, table, now):
                charts.append(made)
                section.charts.append(made["id"])
            sections.append(section)
        if self.children:
            charts[:0] = [self.subtree_chart(table), self.rates_chart(table)]
        return sections, charts

    def section_charts(
        self, figures: FigureSet, table: Table, now: Mapping[str, Any]
    ) -> Iterable[dict[str, Any]]:
        group = figures.group or "org"
        yield self.trend(f"year-{group}", _("逐年趋势"), figures, table, self.years, "year")
        if self.months:
            yield self.trend(f"month-{group}", _("逐月趋势"), figures, table, self.months, "month")
        for figure in figures.figures:
            if figure.by and figure.by != "year" and isinstance(now.get(figure.key), dict):
                yield self.breakdown(f"by-{group}-{figure.key}", figures, figure, now[figure.key])

    def trend(
        self, chart_id: str, title: str, figures: FigureSet, table: Table, periods: list[Period], unit: str
    ) -> dict[str, Any]:
        keys = [str(p.start.year) if unit == "year" else f"{p.start:%Y-%m}" for p in periods]
        x = keys if unit == "year" else [_("%(m)s月") % {"m": p.start.month} for p in periods]
        rows = [table.group(self.node.pk, p, figures.group) for p in periods]
        choices = []
        for figure in numeric(figures):
            values = [number(row.get(figure.key)) for row in rows]
            url = drill_url(figure, self.node.pk, {unit: X})
            choices.append(
                choice(figure.label, figure.unit, [{"name": figure.label, "data": values, "url": url}])
            )
        return chart(chart_id, title, x, keys, choices, type="line")

    def breakdown(
        self, chart_id: str, figures: FigureSet, figure: Figure, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        dims = [d.strip() for d in figure.by.split(",")]
        keys = list(values)
        inner = next((v for v in values.values() if isinstance(v, dict)), None)
        if inner is None:  # {key: n}
            url = drill_url(figure, self.node.pk, self.chosen.params, **{dims[0]: X})
            series = [{"name": figure.label, "data": [number(values[k]) for k in keys], "url": url}]
            x = [figure.key_label(k) for k in keys]
            return chart(chart_id, figure.label, x, keys, [choice(figure.label, figure.unit, series)])
        if len(dims) == 1:  # {key: {figure: n}}
            x = [figure.key_label(k) for k in keys]
            url = drill_url(figure, self.node.pk, self.chosen.params, **{dims[0]: X})
            choices = [
                choice(
                    name, unit, [{"name": name, "data": [number(values[k].get(f)) for k in keys], "url": url}]
                )
                for f, name, unit in self.inner(figures, figure, values)
            ]
            return chart(chart_id, figure.label, x, keys, choices)
        # {series key: {x key: {figure: n}}}: one line per series key, e.g. per circle by month
        xs = sorted({x for v in values.values() for x in v})
        choices = []
        for f, name, unit in self.inner(
            figures, figure, {x: v for per in values.values() for x, v in per.items()}
        ):
            series = [
                {
                    "name": figure.key_label(k),
                    "data": [number(values[k].get(x, {}).get(f)) for x in xs],
                    "url": drill_url(figure, self.node.pk, {}, **{dims[0]: k, dims[1]: X}),
                }
                for k in keys
            ]
            choices.append(choice(name, unit, series))
        return chart(chart_id, figure.label, xs, xs, choices, type="line")

    @staticmethod
    def inner(figures: FigureSet, figure: Figure, rows: Mapping[str, Any]) -> list[tuple[str, str, str]]:
        """The figures inside a breakdown's rows, with their names and units from the group."""
        names = {f.key: f for f in figures.figures}
        found: list[str] = []
        for row in rows.values():
            found += [k for k in row if k not in found and not isinstance(row[k], dict)]
        return [
            (k, names[k].label if k in names else k, names[k].unit if k in names else figure.unit)
            for k in found
        ]

    def subtree_chart(self, table: Table) -> dict[str, Any]:
        names = [child.name for child in self.children]
        ids = [str(child.pk) for child in self.children]
        choices = []
        for figures in figure_sets():
            for figure in filter(scalar, figures.figures):
                values = [
                    number(table.value(c.pk, self.period, figures.group, figure.key)) for c in self.children
                ]
                if all(v is None for v in values):
                    continue
                url = drill_url(figure, N, self.chosen.params) or self.dashboard_url(N)
                mark = number(table.value(self.node.pk, self.period, figures.group, figure.key))
                name = f"{figures.label} · {figure.label}" if figures.group else figure.label
                choices.append(
                    choice(
                        name,
                        figure.unit,
                        [{"name": figure.label, "data": values, "url": url}],
                        mark if figure.unit == FigureUnit.RATE else None,
                    )
                )
        title = _("下级对比：各街镇") if self.node.depth == 1 else _("下级对比：各工会")
        return chart("subtree", title, names, ids, choices, nodes=ids)

    def rates_chart(self, table: Table) -> dict[str, Any]:
        spine = figure_set(SPINE)
        series = []
        for key, listed in (
            ("establishment_rate", "uncovered_eligible_units"),
            ("membership_rate", "members"),
        ):
            figure = spine.figure(key)
            values = [number(table.value(c.pk, self.period, SPINE, key)) for c in self.children]
            series.append(
                {
                    "name": figure.label,
                    "data": values,
                    "url": drill_url(spine.figure(listed), N, self.chosen.params),
                }
            )
        ids = [str(child.pk) for child in self.children]
        names = [child.name for child in self.children]
        return chart(
            "rates",
            _("建会率与职工入会率"),
            names,
            ids,
            [choice(_("覆盖与入会"), FigureUnit.RATE, series)],
            nodes=ids,
        )

    def dashboard_url(self, node: int | str) -> str:
        base = reverse("results:dashboard", args=[0]).replace("/0/", f"/{node}/")
        query = urlencode(self.chosen.params)
        return f"{base}?{query}" if query else base
