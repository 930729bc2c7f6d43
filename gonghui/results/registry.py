"""The KPI registry: every app's `figures.FIGURES`, found among the installed apps, and the
figures of a node for a period computed from them all."""

from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps

from gonghui.lib.figures import FigureSet, Period
from gonghui.organizations.models import Node


@cache
def figure_sets() -> tuple[FigureSet, ...]:
    """The spine's set first, then each module's in the order of INSTALLED_APPS."""
    found: list[FigureSet] = []
    for app in apps.get_app_configs():
        try:
            module = import_module(f"{app.name}.figures")
        except ModuleNotFoundError as missing:
            if missing.name == f"{app.name}.figures":
                continue
            raise
        if isinstance(figures := getattr(module, "FIGURES", None), FigureSet):
            found.append(figures)
    return tuple(sorted(found, key=lambda s: s.group != ""))


def figure_set(group: str) -> FigureSet:
    for figures in figure_sets():
        if figures.group == group:
            return figures
    raise KeyError(group)


def figures_for(node: Node, period: Period | None = None) -> dict[str, Any]:
    """Every registered figure of the node's subtree: the spine's at the top level, each
    module's under its group."""
    out: dict[str, Any] = {}
    for figures in figure_sets():
        values = dict(figures.compute(node, period))
        if figures.group:
            out[figures.group] = values
        else:
            out.update(values)
    return out
