"""Put back the tasks of task workers that died mid-task (every live worker also does this
every TASKS_REAP_SECONDS); safe to run at any time and any number of times."""

from typing import Any

from django.core.management.base import BaseCommand

from gonghui.lib.workers import requeue_orphaned_tasks


class Command(BaseCommand):
    help = "Requeue RUNNING tasks whose worker is gone (PostgreSQL worker leases)"

    def handle(self, *args: Any, **options: Any) -> None:
        requeued, failed = requeue_orphaned_tasks()
        self.stdout.write(f"requeued {requeued} task(s), failed {failed} after too many attempts")
