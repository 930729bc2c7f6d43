"""FT-4: the backup scripts of ops/backup, run for real. A pg_dump of the test database (with
a district and its audit trail in it) restored into a fresh database has the same rows in
every table and an intact audit chain; the point-in-time recovery drill restores a throwaway
cluster to a moment between two batches of writes."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from gonghui.audit.models import AuditRecord
from gonghui.audit.services import audit_record
from gonghui.testing.disputes import make_network

from .faults import ROOT, database_url, pg_connect

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_script(name: str, *args: str) -> tuple[int, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "ops" / "backup" / name), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    return done.returncode, json.loads(lines[-1])


def restored_copies() -> list[str]:
    """The copies restore_check.py makes of the test database (named <database>_restore_<hex>)."""
    with pg_connect(dbname="postgres") as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [copy_prefix()])
        return [name for (name,) in rows.fetchall()]


def copy_prefix() -> str:
    return f"{connection.settings_dict['NAME']}_restore_"


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs pg_dump and pg_restore")
def test_a_dump_restores_into_a_fresh_database_with_every_row_and_the_audit_chain(district, tmp_path):
    make_network(district)  # cases and mediation bodies, in many tables
    for n, user in enumerate(district.users.values()):  # records on several of the audit chains
        audit_record(actor=user, action="backup.test", target=district.root, detail={"n": n})
    audited = AuditRecord.objects.count()
    assert audited >= len(district.users)
    dump = tmp_path / "gonghui.dump"
    code, result = run_script("restore_check.py", "--source", database_url(), "--keep-dump", str(dump))
    assert code == 0 and result["ok"], result
    assert result["differ"] == {} and result["audit_ok"]
    assert result["audit"] == [f"audit chain intact: {audited} records"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert result["tables"] == cursor.fetchone()[0]  # every table counted
    assert result["rows"] > 100 and dump.stat().st_size == result["dump_bytes"]
    assert restored_copies() == []  # the restored copy was dropped
    print(f"dump/restore: {result['tables']} tables, {result['rows']} rows, {result}")


@pytest.mark.skipif(not (shutil.which("pg_ctl") or Path("/usr/lib/postgresql").exists()), reason="no server")
def test_point_in_time_recovery_drill_restores_exactly_the_rows_before_the_target(db):
    code, result = run_script("pitr_drill.py")
    assert code == 0 and result["ok"], result
    assert result["rows"] == {"before-base": 1000, "after-base": 500}  # none of the 700 after the target
    assert result["wal_segments_archived"] >= 2
    print(f"PITR drill: {result}")
