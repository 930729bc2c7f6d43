"""The HTTP server the load benchmarks run against: gunicorn, as a federation deploys it
(several worker processes with threads), serving the same Django project."""

import http.client
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
WORKERS = int(os.environ.get("BENCH_WORKERS", max(2, (os.cpu_count() or 2) + 1)))
THREADS = int(os.environ.get("BENCH_THREADS", 4))
KIND = os.environ.get("BENCH_WORKER_CLASS", "gthread")
DESCRIPTION = f"gunicorn, {WORKERS} {KIND} workers x {THREADS} threads, DEBUG off, PostgreSQL, loopback"


def load_clusters() -> Any:
    """gonghui/testing/clusters.py without Django set up (the package's __init__ needs it)."""
    spec = importlib.util.spec_from_file_location("gonghui_clusters", ROOT / "gonghui/testing/clusters.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


clusters = load_clusters()
free_port, stop = clusters.free_port, clusters.stop


def start_server(port: int, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gonghui.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            KIND,
            "--threads",
            str(THREADS),
            "--chdir",
            str(ROOT),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def admin(url: str, *statements: str) -> None:
    """Statements on the server's maintenance database (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


def browser_headers(port: int, session_key: str, csrf: str) -> dict[str, str]:
    """A signed-in browser's form POST: its session, and the CSRF secret as cookie and header."""
    return {
        "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Content-Type": "application/x-www-form-urlencoded",
        "Host": f"127.0.0.1:{port}",
    }


def wait_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/minimal/")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not come up")


def child_json(env: dict[str, str], script: str | Path, *args: object) -> Any:
    """Run a Python script as a child of its own (a fresh interpreter, its own settings) and
    read the JSON of the last line it prints."""
    out = subprocess.run(
        [sys.executable, str(script), *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])
