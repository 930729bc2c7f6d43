"""The HTTP server the load benchmarks run against: gunicorn, as a federation deploys it
(several worker processes with threads), serving the same Django project."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = max(2, (os.cpu_count() or 2) + 1)
THREADS = 4
DESCRIPTION = f"gunicorn, {WORKERS} workers x {THREADS} threads, DEBUG off, PostgreSQL, loopback"


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
            "gthread",
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
