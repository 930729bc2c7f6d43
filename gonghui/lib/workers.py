"""Task workers that may die: a lease per worker, and the requeue of a dead worker's task.

django-tasks-db claims a task by setting it RUNNING with the worker's id, commits, then runs
it. A worker killed while running (SIGKILL, OOM, a machine lost) leaves the task RUNNING for
ever: nothing in the library looks at it again. Here each worker holds, for as long as its
process lives, a PostgreSQL session advisory lock named after its id, on a connection of its
own. The server drops that lock the moment the process's connection goes, so "the lock is
free" means "the worker is gone", without clocks or guessed time limits. Every worker's lease
thread (and the `requeue_orphaned_tasks` command) puts a gone worker's RUNNING tasks back to
READY, or FAILED after TASKS_MAX_ATTEMPTS claims. The tasks themselves must be safe to run
twice (a unique constraint, a row lock with a check, ON CONFLICT): the part of a task that
committed before the kill is done again on the retry.

Behind a pooler in transaction mode, session locks do not hold: the lease connection (and the
workers) must connect to PostgreSQL directly.
"""

import logging
import threading

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("gonghui.workers")

# The advisory lock space of worker leases: pg_advisory_lock(LEASE_SPACE, hashtext(worker_id)).
LEASE_SPACE = 0x7461736B  # "task"


class WorkerLost(Exception):
    """Recorded on a task whose workers died while running it TASKS_MAX_ATTEMPTS times."""


def requeue_orphaned_tasks(*, exclude: str = "") -> tuple[int, int]:
    """Put back to READY every RUNNING task whose worker holds no lease; a task claimed
    TASKS_MAX_ATTEMPTS times is marked FAILED instead. Safe to run at once from several
    workers (rows are taken with SKIP LOCKED) and to run again. Returns (requeued, failed).
    Only PostgreSQL has the leases: on another database it does nothing."""
    if connection.vendor != "postgresql":
        return 0, 0
    most = settings.TASKS_MAX_ATTEMPTS
    requeued = failed = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True).order_by()
        for task in running.only("id", "worker_ids", "status"):
            owner = task.worker_ids[-1] if task.worker_ids else ""
            if owner == exclude or worker_alive(owner):
                continue
            if len(task.worker_ids) >= most:
                task.status = TaskResultStatus.FAILED
                task.finished_at = timezone.now()
                task.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
                task.traceback = f"worker {owner} died while running the task ({len(task.worker_ids)} claims)"
                task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                failed += 1
            else:
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.save(update_fields=["status", "started_at"])
                requeued += 1
    if requeued or failed:
        logger.warning("requeued %d task(s) of dead workers, failed %d", requeued, failed)
    return requeued, failed


def worker_alive(worker_id: str) -> bool:
    """Whether a live process holds `worker_id`'s lease (try the lock: won means nobody has it)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", [LEASE_SPACE, worker_id])
        (won,) = cursor.fetchone()
        if won:
            cursor.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", [LEASE_SPACE, worker_id])
    return not won


class WorkerLease(threading.Thread):
    """Holds the worker's lease on a connection of this thread's own, re-taking it if that
    connection is lost, and requeues dead workers' tasks every TASKS_REAP_SECONDS."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"lease-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.held = threading.Event()
        self.stopping = threading.Event()

    def start_and_wait(self, seconds: float = 30) -> None:
        """Start, and return once the lease is held: no task is claimed before."""
        if connection.vendor != "postgresql":
            return
        self.start()
        if not self.held.wait(seconds):
            raise RuntimeError(f"worker {self.worker_id}: could not take its lease")

    def stop(self) -> None:
        self.stopping.set()
        if self.is_alive():
            self.join(5)

    def run(self) -> None:
        try:
            while True:
                try:
                    self._tick()
                except DatabaseError:
                    logger.exception("worker %s: lease connection lost, taking it again", self.worker_id)
                    self.held.clear()
                    connection.close()
                if self.stopping.wait(settings.TASKS_REAP_SECONDS):
                    return
        finally:
            connection.close()  # the lease goes with the connection

    def _tick(self) -> None:
        with connection.cursor() as cursor:
            if not self.held.is_set():
                cursor.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", [LEASE_SPACE, self.worker_id])
                self.held.set()
            else:
                cursor.execute("SELECT 1")  # the connection (and so the lease) is still there
        try:
            requeue_orphaned_tasks(exclude=self.worker_id)
        except Exception:  # a failed sweep must not end the lease: the next tick sweeps again
            logger.exception("worker %s: the requeue of dead workers' tasks failed", self.worker_id)
