from django.tasks import task

from .kpis import refresh_rollups
from .models import RollupState


@task()
def refresh_kpi_rollups() -> int:
    """Safe to queue many times: a refresh with nothing dirty does nothing."""
    if not RollupState.objects.filter(dirty_since__isnull=False).exists():
        return 0
    return refresh_rollups()
