"""Chinese names for the keys a figure is broken down by (`core`, `east`, `court`, `grassroots`…).

The registry gives a breakdown's keys as the codes its module stores; their names are the
choices of that module's own models. The app whose `figures.FIGURES` is the group's set is found
the way the registry finds it, so a new module's breakdowns are named the day it registers."""

from functools import cache
from importlib import import_module

from django.apps import apps
from django.utils import translation

from gonghui.lib.figures import FigureSet

# The spine's figures live in results; its codes (node kinds, member statuses) in these apps.
SPINE_APPS = ("organizations", "members")


def _apps_of(group: str) -> list[str]:
    found = list(SPINE_APPS) if group == "" else []
    for app in apps.get_app_configs():
        try:
            module = import_module(f"{app.name}.figures")
        except ModuleNotFoundError:
            continue
        figures = getattr(module, "FIGURES", None)
        if isinstance(figures, FigureSet) and figures.group == group:
            found.append(app.label)
    return found


@cache
def choice_labels(group: str) -> dict[str, str]:
    """Every stored code of the group's models with its Chinese name (the first field wins)."""
    names: dict[str, str] = {}
    with translation.override("zh-hans"):
        for label in _apps_of(group):
            for model in apps.get_app_config(label).get_models():
                for field in model._meta.get_fields():
                    for value, name in getattr(field, "flatchoices", None) or ():
                        names.setdefault(str(value), str(name))
    return names


def registers(figures: FigureSet, key: str) -> bool:
    return any(figure.key == key for figure in figures.figures)


def key_label(figures: FigureSet, key: str) -> str:
    """A breakdown key's name: a figure of the same set, a stored code, or the key itself
    (years and months read as they are)."""
    if registers(figures, key):
        return figures.figure(key).zh
    return choice_labels(figures.group).get(key, key)
