"""django-tasks-db's `db_worker`, with a lease: while the process lives it holds a lock named
after its id, and it requeues the tasks of workers that died mid-task (gonghui/lib/workers.py).
Same options and behaviour otherwise; it replaces the library's command of the same name
(gonghui.lib comes before django_tasks_db in INSTALLED_APPS)."""

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as LibraryWorkerCommand

from gonghui.lib.workers import WorkerLease


class Command(LibraryWorkerCommand):
    help = "Run a database background worker that holds a lease and requeues dead workers' tasks"

    def handle(self, *args: Any, **options: Any) -> None:
        lease = WorkerLease(options["worker_id"])
        lease.start_and_wait()
        try:
            super().handle(*args, **options)
        finally:
            lease.stop()
