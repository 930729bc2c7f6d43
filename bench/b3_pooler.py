"""B3 through PgBouncer: B3's flash booking (2,000 members for 300 places over HTTP, b3_booking)
served directly and through PgBouncer in transaction mode (ops/pgbouncer/pgbouncer.sh, the site
with DATABASE_POOLER=transaction), on one database, rounds alternating between the two servers.
Skips (met null) when PgBouncer is not installed (make pgbouncer installs Debian's).
B3P_TEMPLATE names a migrated database to start from instead of migrating (faster).
"""

import json
import os
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import b3_booking as b3
from serving import DESCRIPTION as SERVER
from serving import (
    admin,
    browser_headers,
    child_json,
    free_port,
    load_clusters,
    start_server,
    stop,
    wait_up,
    with_database,
)

ROOT = Path(__file__).resolve().parent.parent
NAME = "B3 flash booking through PgBouncer"
GOAL = (
    "B3's flash through PgBouncer in transaction mode: 0 over-booked, 0 5xx, every place booked; "
    "throughput reported against the same server connecting directly"
)
DB_NAME = "gonghui_bench_pool"
ORDER = ("direct", "pgbouncer", "direct", "pgbouncer")  # one of B3's sessions each


def log(*parts: object) -> None:
    print("[b3p]", *parts, file=sys.stderr, flush=True)


def skipped(reason: str) -> dict[str, Any]:
    return {"bench": NAME, "figures": {"skipped": reason}, "goal": GOAL, "met": None}


def run(database_url: str) -> dict[str, Any]:
    if not database_url.startswith("postgres"):
        raise SystemExit("B3 through PgBouncer needs DATABASE_URL pointing to PostgreSQL")
    clusters = load_clusters()
    if reason := clusters.why_no_pgbouncer():
        return skipped(reason)
    url = with_database(database_url, DB_NAME)
    admin(database_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    template = os.environ.get("B3P_TEMPLATE")
    admin(database_url, f"CREATE DATABASE {DB_NAME}" + (f" TEMPLATE {template}" if template else ""))
    env = b3.child_env(url)
    servers: dict[str, Any] = {}
    try:
        log(f"setting up {b3.MEMBERS:,} members with logins and {b3.ROUNDS} sessions of {b3.PLACES} places")
        data = child_json(env, b3.__file__, "--setup")
        parts = urlsplit(database_url)
        with clusters.pgbouncer(parts.port or 5432, parts.hostname or "127.0.0.1") as pooler:
            pooled = {
                **env,
                "DATABASE_URL": f"postgres://{parts.username or 'postgres'}@127.0.0.1:{pooler}/{DB_NAME}",
                "DATABASE_POOLER": "transaction",
            }
            ports = {"direct": free_port(), "pgbouncer": free_port()}
            for kind, server_env in (("direct", env), ("pgbouncer", pooled)):
                servers[kind] = start_server(ports[kind], server_env)
                wait_up(ports[kind], time.monotonic() + 240)
            rounds = []
            for session_id, kind in zip(data["sessions"], ORDER, strict=False):
                port = ports[kind]
                headers = partial(browser_headers, port, csrf="c" * 32)
                b3.load(port, [("GET", "/bench/minimal/", b"", headers(k)) for k in data["cookies"][:200]])
                result = b3.flash_round(port, session_id, data["cookies"], headers)
                rounds.append((kind, session_id, result))
            states = {s: child_json(env, b3.__file__, "--check", s) for _kind, s, _r in rounds}
    finally:
        for server in servers.values():
            stop(server)
        admin(database_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return summary(rounds, states)


def summary(rounds: list[tuple[str, int, dict]], states: dict[int, dict[str, int]]) -> dict[str, Any]:
    figures: dict[str, Any] = {"members": b3.MEMBERS, "places": b3.PLACES, "server": SERVER}
    ok = True
    for kind in ("direct", "pgbouncer"):
        mine = [(session_id, r) for k, session_id, r in rounds if k == kind]
        statuses: dict[str, int] = {}
        for _session_id, r in mine:
            for status, n in r["flash"]["statuses"].items():
                statuses[status] = statuses.get(status, 0) + n
        errors = sum(n for s, n in statuses.items() if s.startswith("5") or s in ("-1", "0"))
        over = sum(max(states[s]["confirmed"] - states[s]["capacity"], 0) for s, _r in mine)
        exact = all(
            states[s]["confirmed"] == b3.PLACES == states[s]["counter"] == states[s]["place_count"]
            for s, _r in mine
        )
        booking_rps = [round(b3.MEMBERS / r["flash"]["elapsed_s"], 1) for _s, r in mine]
        minimal_rps = [round(b3.MEMBERS / r["base"]["elapsed_s"], 1) for _s, r in mine]
        figures[kind] = {
            "statuses": statuses,
            "server_errors": errors,
            "over_booked": over,
            "every_place_booked_once": exact,
            "booking_rps_by_round": booking_rps,
            "minimal_view_rps_by_round": minimal_rps,
            "all_gone_s_by_round": [round(r["gone_s"], 3) if r["gone_s"] else None for _s, r in mine],
        }
        ok = ok and errors == 0 and over == 0 and exact
    best = {kind: max(figures[kind]["booking_rps_by_round"]) for kind in ("direct", "pgbouncer")}
    figures["pgbouncer_vs_direct_booking_rps"] = round(best["pgbouncer"] / best["direct"], 3)
    return {"bench": NAME, "figures": figures, "goal": GOAL, "met": ok}


if __name__ == "__main__":
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gonghui")
    print(json.dumps(run(url), ensure_ascii=False))
