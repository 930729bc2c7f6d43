"""Every app's part of a member's own data: `<app>.personal_data.member_records`, found among
the installed apps (as the results registry finds `<app>.figures`), so this spine app imports
no module. An app may also have `erase_members(member_ids) -> int`: what it erases of former
members' records when their identity is erased (the rest of its rows are kept, tied only to the
anonymised member)."""

from collections.abc import Callable
from functools import cache
from importlib import import_module
from types import ModuleType

from django.apps import apps

from gonghui.lib.personal import Section
from gonghui.members.models import Member

type Contributor = Callable[[Member], list[Section]]
type Eraser = Callable[[list[int]], int]


@cache
def _modules() -> tuple[tuple[str, ModuleType], ...]:
    found = []
    for app in apps.get_app_configs():
        try:
            found.append((app.label, import_module(f"{app.name}.personal_data")))
        except ModuleNotFoundError as missing:
            if missing.name != f"{app.name}.personal_data":
                raise
    return tuple(found)


def contributors() -> tuple[tuple[str, Contributor], ...]:
    """(app label, member_records) in the order of INSTALLED_APPS."""
    return tuple(
        (label, m.member_records) for label, m in _modules() if callable(getattr(m, "member_records", None))
    )


def erasers() -> tuple[tuple[str, Eraser], ...]:
    """(app label, erase_members) of the apps that erase something of a former member."""
    return tuple(
        (label, m.erase_members) for label, m in _modules() if callable(getattr(m, "erase_members", None))
    )


def member_sections(member: Member) -> list[Section]:
    return [section for _label, records in contributors() for section in records(member)]
