"""Set-based loading of many rows: COPY on PostgreSQL, batched executemany elsewhere."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper


@contextmanager
def row_writer(
    table: str, columns: Sequence[str], batch: int = 5000, using: BaseDatabaseWrapper | None = None
) -> Iterator[Callable[[Sequence[Any]], None]]:
    """A function that takes raw database values one row at a time (callers prepare them:
    encrypted, normalised); all of them are written when the block ends. On PostgreSQL a COPY
    whose rows the server takes in as they are sent (the connection runs no other statement
    until the block ends)."""
    db = using or connection
    quoted = ", ".join(db.ops.quote_name(c) for c in columns)
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            sql = f"COPY {db.ops.quote_name(table)} ({quoted}) FROM STDIN"
            # Errors as Django raises them for a statement (a foreign key checked as the COPY ends).
            with db.wrap_database_errors, cursor.cursor.copy(sql) as copy:
                yield copy.write_row
            return
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {db.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"
        pending: list[Sequence[Any]] = []

        def write(row: Sequence[Any]) -> None:
            pending.append(row)
            if len(pending) >= batch:
                cursor.executemany(sql, pending)
                pending.clear()

        yield write
        if pending:
            cursor.executemany(sql, pending)


def insert_rows(
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    batch: int = 5000,
    using: BaseDatabaseWrapper | None = None,
) -> int:
    """Insert raw database values; callers prepare them (encrypted, normalised)."""
    count = 0
    with row_writer(table, columns, batch, using) as write:
        for row in rows:
            write(row)
            count += 1
    return count
