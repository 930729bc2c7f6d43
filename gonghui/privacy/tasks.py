from typing import Any

from django.tasks import task
from django.utils import timezone

from .services import retention_enforce


@task()
def enforce_retention() -> dict[str, Any]:
    """Erase the personal records past their retention period (settings.PRIVACY_RETENTION_DAYS).
    Safe to run twice and on several workers: each step deletes or erases only what is still
    there, so a second run finds nothing. A deployment queues it nightly (`manage.py retention`)."""
    return retention_enforce(timezone.now())
