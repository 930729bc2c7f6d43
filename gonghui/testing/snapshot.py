"""What a refused write must leave unchanged: every row of the project's own tables."""

from typing import Any

from django.apps import apps
from django.db import connection

# A refusal may be audited: the audit log and its chain head may grow.
MAY_CHANGE = frozenset({"audit"})


def domain_tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model.__module__.startswith("gonghui.")
            and model._meta.app_label not in MAY_CHANGE
            and model._meta.managed
            and not model._meta.proxy
        }
    )


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Rows as stored (encrypted fields stay encrypted: nothing to decrypt), in a stable order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in domain_tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted((tuple(map(_plain, row)) for row in cursor.fetchall()), key=repr)
    return rows


def changes(before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]) -> list[str]:
    """The tables whose rows differ."""
    return [table for table in before if before[table] != after.get(table)]
