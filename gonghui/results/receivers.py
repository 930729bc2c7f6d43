import datetime
from typing import Any

from django.db import transaction

from . import store
from .kpis import mark_dirty
from .models import FigureChange
from .tasks import refresh_figures, refresh_kpi_rollups


def schedule_refresh(
    sender: Any, group: str = FigureChange.ALL, since: datetime.date | None = None, **kwargs: Any
) -> None:
    """Records changed: today's rollup and the cached figures of `group` (every group when not
    said: a change in the spine moves the modules' figures too) from `since` on."""
    mark_dirty()
    transaction.on_commit(refresh_kpi_rollups.enqueue)

    def after_commit() -> None:
        store.record_change(group=group, since=since)
        refresh_figures.enqueue()

    transaction.on_commit(after_commit)
