"""The spine's figures in the KPI registry: the organization tree, its coverage and its
members, at the top level of the KPI JSON (docs/kpis.md)."""

from typing import Any

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit, Period
from gonghui.members import selectors as member_selectors
from gonghui.organizations import selectors as org_selectors
from gonghui.organizations.models import Node

from .kpis import compute_subtree_figures, with_rates

COUNT, RATE = FigureUnit.COUNT, FigureUnit.RATE
NEW_KEYS = ("new_units_covered", "new_unions", "new_members")
STOCK, FLOW = FigureKind.STOCK, FigureKind.FLOW


def spine_figures(node: Node, period: Period | None = None) -> dict[str, Any]:
    """Stocks as of the period's end (now when not given); the new units, unions and members
    of the period (of all time when not given)."""
    as_of = period.end if period else None
    figures = with_rates(compute_subtree_figures(node, as_of, below=False)[node.path])
    if period is None:
        flows = {key: sum(year[key] for year in figures["by_year"].values()) for key in NEW_KEYS}
    else:
        flows = {
            "new_units_covered": org_selectors.new_covered_units(node.path, period.start, period.end),
            "new_unions": org_selectors.new_grassroots_unions(node.path, period.start, period.end),
            "new_members": member_selectors.new_members(node.path, period.start, period.end),
        }
    return {**figures, **flows}


FIGURES = FigureSet(
    group="",
    zh="组织建设",
    en="Organization",
    compute=spine_figures,
    figures=(
        Figure("members", "会员总数", "Members", COUNT, STOCK,
               "期末会籍有效、身份证号有效且不重复的会员（会籍按入会、接转、退会等记录追溯）",
               "Members of the subtree with active status and a valid, unique ID on the period's last day "
               "(following joins, transfers and leaving)", drill="members:list", drill_query="status=active"),
        Figure("unions", "工会组织数", "Grassroots unions", COUNT, STOCK,
               "期末已成立的基层工会（含本级）",
               "Grassroots unions founded by the period's end, the node included",
               drill="organizations:unions"),
        Figure("covered_units", "覆盖建会单位", "Covered units", COUNT, STOCK,
               "期末已被工会覆盖的用人单位", "Employer units covered by a union on the period's last day",
               drill="organizations:units", drill_query="coverage=covered"),
        Figure("eligible_units", "应建会单位", "Eligible units", COUNT, STOCK,
               "应当建立工会的用人单位", "Units that must have a union", drill="organizations:units",
               drill_query="eligible=1"),
        Figure("covered_eligible_units", "已建会的应建单位", "Covered eligible units", COUNT, STOCK,
               "应建会单位中已被覆盖的", "Eligible units that are covered"),
        Figure("uncovered_eligible_units", "应建未建单位", "Uncovered eligible units", COUNT, STOCK,
               "应建会单位中尚未建会的", "Eligible units without a union", drill="organizations:units",
               drill_query="coverage=uncovered"),
        Figure("workers_in_covered_units", "覆盖单位职工数", "Workers in covered units", COUNT, STOCK,
               "已覆盖单位的职工人数合计", "Workforce of the covered units"),
        Figure("establishment_rate", "建会率", "Union establishment rate", RATE, STOCK,
               "已建会的应建单位 / 应建会单位", "Covered eligible units / eligible units"),
        Figure("membership_rate", "职工入会率", "Membership rate", RATE, STOCK,
               "会员总数 / 覆盖单位职工数", "Members / workers in covered units"),
        Figure("unions_by_kind", "各类工会组织", "Union organizations by kind", COUNT, STOCK,
               "下级组织按类型：街镇、行业、园区、楼宇、区域联合、基层",
               "Nodes below by kind: street, industry, park, building, regional, grassroots", by="kind",
               drill="organizations:unions", labels=Node.Kind.choices),
        Figure("new_units_covered", "新增建会单位", "Units newly covered", COUNT, FLOW,
               "期内首次被工会覆盖的单位", "Units first covered by a union in the period",
               drill="organizations:units", drill_query="covered_year={year}"),
        Figure("new_unions", "新建基层工会", "New grassroots unions", COUNT, FLOW,
               "期内成立的基层工会", "Grassroots unions founded in the period", drill="organizations:unions",
               drill_query="founded_year={year}"),
        Figure("new_members", "新发展会员", "New members", COUNT, FLOW,
               "期内入会的会员（不论现状，身份证号有问题的除外）",
               "Members who joined in the period, whatever their status now (flagged IDs excluded)",
               drill="members:list", drill_query="joined_year={year}"),
        Figure("by_year", "逐年新增", "New each year", COUNT, FLOW,
               "每年新增建会单位、新建基层工会、新发展会员",
               "Units newly covered, unions founded and members who joined, each year", by="year"),
    ),
)  # fmt: skip
