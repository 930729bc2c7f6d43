"""Every app's part of a member's own data: `<app>.personal_data.member_records`, found among
the installed apps (as the results registry finds `<app>.figures`), so this spine app imports
no module."""

from collections.abc import Callable
from functools import cache
from importlib import import_module

from django.apps import apps

from gonghui.lib.personal import Section
from gonghui.members.models import Member

type Contributor = Callable[[Member], list[Section]]


@cache
def contributors() -> tuple[tuple[str, Contributor], ...]:
    """(app label, member_records) in the order of INSTALLED_APPS."""
    found: list[tuple[str, Contributor]] = []
    for app in apps.get_app_configs():
        try:
            module = import_module(f"{app.name}.personal_data")
        except ModuleNotFoundError as missing:
            if missing.name == f"{app.name}.personal_data":
                continue
            raise
        if callable(records := getattr(module, "member_records", None)):
            found.append((app.label, records))
    return tuple(found)


def member_sections(member: Member) -> list[Section]:
    return [section for _label, records in contributors() for section in records(member)]
