"""Subtree KPIs of the organization tree, computed from the records.

Each query groups by node path; the totals are then added up the tree in
Python, so one pass gives the figures of every node under a root. Keys of the
returned dict are stable: scripts read them (see docs/kpis.md).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.lib.db import without_statement_timeout
from gonghui.members import selectors as member_selectors
from gonghui.organizations import selectors as org_selectors
from gonghui.organizations.models import Node

from .models import KpiRollup, RollupState

COUNT_KEYS = (
    "members",
    "unions",
    "covered_units",
    "eligible_units",
    "covered_eligible_units",
    "workers_in_covered_units",
)
KIND_KEYS = tuple(Node.Kind.values)


def _empty() -> dict[str, Any]:
    return {
        **dict.fromkeys(COUNT_KEYS, 0),
        "unions_by_kind": dict.fromkeys(KIND_KEYS, 0),
        "by_year": {},
    }


def _ancestor_paths(path: str, root_path: str) -> Iterable[str]:
    for end in range(len(root_path), len(path) + 1, Node.steplen):
        yield path[:end]


def _year(figures: dict[str, Any], year: int) -> dict[str, int]:
    return figures["by_year"].setdefault(
        str(year), {"new_units_covered": 0, "new_unions": 0, "new_members": 0}
    )


def compute_subtree_figures(
    root: Node, as_of: datetime.date | None = None, *, below: bool = True
) -> dict[str, dict[str, Any]]:
    """Figures for the root and every node under it, keyed by path: now, or on the day `as_of`
    (stocks as they were then: unions founded, units covered, members by their history). With
    `below=False`, the root's alone: the records are counted in all, not per node (at ten times
    the scale a district's rows per node and year are 200,000)."""
    totals: dict[str, dict[str, Any]] = defaultdict(_empty)
    grouped = {"by_path": below}

    def add(path: str, apply: Any) -> None:
        for ancestor in _ancestor_paths(path, root.path) if below else [root.path]:
            apply(totals[ancestor])

    for node in org_selectors.grassroots_by_path(root.path):
        if as_of is not None and node["founded_on"] and node["founded_on"] > as_of:
            continue
        if below:
            totals[node["path"]]  # every node gets a row, even an empty one
        if node["path"] != root.path:
            add(node["path"][: -Node.steplen], lambda f, k=node["kind"]: _bump(f["unions_by_kind"], k, 1))
        if node["kind"] == Node.Kind.GRASSROOTS:
            add(node["path"], lambda f: _bump(f, "unions", 1))
            if node["founded_on"]:
                add(node["path"], lambda f, y=node["founded_on"].year: _bump(_year(f, y), "new_unions", 1))
    for row in member_selectors.counted_members_by_path(root.path, as_of, **grouped):
        add(row["path"], lambda f, n=row["n"]: _bump(f, "members", n))
    for row in member_selectors.new_members_by_path_year(root.path, **grouped):
        add(row["path"], lambda f, r=row: _bump(_year(f, r["year"]), "new_members", r["n"]))
    for row in org_selectors.unit_figures_by_path(root.path, as_of, **grouped):

        def apply_units(f: dict[str, Any], r: Mapping[str, Any] = row) -> None:
            _bump(f, "covered_units", r["covered"])
            _bump(f, "eligible_units", r["eligible"])
            _bump(f, "covered_eligible_units", r["covered_eligible"])
            _bump(f, "workers_in_covered_units", r["workers"])

        add(row["path"], apply_units)
    for row in org_selectors.new_covered_units_by_path_year(root.path, **grouped):
        add(row["path"], lambda f, r=row: _bump(_year(f, r["year"]), "new_units_covered", r["n"]))
    return dict(totals)


def _bump(figures: dict[str, Any], key: str, n: int) -> None:
    figures[key] += n


def with_rates(figures: dict[str, Any]) -> dict[str, Any]:
    """Add the two rates; they are derived, never stored."""
    eligible, workers = figures["eligible_units"], figures["workers_in_covered_units"]
    return {
        **figures,
        "uncovered_eligible_units": figures["eligible_units"] - figures["covered_eligible_units"],
        "establishment_rate": round(figures["covered_eligible_units"] / eligible, 4) if eligible else None,
        "membership_rate": round(figures["members"] / workers, 4) if workers else None,
    }


def live_figures(node: Node) -> dict[str, Any]:
    return with_rates(compute_subtree_figures(node, below=False)[node.path])


def rollup_figures(node: Node) -> tuple[dict[str, Any], Any]:
    """The node's figures from the rollup table (one indexed row), and when they were computed."""
    rollup = KpiRollup.objects.filter(node=node).only("figures", "computed_at").first()
    if rollup is None:
        refresh_rollups()
        rollup = KpiRollup.objects.get(node=node)
    return with_rates(rollup.figures), rollup.computed_at


def refresh_rollups() -> int:
    """Recompute every node's rollup from the records, set-based; returns the rows written."""
    now = timezone.now()
    rows: list[KpiRollup] = []
    ids = dict(Node.objects.values_list("path", "id"))
    with without_statement_timeout(seconds=600):
        for root in Node.objects.get_root_nodes():
            for path, figures in compute_subtree_figures(root).items():
                rows.append(KpiRollup(node_id=ids[path], figures=figures, computed_at=now))
    with transaction.atomic():
        KpiRollup.objects.bulk_create(
            rows,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["node"],
            update_fields=["figures", "computed_at"],
        )
        RollupState.objects.filter(dirty_since__lte=now).update(dirty_since=None)
    return len(rows)


def mark_dirty() -> None:
    """Records changed a figure; the refresh task will pick it up."""
    RollupState.objects.update_or_create(pk=1, defaults={"dirty_since": timezone.now()})
