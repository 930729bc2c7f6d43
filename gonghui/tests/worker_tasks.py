"""A task only the worker tests enqueue: it writes one row per run into a table the test
makes, so a run twice shows as two rows."""

import os

from django.db import connection
from django.tasks import task

RUNS_TABLE = "test_worker_runs"


@task()
def record_run(n: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {RUNS_TABLE} (n, pid) VALUES (%s, %s)", [n, os.getpid()])
        cursor.execute("SELECT pg_sleep(0.03)")  # long enough for the workers to share the queue
    return n
