from django.tasks import task

from .services import deadline_alerts_scan


@task()
def send_deadline_alerts() -> int:
    """Alert on cases whose legal time limit is near or past; safe to run twice, even at once."""
    return deadline_alerts_scan()
