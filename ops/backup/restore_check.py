#!/usr/bin/env python3
"""Back up a database with pg_dump, restore it into a fresh database, and prove the copy whole:
every table's rows counted exactly in both, and the audit chain verified on the copy
(`manage.py verify_audit`). The fresh database is dropped at the end, whatever happened.

    python ops/backup/restore_check.py [--source postgres://…/gonghui] [--keep-dump FILE]

Prints one JSON line with the figures; exits non-zero when a count differs or the chain fails.
Needs pg_dump and pg_restore of the server's major version (Debian's postgresql-client-15).
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def row_counts(url: str) -> dict[str, int]:
    """Every table of every schema but the system's, counted exactly (count(*), not estimates)."""
    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT schemaname, tablename FROM pg_tables"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        ).fetchall()
        counts = {}
        for schema, table in tables:
            query = sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
            row = conn.execute(query).fetchone()
            counts[f"{schema}.{table}"] = row[0] if row else 0
    return counts


def run(command: list[str], **kwargs: object) -> float:
    started = time.monotonic()
    subprocess.run(command, check=True, **kwargs)  # type: ignore[call-overload]
    return time.monotonic() - started


def check(source: str, keep_dump: Path | None = None) -> dict[str, object]:
    name = urlsplit(source).path.lstrip("/")
    target_name = f"{name}_restore_{secrets.token_hex(4)}"[:63]
    target = with_database(source, target_name)
    maintenance = with_database(source, "postgres")
    workdir = Path(tempfile.mkdtemp(prefix="gonghui-backup-"))
    dump = workdir / f"{name}.dump"
    try:
        dump_seconds = run(["pg_dump", "--format=custom", "--file", str(dump), "--dbname", source])
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(target_name)))
        restore_seconds = run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", target, str(dump)]
        )
        source_counts, target_counts = row_counts(source), row_counts(target)
        differ = {
            table: (source_counts.get(table), target_counts.get(table))
            for table in sorted(set(source_counts) | set(target_counts))
            if source_counts.get(table) != target_counts.get(table)
        }
        env = {**os.environ, "DATABASE_URL": target, "DJANGO_SETTINGS_MODULE": "gonghui.settings"}
        audit = subprocess.run(
            [sys.executable, "manage.py", "verify_audit"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if keep_dump:
            shutil.copyfile(dump, keep_dump)
        return {
            "ok": not differ and audit.returncode == 0,
            "tables": len(source_counts),
            "rows": sum(source_counts.values()),
            "differ": differ,
            "dump_bytes": dump.stat().st_size,
            "dump_seconds": round(dump_seconds, 2),
            "restore_seconds": round(restore_seconds, 2),
            "audit": (audit.stdout or audit.stderr).strip().splitlines()[-1:],
            "audit_ok": audit.returncode == 0,
        }
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target_name))
            )
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source", default=os.environ.get("DATABASE_URL", ""), help="the database to back up"
    )
    parser.add_argument("--keep-dump", type=Path, help="keep the dump (the backup itself) at this path")
    args = parser.parse_args()
    if not args.source.startswith("postgres"):
        parser.error("--source (or DATABASE_URL) must be a postgres:// address")
    result = check(args.source, args.keep_dump)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
