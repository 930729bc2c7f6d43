from django.tasks import task

from . import store
from .kpis import refresh_rollups
from .models import RollupState

# A refresh works this long, then queues itself again: a queue of other work is never held up
# behind a district's whole history.
REFRESH_SECONDS = 120


@task()
def refresh_kpi_rollups() -> int:
    """Safe to queue many times: a refresh with nothing dirty does nothing."""
    if not RollupState.objects.filter(dirty_since__isnull=False).exists():
        return 0
    return refresh_rollups()


@task()
def refresh_figures() -> int:
    """Recompute the cached figures that changes made stale or pages asked for. Safe to queue
    many times and to run on several workers at once (each row is claimed before it is
    computed); with nothing stale it does nothing."""
    done, left = store.refresh(REFRESH_SECONDS)
    if left:
        refresh_figures.enqueue()
    return done


@task()
def fill_figures() -> int:
    """The standard periods of the nodes near the top, queued and then computed."""
    queued = store.fill()
    refresh_figures.enqueue()
    return queued
