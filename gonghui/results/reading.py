"""What a page reads: the cached rows it needs, the missing ones computed while a small time
budget lasts and the rest queued (see store.py)."""

import time

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import store
from .models import FigureCache
from .store import Table, Wanted
from .tasks import refresh_figures

__all__ = ["Table", "Wanted", "ensure"]


def ensure(
    rows: QuerySet[FigureCache], wanted: Wanted, *, budget: float | None = None, queue: bool = True
) -> Table:
    """The rows a page needs, read from `rows` (the caller's scoped queryset). Missing rows are
    computed now while `budget` seconds last (RESULTS_SYNC_SECONDS), the rest left for the
    refresh task; rows past their age are marked stale for it too. The task is queued after the
    commit, or (`queue=False`) by the caller: a page queues it once it is sent (`table.queued`
    says whether to)."""
    table = store.fetch(rows, wanted)
    now, today = timezone.now(), timezone.localdate()
    old = [row.pk for row in table.rows.values() if store.expired(row, now, today)]
    if old:
        FigureCache.unscoped.filter(pk__in=old, stale=False).update(stale=True)
    # Rows not there, and rows queued that no worker has taken yet: this request computes what
    # it can while its budget lasts (several polls of a page thus finish it without a worker).
    missing = [
        slot
        for slot in wanted.slots
        if slot not in table.rows or (not table.rows[slot].done and table.rows[slot].claimed_at is None)
    ]
    deadline = time.monotonic() + (store.setting("RESULTS_SYNC_SECONDS", 2.0) if budget is None else budget)
    # A row is begun only when its kind took less than the time left: a district's row at ten
    # times the scale takes longer than any page may, and would hold the request until done.
    expected = store.expected_seconds(missing) if missing else {}
    left = []
    for slot in missing:
        if expected.get((slot[0], slot[2]), 0.0) >= deadline - time.monotonic():
            left.append(slot)
            continue
        node, period = wanted.slots[slot]
        store.compute(node, slot[2], period)
    new = [slot for slot in left if slot not in table.rows]
    if new:
        FigureCache.unscoped.bulk_create(
            [store.placeholder(*wanted.slots[slot], slot[2]) for slot in new], ignore_conflicts=True
        )
    table = store.fetch(rows, wanted) if missing or old else table
    table.queued = bool(left or old)
    if queue and table.queued:
        transaction.on_commit(refresh_figures.enqueue)
    return table
