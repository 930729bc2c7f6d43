"""A member's own data, as each app hands its part of it over (PI-6).

Each app that holds records about a member may have `<app>/personal_data.py` with
`member_records(member) -> list[Section]`; the registry (`gonghui.privacy.registry`) finds it
among the installed apps, so the spine never imports a module. A section is plain text, ready
for a JSON file or a workbook sheet: the member reads their own records, so encrypted fields
are shown in full (the download goes to no one else), while the keyed indexes, masked copies,
tree paths and the staff who handled a record are left out.
"""

import datetime
import decimal
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

# Columns that say nothing to the member: search keys, copies, the tree, hashes.
HIDDEN_NAMES = frozenset(
    {"path", "from_path", "hash", "prev_hash", "name_initials", "code_hash", "stored_as"}
)
HIDDEN_SUFFIXES = ("_index", "_masked", "_hash")


@dataclass(frozen=True)
class Section:
    """One kind of record about the member: its columns (name, label) and its rows."""

    kind: str  # "<app>.<what>", stable across releases: the JSON's key
    title: str  # Chinese, the sheet's name
    columns: Sequence[tuple[str, str]]
    rows: Sequence[dict[str, str]]
    kept: str = ""  # why these records are kept when the member asks for deletion ("" = erased)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "kept": self.kept,
            "columns": dict(self.columns),
            "rows": list(self.rows),
        }


def _shown(f: models.Field[Any, Any]) -> bool:
    if f.name in HIDDEN_NAMES or f.name.endswith(HIDDEN_SUFFIXES):
        return False
    if f.is_relation:
        label = f.related_model._meta.label_lower if f.related_model else ""
        # The member is who the download is about; the staff who handled a record are not theirs.
        return label not in {"members.member", settings.AUTH_USER_MODEL.lower()}
    return True


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, datetime.datetime):
        return (
            value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if value.tzinfo else str(value)
        )
    if isinstance(value, datetime.date | decimal.Decimal):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _value(obj: models.Model, f: models.Field[Any, Any]) -> str:
    if f.choices:
        return str(getattr(obj, f"get_{f.name}_display")())
    return text(getattr(obj, f.name))


def section_of(
    kind: str,
    title: str,
    records: Iterable[models.Model],
    *,
    model: type[models.Model] | None = None,
    fields: Sequence[str] | None = None,
    kept: str = "",
) -> Section:
    """A section of model rows (a queryset, or a list and its `model`): the named fields, or
    every field the member can read."""
    model = model or records.model  # type: ignore[attr-defined]
    chosen = (
        [model._meta.get_field(name) for name in fields]
        if fields is not None
        else [f for f in model._meta.concrete_fields if _shown(f)]
    )
    columns = [(f.name, str(getattr(f, "verbose_name", f.name))) for f in chosen]
    rows = [{f.name: _value(obj, f) for f in chosen} for obj in records]  # type: ignore[arg-type]
    return Section(kind, title, columns, rows, kept)
