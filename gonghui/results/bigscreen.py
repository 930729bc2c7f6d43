"""The big screen (大屏) and the public boards: a district at a glance, from the cached
figures. Stocks are today's, flows this year's."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from gonghui.lib.figures import Figure, FigureKind, Period
from gonghui.organizations.models import Node

from .periods import trend_years
from .present import display, number
from .registry import figure_sets
from .store import Table, Wanted

# Where each street of the seed's district lies, roughly, on a 4 x 4 grid (column, row; north
# up): the screen's map. A street not listed takes the next free cell.
STREET_GRID = {
    "新江湾城": (1, 1),
    "五角场镇": (2, 1),
    "殷行": (3, 1),
    "五角场": (1, 2),
    "延吉新村": (2, 2),
    "长白新村": (3, 2),
    "四平路": (1, 3),
    "控江路": (2, 3),
    "大桥": (3, 3),
    "定海路": (4, 3),
    "江浦路": (2, 4),
    "平凉路": (3, 4),
}
SCREEN_FIGURES = (
    "members",
    "unions",
    "covered_units",
    "establishment_rate",
    "membership_rate",
    "new_members",
    "cards.card_holders",
    "cards.merchants",
    "culture.sessions_held",
    "culture.person_times",
    "disputes.cases",
    "disputes.success_rate",
)


def figure_index() -> dict[str, tuple[str, Figure]]:
    """Every registered figure by its public key ("members", "cards.card_holders")."""
    return {
        (f"{figures.group}.{figure.key}" if figures.group else figure.key): (figures.group, figure)
        for figures in figure_sets()
        for figure in figures.figures
    }


def grid(streets: Sequence[Node]) -> list[dict[str, Any]]:
    """Each street with its cell: its place in STREET_GRID, or the next free one."""
    taken, placed, rest = set(), [], []
    for street in streets:
        short = street.name.removesuffix("工会").removesuffix("街道")
        cell = STREET_GRID.get(short) or STREET_GRID.get(street.name)
        if cell and cell not in taken:
            taken.add(cell)
            placed.append((street, cell))
        else:
            rest.append(street)
    free = [(c, r) for r in range(1, 6) for c in range(1, 5) if (c, r) not in taken]
    placed += list(zip(rest, free, strict=False))
    return [{"node": street, "col": col, "row": row} for street, (col, row) in placed]


class Glance:
    """What a public page shows of a node: `keys` of the registry, stocks as of today and
    flows of this year."""

    def __init__(self, node: Node, today: datetime.date, children: Sequence[Node] = ()) -> None:
        self.node, self.today, self.children = node, today, list(children)
        self.stocks = Period.as_of(today)
        self.flows = Period.year(today.year)
        self.year_periods = [Period.year(y) for y in trend_years(today)]

    def wanted(self, keys: Sequence[str], trend: bool = False) -> Wanted:
        index = figure_index()
        groups = sorted({index[key][0] for key in keys if key in index})
        wanted = Wanted()
        wanted.add(self.node, [self.stocks], groups)
        wanted.add(self.node, [self.flows], groups, whole=trend)
        for child in self.children:
            wanted.add(child, [self.stocks], [""])
        if trend:
            wanted.add(self.node, self.year_periods[:-1], [""])
        return wanted

    def value(self, table: Table, node: Node, key: str) -> Any:
        group, figure = figure_index()[key]
        period = self.stocks if figure.kind == FigureKind.STOCK else self.flows
        return table.group(node.pk, period, group).get(figure.key)

    def tiles(self, table: Table, keys: Sequence[str]) -> list[dict[str, Any]]:
        index = figure_index()
        out = []
        for key in keys:
            if key not in index:
                continue
            figure = index[key][1]
            value = self.value(table, self.node, key)
            out.append(
                {
                    "key": key,
                    "label": figure.label,
                    "value": display(value, figure.unit),
                    "flow": figure.kind == FigureKind.FLOW,
                    "meaning": figure.meaning,
                }
            )
        return out

    def streets(self, table: Table) -> list[dict[str, Any]]:
        cells = []
        for cell in grid(self.children):
            node = cell["node"]
            rate = number(self.value(table, node, "establishment_rate"))
            members = self.value(table, node, "members")
            cells.append(
                {
                    "name": node.name,
                    "col": cell["col"],
                    "row": cell["row"],
                    "members": display(members, "count"),
                    "rate": display(rate, "rate"),
                    "level": 0 if rate is None else min(4, int(rate * 5)),
                }
            )
        return cells

    def charts(self, table: Table) -> list[dict[str, Any]]:
        """The screen's three charts: new members by year, sessions by circle this year, cases
        by channel this year (each left out while its module is not installed)."""
        index = figure_index()
        years = [str(p.start.year) for p in self.year_periods]
        year_rows = [table.group(self.node.pk, p, "") for p in self.year_periods]
        out = [
            {
                "id": "new_members",
                "title": _("逐年新发展会员"),
                "type": "line",
                "x": years,
                "data": [number(row.get("new_members")) for row in year_rows],
            }
        ]
        for key, inner, title in (
            ("culture.by_circle", "person_times", _("本年各服务圈服务人次")),
            ("disputes.cases_by_channel", None, _("本年案件来源")),
        ):
            if key not in index:
                continue
            group, figure = index[key]
            values = table.group(self.node.pk, self.flows, group).get(figure.key) or {}
            points = {
                figure.key_label(k): number(v.get(inner) if inner and isinstance(v, Mapping) else v)
                for k, v in values.items()
            }
            out.append(
                {"id": key, "title": title, "type": "bar", "x": list(points), "data": list(points.values())}
            )
        return out


def screen_seconds() -> int:
    return int(getattr(settings, "RESULTS_SCREEN_REFRESH_SECONDS", 60))


def time_zone() -> str:
    return str(settings.TIME_ZONE)
