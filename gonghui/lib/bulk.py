"""Set-based loading of many rows: COPY on PostgreSQL, batched executemany elsewhere."""

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 5000) -> int:
    """Insert raw database values; callers prepare them (encrypted, normalised)."""
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"
        iterator = iter(rows)
        while chunk := list(islice(iterator, batch)):
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count
