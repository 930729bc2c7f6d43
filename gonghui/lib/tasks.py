"""Enqueueing background work that belongs to a transaction."""

from typing import Any

from django.db import router, transaction
from django.tasks import Task
from django_tasks_db.backend import DatabaseBackend


def enqueue_with_transaction(task: Task, *args: Any) -> None:
    """Enqueue `task` for the work of the current transaction, so it runs only if that work
    commits. When the queue is a table of the same database, the task's row is written in the
    transaction itself: it commits or rolls back with the work, and costs no commit of its
    own. Any other queue gets the task after the commit: a worker must not run it against
    work that is then rolled back."""
    from django_tasks_db.models import DBTaskResult

    connection = transaction.get_connection()
    in_same_database = router.db_for_write(DBTaskResult) == connection.alias
    if connection.in_atomic_block and in_same_database and isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
