"""Database helpers that know the vendor."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def without_statement_timeout(seconds: int = 0) -> Iterator[None]:
    """Operator and background work (seeding, KPI rollups) may run statements longer
    than the web requests' timeout; the limit is lifted for this transaction only."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
        yield


def analyze() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL would otherwise guess)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
