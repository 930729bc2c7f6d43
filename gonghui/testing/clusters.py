"""Throwaway servers for the scale-out tests and benchmarks: PostgreSQL clusters (a primary and
its streaming hot standby, ops/replica/cluster.sh), PgBouncer (ops/pgbouncer/pgbouncer.sh) and
the site served by gunicorn, each on a free port and removed on exit, failures included."""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import psycopg

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = ROOT / "ops" / "replica" / "cluster.sh"
POOLER = ROOT / "ops" / "pgbouncer" / "pgbouncer.sh"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen) -> None:
    """A server or worker asked to stop, and killed if it has not within 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def url(port: int, database: str = "postgres") -> str:
    return f"postgres://postgres@127.0.0.1:{port}/{database}"


def why_no_clusters() -> str | None:
    """What this machine lacks to start clusters of its own, or None."""
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_basebackup").exists():
        return f"no PostgreSQL 15 server binaries in {PG_BIN} (Debian's postgresql-15)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser to start PostgreSQL as postgres"
    return None


def why_no_pgbouncer() -> str | None:
    if not (shutil.which("pgbouncer") or Path("/usr/sbin/pgbouncer").exists()):
        return "PgBouncer is not installed (Debian's pgbouncer: make pgbouncer)"
    return None


def _run(*args: object, env: dict[str, str] | None = None) -> None:
    done = subprocess.run([str(a) for a in args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode:
        raise RuntimeError(f"{args[0]} {args[1]} failed: {done.stderr.decode()[-2000:]}")


class Clusters:
    """A temporary folder of clusters; `close()` stops and removes every one it started."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="gonghui-clusters-"))
        self.base.chmod(0o755)  # the clusters run as postgres when the tests run as root
        self.dirs: dict[int, Path] = {}

    def primary(self) -> int:
        port = free_port()
        self.dirs[port] = self.base / f"pg{port}"
        _run(CLUSTER, "primary", self.dirs[port], port, env={**os.environ, "CLUSTER_FAST": "1"})
        return port

    def standby(self, primary_port: int) -> int:
        port = free_port()
        self.dirs[port] = self.base / f"pg{port}"
        _run(CLUSTER, "standby", self.dirs[port], port, primary_port)
        return port

    def stop(self, port: int, mode: str = "fast") -> None:
        _run(CLUSTER, "stop", self.dirs[port], mode)

    def close(self) -> None:
        for directory in self.dirs.values():
            subprocess.run([CLUSTER, "remove", directory], check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(self.base, ignore_errors=True)


@contextmanager
def pgbouncer(upstream_port: int = 5432, upstream_host: str = "127.0.0.1") -> Iterator[int]:
    """PgBouncer in transaction mode in front of a server; its port."""
    directory = Path(tempfile.mkdtemp(prefix="gonghui-pgbouncer-"))
    directory.chmod(0o755)
    port = free_port()
    try:
        _run(POOLER, "start", directory / "pb", port, upstream_port, upstream_host)
        yield port
    finally:
        subprocess.run([POOLER, "stop", directory / "pb"], check=False)
        shutil.rmtree(directory, ignore_errors=True)


def copy_database(source_url: str, target_url: str) -> None:
    """The source's schema and rows into the (empty) target, by pg_dump."""
    dump = subprocess.run(
        ["pg_dump", "--no-owner", "--no-privileges", source_url], check=True, capture_output=True
    ).stdout
    subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", target_url],
        input=dump,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def execute(database_url: str, *statements: str) -> list[tuple]:
    """Run statements in autocommit; the rows of the last one (if it returns any)."""
    rows: list[tuple] = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        for sql in statements:
            cursor = conn.execute(sql)  # type: ignore[call-overload]
            rows = cursor.fetchall() if cursor.description else []
    return rows


@contextmanager
def site(env: dict[str, str], *, workers: int = 1, threads: int = 4) -> Iterator[int]:
    """The project served by gunicorn with these environment variables; its port."""
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - the server's output, closed when it stops
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gonghui.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        _wait_up(port, process, log)
        yield port
    finally:
        stop(process)
        log.close()


def _wait_up(port: int, process: subprocess.Popen, log: IO[bytes], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the site did not start: {log.read().decode()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/accounts/login/")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the site did not come up")
