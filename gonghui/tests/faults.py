"""Helpers of the fault tests: the test database's address for a subprocess, a connection of
the test's own beside Django's, real `db_worker` processes, and waiting for a condition."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def database_url(name: str | None = None) -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name or db['NAME']}"
    )


def pg_connect(*, autocommit: bool = True, dbname: str | None = None) -> psycopg.Connection[Any]:
    """A connection of the test's own, outside Django's (to hold a lock, to end a backend)."""
    return psycopg.connect(database_url(dbname), autocommit=autocommit)


def backends_waiting_on_locks(conn: psycopg.Connection[Any]) -> list[int]:
    """The pids of the test database's backends waiting for a lock, other than `conn`'s."""
    rows = conn.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'"
        " AND pid <> pg_backend_pid()",
        [connection.settings_dict["NAME"]],
    ).fetchall()
    return [pid for (pid,) in rows]


def wait_for(condition: Callable[[], Any], seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def start_manage(command: list[str], log: Path, **env: str) -> subprocess.Popen[bytes]:
    """A real `manage.py` process with the real settings, on the test database."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gonghui.settings",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "TASKS_REAP_SECONDS": "0.3",
        "DEBUG": "0",
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def start_worker(worker_id: str, log: Path, **env: str) -> subprocess.Popen[bytes]:
    """A real `manage.py db_worker` process on the test database, polling every 50 ms."""
    command = ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.05"]
    return start_manage([*command, "--worker-id", worker_id, "-v", "2"], log, **env)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(10)


@contextmanager
def workers(ids: list[str], log_dir: Path, **env: str) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    """Worker processes, killed at the end whatever happened."""
    started: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for worker_id in ids:
            started[worker_id] = start_worker(worker_id, log_dir / f"{worker_id}.log", **env)
        yield started
    finally:
        for process in started.values():
            stop(process)


def leases_held(conn: psycopg.Connection[Any]) -> int:
    """How many worker leases (gonghui/lib/workers.py) are held in the test database."""
    from gonghui.lib.workers import LEASE_SPACE

    row = conn.execute(
        "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
        " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s::oid AND d.datname = %s",
        [LEASE_SPACE, connection.settings_dict["NAME"]],
    ).fetchone()
    return row[0] if row else 0
