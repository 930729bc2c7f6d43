"""B7 city scale: one PostgreSQL against a Citus cluster (a coordinator and two workers, three
local clusters on this machine), on the same city.

Each side: a fresh database, the app's migrations, `manage.py city --scale S` (16 districts at
Shanghai's size times S, set-based; on Citus the core tables are distributed first, by district).
Then, on both, with the same statements:

- KPIs of the city root and of each district (counted members, eligible and covered units,
  workers in covered units, grassroots unions): p50/p95. A district's KPIs are asked twice on
  Citus: by path prefix only, as the app asks today (every shard answers), and with
  `district = …` added (one shard answers: a router plan; EXPLAIN's task count is reported);
- a district's roster import: COPY of ROSTER_ROWS new members in one transaction, as the
  import's commit writes them;
- the B3 booking flash in SQL: 2,000 members for 300 places, THREADS connections at once, each
  attempt one transaction (insert the booking, take the place by a conditional UPDATE, roll
  back when full). Over-booking is checked afterwards.

Two workers on one 2-core machine are not faster than one server: the point is that district
queries route to one shard and that the cost grows as designed. One JSON line per figure on
stdout (single, citus, ratio), then run.py's summary. Skips (met=null) when Citus is not built.
"""

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
from serving import admin, with_database

ROOT = Path(__file__).resolve().parent.parent
NAME = "B7 city scale"
GOAL = (
    "a district's KPIs on Citus run on one shard (router plan); city KPIs, a district roster import "
    "and the booking flash run on both with their ratio; 0 over-booked on both"
)
SCALE = float(os.environ.get("B7_SCALE", "0.01"))
ROSTER_ROWS = int(os.environ.get("B7_ROSTER_ROWS", "200000"))
REPEATS = int(os.environ.get("B7_REPEATS", "15"))
MEMBERS, PLACES, THREADS = 2000, 300, int(os.environ.get("B7_THREADS", "24"))
DB_NAME = "gonghui_bench_city"
PG_CONFIG = "/usr/lib/postgresql/15/bin/pg_config"

KPIS = """
SELECT
  (SELECT count(*) FROM members_member m WHERE m.path LIKE %(prefix)s AND m.status = 'active'
     AND m.id_problem = '' {member_key}) AS members,
  (SELECT count(*) FROM organizations_unit u WHERE u.path LIKE %(prefix)s AND u.must_have_union
     {unit_key}) AS eligible_units,
  (SELECT count(*) FROM organizations_unit u WHERE u.path LIKE %(prefix)s AND u.must_have_union
     AND u.union_id IS NOT NULL {unit_key}) AS covered_units,
  (SELECT coalesce(sum(u.workforce), 0) FROM organizations_unit u WHERE u.path LIKE %(prefix)s
     AND u.union_id IS NOT NULL {unit_key}) AS workers_covered,
  (SELECT count(*) FROM organizations_node n WHERE n.path LIKE %(prefix)s AND n.kind = 'grassroots')
     AS unions
"""


def kpi_sql(keyed: bool) -> str:
    return KPIS.format(
        member_key="AND m.district = %(district)s" if keyed else "",
        unit_key="AND u.district = %(district)s" if keyed else "",
    )


def log(*parts: object) -> None:
    print("[b7]", *parts, file=sys.stderr, flush=True)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def p50_p95(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return ms(statistics.median(samples)), ms(cuts[18])


def citus_built() -> bool:
    try:
        libdir = subprocess.run([PG_CONFIG, "--pkglibdir"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return False
    return bool(libdir) and Path(libdir, "citus.so").exists()


def manage(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "gonghui.settings"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
    ).stdout


def build(url: str, citus: bool) -> dict:
    started = time.perf_counter()
    manage(url, "migrate", "--verbosity", "0")
    migrate_s = round(time.perf_counter() - started, 1)
    out = manage(url, "city", "--scale", str(SCALE), "--json", *(["--citus"] if citus else []))
    loaded = json.loads(out.strip().splitlines()[-1])
    log(f"{'citus' if citus else 'single'}: migrate {migrate_s}s, city {loaded}")
    return {"migrate_s": migrate_s, **loaded}


# --- the measures ---------------------------------------------------------------------------


def districts(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute("SELECT path FROM organizations_node WHERE depth = 2 ORDER BY path").fetchall()
    return [r[0] for r in rows]


def timed_query(conn: psycopg.Connection, sql: str, params: dict) -> float:
    started = time.perf_counter()
    conn.execute(sql, params).fetchall()
    return time.perf_counter() - started


def task_count(conn: psycopg.Connection, sql: str, params: dict) -> int | None:
    """Citus's EXPLAIN names the tasks each distributed subplan runs: the largest count."""
    plan = "\n".join(r[0] for r in conn.execute("EXPLAIN " + sql, params).fetchall())
    counts = [int(line.split(":")[1]) for line in plan.splitlines() if "Task Count:" in line]
    return max(counts) if counts else None


def kpis(conn: psycopg.Connection, citus: bool) -> dict:
    keyed, unkeyed = kpi_sql(True), kpi_sql(False)
    root = {"prefix": "0001%", "district": None}
    for _ in range(2):  # warm the caches and the connections to the workers
        timed_query(conn, unkeyed, root)
    city = [timed_query(conn, unkeyed, root) for _ in range(REPEATS)]
    by_key, by_path = [], []
    paths = districts(conn)
    for _ in range(max(1, REPEATS // 5)):
        for path in paths:
            params = {"prefix": path + "%", "district": path}
            by_key.append(timed_query(conn, keyed, params))
            by_path.append(timed_query(conn, unkeyed, params))
    figures = {
        "city_kpis_ms": p50_p95(city),
        "district_kpis_keyed_ms": p50_p95(by_key),
        "district_kpis_path_only_ms": p50_p95(by_path),
    }
    if citus:
        one = {"prefix": paths[0] + "%", "district": paths[0]}
        figures["tasks"] = {
            "city": task_count(conn, unkeyed, root),
            "district_keyed": task_count(conn, keyed, one),
            "district_path_only": task_count(conn, unkeyed, one),
        }
    return figures


def roster_rows(district: str, union_id: int, union_path: str) -> bytes:
    out = io.StringIO()
    for k in range(ROSTER_ROWS):
        h = f"{k:040x}"
        out.write(
            f"新会员{k}\tXHY\t{'MF'[k % 2]}\t1985-01-01\t汉族\tresident\ta1:{h}{h[:24]}\t{h}\t"
            f"310***********{k % 10000:04d}\t\tbachelor\tmasses\tlocal_urban\t\t\ta1:{h}\t{h[::-1]}\t"
            f"138****{k % 10000:04d}\t\\N\t\temployed\t\tf\t2026-12-01\tIMP{k:010d}\t\t{union_id}\tactive\t"
            f"\t\t{union_path}\t2026-12-01 00:00:00+00\t{district}\n"
        )
    return out.getvalue().encode()


ROSTER_COLUMNS = (
    "name, name_initials, gender, birth_date, ethnicity, id_type, id_number, id_index, id_masked, "
    "id_problem, education, political_status, hukou_type, hukou_place, residence, phone, phone_index, "
    "phone_masked, unit_id, position, employment, skill_level, is_model_worker, joined_on, member_no, "
    "card_no, union_id, status, emergency_contact, emergency_phone, path, created_at, district"
)


def roster_import(conn: psycopg.Connection) -> dict:
    """COPY a district's new members in one transaction (the import's commit), then remove them."""
    district = districts(conn)[8]  # 闵行区, a large district but not the largest
    union_id, union_path = conn.execute(
        "SELECT id, path FROM organizations_node WHERE path LIKE %s AND depth = 4 ORDER BY path LIMIT 1",
        [district + "%"],
    ).fetchone()
    data = roster_rows(district, union_id, union_path)
    started = time.perf_counter()
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SET LOCAL statement_timeout = 0")
        with cur.copy(f"COPY members_member ({ROSTER_COLUMNS}) FROM STDIN") as copy:
            for i in range(0, len(data), 1 << 20):
                copy.write(data[i : i + (1 << 20)])
    elapsed = time.perf_counter() - started
    with conn.transaction():
        # The clean-up is no part of the figure: without the foreign keys' triggers, which on a
        # single PostgreSQL check ~60 referencing tables for each of the deleted rows (minutes).
        conn.execute("SET LOCAL statement_timeout = 0")
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute("DELETE FROM members_member WHERE district = %s AND member_no LIKE 'IMP%%'", [district])
    return {"roster_rows": ROSTER_ROWS, "roster_import_s": round(elapsed, 2)}


FLASH_SETUP = """
INSERT INTO culture_venue (name, kind, circle, node_id, address, opening_hours, facilities, capacity,
                           active, opened_on, closed_on, path)
SELECT '文化宫剧场', 'core', 'core', id, '', '', '', 1000, true, NULL, NULL, path
FROM organizations_node WHERE path = %(district)s RETURNING id
"""


def flash(url: str, conn: psycopg.Connection) -> dict:
    district = districts(conn)[0]
    members = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM members_member WHERE district = %s ORDER BY id LIMIT %s", [district, MEMBERS]
        ).fetchall()
    ]
    with conn.transaction():
        venue = conn.execute(FLASH_SETUP, {"district": district}).fetchone()[0]
        programme = conn.execute(
            "INSERT INTO culture_programme (title, category, description, node_id, circle, cost,"
            " per_member_limit, published, path, provider_id)"
            " SELECT '免费电影专场', 'film', '', id, 'core', 0, 0, true, path, NULL FROM organizations_node"
            " WHERE path = %s RETURNING id",
            [district],
        ).fetchone()[0]
        session = conn.execute(
            "INSERT INTO culture_session (programme_id, venue_id, starts_at, ends_at, capacity, booked, mode,"
            " eligibility, street_id, opens_at, closes_at, cancel_by, status, version, path, district)"
            " VALUES (%s, %s, now() + interval '2 days', now() + interval '2 days 2 hours', %s, 0,"
            " 'fcfs', 'members', NULL, now() - interval '1 minute', now() + interval '1 day',"
            " now() + interval '1 day', 'scheduled', 1, %s, %s) RETURNING id",
            [programme, venue, PLACES, district, district],
        ).fetchone()[0]
    gate = threading.Event()
    local = threading.local()
    conns: list[psycopg.Connection] = []
    outcome: list[tuple[bool, float]] = []

    def attempt(member_id: int) -> None:
        if not hasattr(local, "conn"):
            local.conn = psycopg.connect(url, autocommit=True)
            conns.append(local.conn)
        gate.wait()
        c = local.conn
        booked = False
        with c.transaction() as tx:
            c.execute(
                "INSERT INTO culture_booking (session_id, member_id, status, channel, idempotency_key,"
                " created_at, created_by_id, waiting_since, queue_rank, lost_draw, offered_at, hold_until,"
                " confirmed_at, checked_in_at, cancelled_at, path, district)"
                " VALUES (%s, %s, 'confirmed', 'portal', NULL, now(), NULL, NULL, 0, false, NULL, NULL,"
                " now(), NULL, NULL, %s, %s)",
                [session, member_id, district, district],
            )
            took = c.execute(
                "UPDATE culture_session SET booked = booked + 1 WHERE id = %s AND district = %s"
                " AND booked < capacity RETURNING id",
                [session, district],
            ).fetchone()
            booked = took is not None
            if not booked:
                raise psycopg.Rollback(tx)
        outcome.append((booked, time.perf_counter()))

    with ThreadPoolExecutor(THREADS) as pool:
        # Each thread opens its connection before the gate opens: the flash measures bookings.
        futures = [pool.submit(attempt, m) for m in members]
        time.sleep(1.0)
        started = time.perf_counter()
        gate.set()
        for f in futures:
            f.result()
    for c in conns:
        c.close()
    last_booked = max((t for ok, t in outcome if ok), default=started)
    done = max(t for _ok, t in outcome)
    counter, confirmed = conn.execute(
        "SELECT s.booked, (SELECT count(*) FROM culture_booking b WHERE b.session_id = s.id"
        " AND b.district = s.district AND b.status = 'confirmed') FROM culture_session s"
        " WHERE s.id = %s AND s.district = %s",
        [session, district],
    ).fetchone()
    return {
        "flash_places_gone_s": round(last_booked - started, 3),
        "flash_attempts_per_s": round(len(outcome) / (done - started), 1),
        "flash_confirmed": confirmed,
        "flash_over_booked": max(0, confirmed - PLACES) + (counter != confirmed),
    }


def measure(url: str, citus: bool, *, prepared: bool = False) -> dict:
    figures = {"prepared": True} if prepared else build(url, citus)
    # No server-side prepared statements for the KPIs: psycopg prepares a statement on its fifth
    # use, and a generic plan of `path LIKE $1` cannot use the path index (a sequential scan on
    # a single server; Citus sends each shard the statement with its values, so it was not hit).
    with psycopg.connect(url, autocommit=True, prepare_threshold=None) as conn:
        conn.execute("SET statement_timeout = 0")
        figures["rows"] = dict(
            zip(
                ("nodes", "units", "members"),
                conn.execute(
                    "SELECT (SELECT count(*) FROM organizations_node),"
                    " (SELECT count(*) FROM organizations_unit), (SELECT count(*) FROM members_member)"
                ).fetchone(),
                strict=True,
            )
        )
        figures["member_table_bytes"] = conn.execute(
            "SELECT citus_total_relation_size('members_member')"
            if citus
            else "SELECT pg_total_relation_size('members_member')"
        ).fetchone()[0]
        figures.update(kpis(conn, citus))
        figures.update(roster_import(conn))
        figures.update(flash(url, conn))
    return figures


# --- the two sides ----------------------------------------------------------------------------

COMPARED = [
    "load_s",
    "city_kpis_ms",
    "district_kpis_keyed_ms",
    "district_kpis_path_only_ms",
    "roster_import_s",
    "flash_places_gone_s",
    "flash_attempts_per_s",
]


def ratio(single: object, citus: object) -> object:
    if isinstance(single, list | tuple):
        return [ratio(a, b) for a, b in zip(single, citus, strict=True)]  # type: ignore[arg-type]
    return round(citus / single, 2) if single else None  # type: ignore[operator]


def start_cluster(directory: str) -> str:
    env = {**os.environ, "CITUS_DIR": directory, "CITUS_DB": DB_NAME}
    out = subprocess.run(
        [str(ROOT / "ops/citus/cluster.sh"), "start"], env=env, stdout=subprocess.PIPE, text=True, check=True
    ).stdout
    return out.strip().splitlines()[-1].split("=", 1)[1]


def stop_cluster(directory: str) -> None:
    env = {**os.environ, "CITUS_DIR": directory}
    subprocess.run([str(ROOT / "ops/citus/cluster.sh"), "stop"], env=env, check=False)


def run(database_url: str) -> dict:
    if not citus_built():
        reason = "Citus is not installed (ops/citus/build.sh builds it; make citus)"
        return {"bench": NAME, "figures": {"skipped": reason}, "goal": GOAL, "met": None}
    if os.environ.get("B7_SINGLE_URL") and os.environ.get("CITUS_URL"):
        # Two databases loaded beforehand by `manage.py city` (and `--citus`) at B7_SCALE.
        single = measure(os.environ["B7_SINGLE_URL"], citus=False, prepared=True)
        citus = measure(os.environ["CITUS_URL"], citus=True, prepared=True)
        return report(single, citus)
    single_url = with_database(database_url, DB_NAME)
    admin(database_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(database_url, f"CREATE DATABASE {DB_NAME}")
    directory = os.environ.get("B7_CITUS_DIR") or tempfile.mkdtemp(prefix="gonghui-b7-citus-")
    try:
        log(f"scale {SCALE}: single PostgreSQL")
        single = measure(single_url, citus=False)
        log(f"scale {SCALE}: Citus (coordinator and two workers)")
        citus = measure(start_cluster(directory), citus=True)
    finally:
        admin(database_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        if not os.environ.get("B7_KEEP_CITUS"):
            stop_cluster(directory)
    return report(single, citus)


def report(single: dict, citus: dict) -> dict:
    for key in COMPARED:
        if key not in single or key not in citus:
            continue
        line = {"bench": NAME, "scale": SCALE, "figure": key, "single": single[key], "citus": citus[key]}
        line["ratio_citus_to_single"] = ratio(single[key], citus[key])
        print(json.dumps(line, ensure_ascii=False), flush=True)
    tasks = citus["tasks"]
    over_booked = single["flash_over_booked"] + citus["flash_over_booked"]
    met = tasks["district_keyed"] == 1 and over_booked == 0
    figures = {"scale": SCALE, "single": single, "citus": citus}
    return {"bench": NAME, "figures": figures, "goal": GOAL, "met": met}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    print(json.dumps(run(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gonghui"))))
