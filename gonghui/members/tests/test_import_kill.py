"""FT-1 for real: the import process is killed (SIGKILL) in the middle of its
write; nothing it wrote survives, and running it again gives the full result."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from gonghui.members.models import Member

from .rosters import good_rows, xlsx

ROOT = Path(__file__).resolve().parents[3]
ROWS = 30_000


def run_import(path: Path, union_path: str) -> subprocess.Popen:
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gonghui.test_settings",
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "import_roster",
            str(path),
            "--union",
            union_path,
            "--commit",
            "--json",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def writing_backend() -> bool:
    """Another session of this database has written inside its open transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_killing_the_import_half_way_leaves_nothing_and_a_rerun_completes(district, tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(xlsx(good_rows(100_000, ROWS, district.units["dinghai_a"].name), notes=False))
    before = Member.unscoped.count()
    process = run_import(path, district.dinghai_union.path)
    deadline = time.monotonic() + 120
    while not writing_backend():
        assert process.poll() is None, process.stderr.read()[-2000:]
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    time.sleep(0.5)  # the server notices the dropped connection and rolls back
    assert Member.unscoped.count() == before

    rerun = run_import(path, district.dinghai_union.path)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err[-2000:]
    result = json.loads(out)
    assert result["counts"] == {"new": ROWS}
    assert Member.unscoped.count() == before + ROWS
    assert Member.unscoped.filter(member_no__range=result["created"]).count() == ROWS
    again = run_import(path, district.dinghai_union.path)
    out, _err = again.communicate(timeout=300)
    assert json.loads(out)["counts"] == {"unchanged": ROWS} and "created" not in json.loads(out)
