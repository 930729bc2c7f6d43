#!/usr/bin/env python3
"""Point-in-time recovery drill: continuous WAL archiving, a base backup, and a restore to a
moment between two batches of writes, on a throwaway cluster.

1. initdb a primary in a temporary folder, on a free port, with archive_mode=on and an
   archive_command that copies each finished WAL segment into an archive folder;
2. write 1000 rows, take a base backup (pg_basebackup), write 500 more, note the time (the
   target), write 700 more, switch the WAL so the last segment is archived, stop the primary;
3. copy the base backup into a new data folder with restore_command (from the archive) and
   recovery_target_time = the target, start it, wait for the recovery to end (promote);
4. check it has exactly the 1500 rows written before the target, none after.

    python ops/backup/pitr_drill.py        (make backup-drill)

Prints one JSON line with the figures and exits non-zero if the restored rows are not exactly
those. Everything (both servers, the folders) is removed at the end, whatever happened.
PostgreSQL refuses to run as root: as root the server's commands run as the `postgres` user.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

BEFORE_BASE, AFTER_BASE, AFTER_TARGET = 1000, 500, 700


def bindir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not versions:
        raise SystemExit("PostgreSQL's server binaries (initdb, pg_ctl) were not found")
    return versions[-1]


def as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Drill:
    def __init__(self) -> None:
        self.bin = bindir()
        self.root = Path(tempfile.mkdtemp(prefix="gonghui-pitr-"))
        self.archive = self.root / "archive"
        self.primary = self.root / "primary"
        self.base = self.root / "base"
        self.restored = self.root / "restored"
        self.running: list[Path] = []
        self.archive.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(self.archive, "postgres", "postgres")

    def pg(self, tool: str, *args: str) -> None:
        subprocess.run(as_postgres([str(self.bin / tool), *args]), check=True, capture_output=True, text=True)

    def start(self, data: Path) -> None:
        self.running.append(data)
        self.pg(
            "pg_ctl", "-D", str(data), "-l", str(self.root / f"{data.name}.log"), "-w", "-t", "120", "start"
        )

    def stop(self, data: Path, mode: str = "fast") -> None:
        if data in self.running:
            self.running.remove(data)
            self.pg("pg_ctl", "-D", str(data), "-m", mode, "-w", "stop")

    def configure(self, data: Path, port: int, **settings: str) -> None:
        lines = {
            "port": str(port),
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.root}'",
            "fsync": "off",  # a throwaway cluster: the drill is the procedure, not the disk
            **settings,
        }
        with (data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in lines.items())

    def cleanup(self) -> None:
        for data in list(self.running):
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop(data, "immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def run(self) -> dict[str, object]:
        port = free_port()
        self.pg("initdb", "-D", str(self.primary), "-U", "postgres", "-A", "trust", "--no-sync")
        self.configure(
            self.primary,
            port,
            wal_level="replica",
            archive_mode="on",
            archive_command=f"'test ! -f {self.archive}/%f && cp %p {self.archive}/%f'",
        )
        self.start(self.primary)
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE drill (id serial PRIMARY KEY, phase text NOT NULL)")
            conn.execute(
                "INSERT INTO drill (phase) SELECT 'before-base' FROM generate_series(1, %s)", [BEFORE_BASE]
            )
            started = time.monotonic()
            self.pg(
                "pg_basebackup", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-D", str(self.base)
            )
            base_seconds = time.monotonic() - started
            conn.execute(
                "INSERT INTO drill (phase) SELECT 'after-base' FROM generate_series(1, %s)", [AFTER_BASE]
            )
            time.sleep(0.5)
            target = conn.execute("SELECT clock_timestamp()").fetchone()[0]  # type: ignore[index]
            time.sleep(0.5)
            conn.execute(
                "INSERT INTO drill (phase) SELECT 'after-target' FROM generate_series(1, %s)", [AFTER_TARGET]
            )
            (last_segment,) = conn.execute("SELECT pg_walfile_name(pg_switch_wal())").fetchone()  # type: ignore[misc]
            deadline = time.monotonic() + 60
            while not (self.archive / last_segment).exists():
                if time.monotonic() > deadline:
                    raise RuntimeError(f"WAL segment {last_segment} was not archived within 60 s")
                time.sleep(0.1)
        self.stop(self.primary)  # the primary is lost
        archived = len([f for f in self.archive.iterdir() if len(f.name) == 24])

        started = time.monotonic()
        subprocess.run(["cp", "-a", str(self.base), str(self.restored)], check=True)
        restore_port = free_port()
        self.configure(
            self.restored,
            restore_port,
            archive_mode="off",
            restore_command=f"'cp {self.archive}/%f %p'",
            recovery_target_time=f"'{target.isoformat()}'",
            recovery_target_action="'promote'",
        )
        (self.restored / "recovery.signal").touch()
        if os.geteuid() == 0:
            subprocess.run(["chown", "postgres:postgres", str(self.restored / "recovery.signal")], check=True)
        self.start(self.restored)
        restored_url = f"postgresql://postgres@127.0.0.1:{restore_port}/postgres"
        with psycopg.connect(restored_url, autocommit=True) as conn:
            while conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]:  # type: ignore[index]
                if time.monotonic() - started > 120:
                    raise RuntimeError("the restored cluster did not finish its recovery within 120 s")
                time.sleep(0.1)
            restore_seconds = time.monotonic() - started
            phases = dict(conn.execute("SELECT phase, count(*) FROM drill GROUP BY phase").fetchall())
        expected = {"before-base": BEFORE_BASE, "after-base": AFTER_BASE}
        return {
            "ok": phases == expected,
            "rows": phases,
            "expected": expected,
            "written_after_target": AFTER_TARGET,
            "target": target.isoformat(),
            "wal_segments_archived": archived,
            "base_backup_seconds": round(base_seconds, 2),
            "restore_seconds": round(restore_seconds, 2),
        }


def main() -> int:
    drill = Drill()
    try:
        result = drill.run()
    finally:
        drill.cleanup()
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
