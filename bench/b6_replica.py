"""B6 with a read replica: the dashboards' p95 while a B1 roster import runs on the primary, with
the dashboards read from a streaming replica (DATABASE_REPLICA_URL, gonghui/lib/dbrouter.py)
against the same with both on the primary.

A primary cluster of its own (ops/replica/cluster.sh, a free port) gets B6's demo district
(b6_dashboards' set-up, B6R_SCALE, default 1) and two rosters of B6R_ROWS new members (default
200k, B1's generator) for one of its unions; then a hot standby by pg_basebackup. For each mode
(primary only, then replica), a server (gunicorn, serving.py) is started; the standard dashboards
(B6's pages less the cold ones) are requested B6R_REPEAT rounds idle, then in rounds for as long
as an import of a roster runs on the primary. Which server read the dashboards' figures is read
from the standby's pg_stat_statements. Skips (met null) when no cluster can be started.
B6R_TEMPLATE names a migrated database of DATABASE_URL's server to copy instead of migrating.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import b6_dashboards as b6
from serving import DESCRIPTION as SERVER
from serving import child_json, free_port, load_clusters, start_server, stop, wait_up, with_database

ROOT = Path(__file__).resolve().parent.parent
NAME = "B6 dashboards on a read replica during an import"
GOAL = (
    "B6's dashboards while a B1 roster import runs on the primary: p95 with the dashboards on a "
    "streaming replica against both on the primary; no failed request, the figures read on the replica"
)
SCALE = float(os.environ.get("B6R_SCALE", 1))
ROWS = int(os.environ.get("B6R_ROWS", 200_000))
REPEAT = int(os.environ.get("B6R_REPEAT", 5))
DB = "gonghui"


def log(*parts: object) -> None:
    print("[b6r]", *parts, file=sys.stderr, flush=True)


def run(database_url: str) -> dict[str, Any]:
    clusters = load_clusters()
    if reason := clusters.why_no_clusters():
        return {"bench": NAME, "figures": {"skipped": reason}, "goal": GOAL, "met": None}
    servers = clusters.Clusters()
    tmp = Path(tempfile.mkdtemp(prefix="b6r-"))
    try:
        try:
            primary = servers.primary()
        except Exception as error:  # no cluster of our own here: say why, as a skip
            return {"bench": NAME, "figures": {"skipped": repr(error)[:500]}, "goal": GOAL, "met": None}
        url = clusters.url(primary, DB)
        clusters.execute(clusters.url(primary), f"CREATE DATABASE {DB}")
        if template := os.environ.get("B6R_TEMPLATE"):
            clusters.copy_database(with_database(database_url, template), url)
        clusters.execute(url, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        (tmp / "b6_site_settings.py").write_text(b6.SETTINGS)
        (tmp / "b6_site_urls.py").write_text(b6.URLS)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "b6_site_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
            "DEBUG": "0",
            "LOG_LEVEL": "ERROR",
        }
        log(f"seeding the demo district at scale {SCALE} and filling its figures")
        data = child_json(env, b6.__file__, "--setup", SCALE)
        rosters = child_json(env, __file__, "--rosters", tmp, ROWS)
        standby = servers.standby(primary)
        log(f"standby on {standby}; measuring")
        figures: dict[str, Any] = {"scale": SCALE, "import_rows": ROWS, "server": SERVER}
        for number, mode in enumerate(("primary", "replica")):
            mode_env = dict(env)
            if mode == "replica":
                mode_env["DATABASE_REPLICA_URL"] = clusters.url(standby, DB)
            before = reads_on(clusters, standby)
            port = free_port()
            server = start_server(port, mode_env)
            try:
                wait_up(port, time.monotonic() + 240)
                roster = tmp / f"roster{number}.csv"
                figures[mode] = measure(port, data, env, roster, rosters["union"])
            finally:
                stop(server)
            figures[mode]["figure_reads_on_replica"] = reads_on(clusters, standby) - before
            log(mode, figures[mode])
    finally:
        servers.close()
        shutil.rmtree(tmp, ignore_errors=True)
    on_primary, on_replica = figures["primary"], figures["replica"]
    figures["replica_vs_primary_p95_during_import"] = round(
        on_replica["during_import_p95_ms"] / on_primary["during_import_p95_ms"], 3
    )
    met = (
        set(on_primary["statuses"]) | set(on_replica["statuses"]) == {"200"}
        and on_replica["figure_reads_on_replica"] > 0
        and on_primary["figure_reads_on_replica"] == 0
    )
    return {"bench": NAME, "figures": figures, "goal": GOAL, "met": met}


def reads_on(clusters: Any, port: int) -> int:
    rows = clusters.execute(
        clusters.url(port, DB),
        "SELECT coalesce(sum(calls), 0)::int FROM pg_stat_statements"
        " WHERE query LIKE '%results_figurecache%' AND query NOT LIKE '%pg_stat_statements%'",
    )
    return int(rows[0][0])


def measure(port: int, data: dict[str, Any], env: dict[str, str], roster: Path, union: int) -> dict[str, Any]:
    client = b6.Client(port, data["cookie"])
    measured, cold = b6.pages(data, data["today"])
    pages = [path for name, path in measured.items() if name not in cold]
    statuses: dict[str, int] = {}

    def one_round(samples: list[float]) -> None:
        for path in pages:
            took, status, _body = client.get(path)
            samples.append(took)
            statuses[str(status)] = statuses.get(str(status), 0) + 1

    for _ in range(2):  # warm up
        one_round([])
    idle: list[float] = []
    for _ in range(REPEAT):
        one_round(idle)
    importing = subprocess.Popen(
        [sys.executable, __file__, "--import", str(roster), str(union)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert importing.stdout is not None
    importing.stdout.readline()  # the child is set up and has begun the import
    busy: list[float] = []
    while importing.poll() is None or not busy:
        one_round(busy)
    out, _ = importing.communicate()
    imported = json.loads(out.strip().splitlines()[-1])
    return {
        "idle_p95_ms": b6.ms(b6.p95(idle)),
        "during_import_p95_ms": b6.ms(b6.p95(busy)),
        "during_import_median_ms": b6.ms(statistics.median(busy)),
        "requests_during_import": len(busy),
        "import_s": imported["seconds"],
        "import_counts": imported["counts"],
        "statuses": statuses,
    }


# --- the children ------------------------------------------------------------------------------


def write_rosters(directory: str, rows: int) -> None:
    import django

    django.setup()
    from gonghui.members.tests.rosters import csv_bytes, good_rows
    from gonghui.organizations.models import Node, Unit

    unit = Unit.unscoped.filter(union__kind=Node.Kind.GRASSROOTS).order_by("id").first()
    assert unit is not None and unit.union is not None
    for number, start in enumerate((5_000_001, 6_000_001)):
        roster = csv_bytes(good_rows(start, rows, unit.name), "utf-8")
        Path(directory, f"roster{number}.csv").write_bytes(roster)
    print(json.dumps({"union": unit.union.pk}))


def import_roster(path: str, union_id: str) -> None:
    import django

    django.setup()
    from gonghui.accounts.models import User
    from gonghui.members.roster.pipeline import commit_file
    from gonghui.organizations.models import Node

    union, actor = Node.objects.get(pk=union_id), User.objects.get(username="district")
    data = Path(path).read_bytes()
    print("begun", flush=True)
    started = time.perf_counter()
    summary = commit_file(data, Path(path).name, union, actor)
    seconds = round(time.perf_counter() - started, 1)
    print(json.dumps({"seconds": seconds, "counts": {k: v for k, v in summary.counts.items()}}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rosters"]:
        write_rosters(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1:2] == ["--import"]:
        import_roster(sys.argv[2], sys.argv[3])
    else:
        print(json.dumps(run(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gonghui"))))
