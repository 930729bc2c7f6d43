"""B2 subtree KPIs: reading a node's KPIs against a single-row lookup and a naive recursive count.

`run()` measures each scale in a fresh database, in a child process (`python bench/b2_kpis.py SCALE`),
so every scale starts from an empty Django state; the child prints its figures as one JSON line.
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from serving import admin, child_json, with_database

ROOT = Path(__file__).resolve().parent.parent
NAME = "B2 subtree KPIs"
GOAL = (
    "KPIs of a node: p95 <= 5x a single-row lookup p95 (at scales 1 and 10), "
    "and >= 100x faster than a naive recursive per-node count at scale 10"
)
SCALES = (1, 10)
MAX_KPI_VS_LOOKUP = 5
MIN_NAIVE_VS_KPI = 100


def log(*parts: object) -> None:
    print("[b2]", *parts, file=sys.stderr, flush=True)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return ms(statistics.median(samples)), ms(cuts[94])


def timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


# --- the parent: one database per scale ------------------------------------------------------


def run(database_url: str) -> dict:
    if not database_url.startswith("postgres"):
        raise SystemExit("B2 needs DATABASE_URL pointing to PostgreSQL")
    figures = {}
    for scale in SCALES:
        name = f"gonghui_bench_s{scale}"
        url = with_database(database_url, name)
        admin(database_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin(database_url, f"CREATE DATABASE {name}")
        try:
            env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "gonghui.settings"}
            figures[f"scale_{scale}"] = child_json(env, __file__, scale)
        finally:
            admin(database_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    met = all(f["kpi_p95_vs_lookup_p95"] <= MAX_KPI_VS_LOOKUP for f in figures.values()) and (
        figures["scale_10"]["naive_vs_kpi_p95"] >= MIN_NAIVE_VS_KPI
    )
    return {"bench": NAME, "figures": figures, "goal": GOAL, "met": met}


# --- the child: seed one scale and measure ----------------------------------------------------


def naive_root_count(node) -> dict:  # type: ignore[no-untyped-def]
    """What a naive implementation does: walk the tree node by node, a few COUNTs per node."""
    from django.db.models import Sum

    from gonghui.members.models import Member
    from gonghui.organizations.models import Node, Unit

    own_units = Unit.unscoped.filter(path=node.path)
    totals = {
        "members": Member.unscoped.filter(union=node, status="active", id_problem="").count(),
        "covered_units": Unit.unscoped.filter(union=node).count(),
        "eligible_units": own_units.filter(must_have_union=True).count(),
        "covered_eligible_units": own_units.filter(union__isnull=False, must_have_union=True).count(),
        "workers_in_covered_units": Unit.unscoped.filter(union=node).aggregate(n=Sum("workforce"))["n"] or 0,
    }
    for child in Node.objects.get_children(node):
        for key, n in naive_root_count(child).items():
            totals[key] += n
    return totals


def measure(scale: float) -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gonghui.members.models import Member
    from gonghui.organizations.models import Node, Unit
    from gonghui.results.kpis import live_figures, refresh_rollups, rollup_figures

    call_command("migrate", verbosity=0)
    log(f"scale {scale}: seeding")
    with connection.cursor() as cursor:
        # The seed streams all members in one COPY, which outlasts the 30 s statement_timeout at scale 10.
        cursor.execute("SET statement_timeout = 0")
        seed_s = timed(lambda: call_command("seed_demo", scale=scale, stdout=sys.stderr))
        # Fresh bulk-loaded tables have no planner statistics yet; autovacuum would gather them later.
        analyze_s = timed(cursor.execute, "VACUUM ANALYZE")
        cursor.execute("RESET statement_timeout")
    log(f"scale {scale}: seeded in {seed_s:.1f}s, VACUUM ANALYZE {analyze_s:.1f}s")
    rows = {"members": Member.unscoped.count(), "units": Unit.unscoped.count(), "nodes": Node.objects.count()}
    refresh_s = timed(refresh_rollups)
    log(f"scale {scale}: {rows}, refresh_rollups {refresh_s:.2f}s")

    rng = random.Random(2016)
    root = Node.objects.get_root_nodes().get()
    streets = list(Node.objects.get_children(root))
    others = list(Node.objects.filter(depth__gt=2).order_by("path"))
    sample = [root, *streets, *rng.sample(others, min(50, len(others)))]

    # (a) single-row lookup by primary key
    ids = list(Member.unscoped.order_by("?").values_list("pk", flat=True)[:100])
    for pk in ids[:20]:  # warm up the connection and the plan cache
        Member.unscoped.filter(pk=pk).first()
    lookups = [timed(lambda pk=pk: Member.unscoped.filter(pk=pk).first()) for pk in ids * 20]
    # (b) all KPIs of a node from the rollup table
    for node in sample:
        rollup_figures(node)
    kpis = [timed(rollup_figures, node) for _ in range(10) for node in sample]
    # (c) live computation from the records
    live_root = [timed(live_figures, root) for _ in range(3)]
    live_street = [timed(live_figures, streets[0]) for _ in range(3)]
    # (d) naive recursive per-node count over the whole tree
    naive = []
    for _ in range(2 if scale < 10 else 1):
        started = time.perf_counter()
        got = naive_root_count(root)
        naive.append(time.perf_counter() - started)
    expected = live_figures(root)
    log(f"scale {scale}: naive root count {min(naive):.2f}s")

    lookup_p50, lookup_p95 = percentiles(lookups)
    kpi_p50, kpi_p95 = percentiles(kpis)
    naive_ms = ms(min(naive))
    return {
        "rows": rows,
        "seed_s": round(seed_s, 1),
        "vacuum_analyze_s": round(analyze_s, 1),
        "refresh_rollups_s": round(refresh_s, 3),
        "sample_nodes": len(sample),
        "lookup_ms": {"p50": lookup_p50, "p95": lookup_p95, "n": len(lookups)},
        "kpi_rollup_ms": {"p50": kpi_p50, "p95": kpi_p95, "n": len(kpis)},
        "live_root_p50_ms": ms(statistics.median(live_root)),
        "live_street_p50_ms": ms(statistics.median(live_street)),
        "naive_root_ms": naive_ms,
        "naive_matches_live": all(got[k] == expected[k] for k in got),
        "kpi_p95_vs_lookup_p95": round(kpi_p95 / lookup_p95, 2),
        "naive_vs_kpi_p95": round(naive_ms / kpi_p95, 1),
    }


if __name__ == "__main__":
    print(json.dumps(measure(float(sys.argv[1]))), flush=True)
