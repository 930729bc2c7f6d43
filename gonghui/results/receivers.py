from typing import Any

from django.db import transaction

from .kpis import mark_dirty
from .tasks import refresh_kpi_rollups


def schedule_refresh(sender: Any, **kwargs: Any) -> None:
    mark_dirty()
    transaction.on_commit(refresh_kpi_rollups.enqueue)
