"""B5 exports: the streaming CSV export against a raw `COPY (SELECT …) TO STDOUT` of the same rows and
columns; the XLSX export's memory for all members against the first 10%; exact row counts.

`run()` seeds a fresh database (`seed_demo --scale 0.5`) in a child process, which then times the CSV
stream and the COPY (best of two, interleaved); two more children build the XLSX of all members and of the
first 10%, so each memory peak is measured from the same starting point.
"""

import csv
import io
import json
import os
import sys
import time
from pathlib import Path

from serving import admin, child_json, with_database

ROOT = Path(__file__).resolve().parent.parent
NAME = "B5 exports"
GOAL = (
    "streaming CSV export >= 0.5x the rate of a raw COPY ... TO of the same rows; xlsx in constant memory "
    "(peak for all rows <= 2x the peak for 10% of them); CSV and XLSX row counts equal the member count"
)
DATABASE = "gonghui_bench_b5"
SCALE = 0.5
MIN_CSV_VS_COPY = 0.5
MAX_XLSX_GROWTH = 2


def log(*parts: object) -> None:
    print("[b5]", *parts, file=sys.stderr, flush=True)


# --- the parent -------------------------------------------------------------------------------


def child(url: str, *args: object) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "gonghui.settings"}
    return child_json(env, Path(__file__).resolve(), *args)


def run(database_url: str) -> dict:
    if not database_url.startswith("postgres"):
        raise SystemExit("B5 needs DATABASE_URL pointing to PostgreSQL")
    url = with_database(database_url, DATABASE)
    admin(database_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin(database_url, f"CREATE DATABASE {DATABASE}")
    try:
        log(f"seeding (scale {SCALE}), then CSV stream vs COPY")
        figures = child(url, "csv")
        log(figures)
        for fraction in (0.1, 1):
            figures[f"xlsx_{fraction:g}"] = child(url, "xlsx", fraction)
            log(f"xlsx {fraction:g}", figures[f"xlsx_{fraction:g}"])
        whole, tenth = figures["xlsx_1"], figures["xlsx_0.1"]
        figures["xlsx_peak_growth"] = round(whole["traced_peak_mb"] / tenth["traced_peak_mb"], 2)
        figures["xlsx_rss_growth"] = round(whole["rss_growth_mb"] / max(tenth["rss_growth_mb"], 1), 2)
        met = (
            figures["csv_vs_copy"] >= MIN_CSV_VS_COPY
            and figures["xlsx_peak_growth"] <= MAX_XLSX_GROWTH
            and figures["xlsx_rss_growth"] <= MAX_XLSX_GROWTH
            and figures["csv"]["rows"] == figures["copy"]["rows"] == figures["members"] == whole["rows"]
            and figures["csv"]["records"] == figures["members"]
            and tenth["rows"] == tenth["members"]
        )
        return {"bench": NAME, "figures": figures, "goal": GOAL, "met": met}
    finally:
        admin(database_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


# --- the children -----------------------------------------------------------------------------


def csv_vs_copy() -> dict:
    from django.core.management import call_command
    from django.db import connection

    from gonghui.members.models import Member
    from gonghui.members.roster.export import COLUMNS, csv_stream

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # the seed's COPY of all members is one statement
        call_command("seed_demo", scale=SCALE, stdout=sys.stderr)
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("RESET statement_timeout")
    members = Member.unscoped.count()

    def stream() -> tuple[int, int]:
        lines = size = 0
        for chunk in csv_stream(Member.unscoped.all(), full=False):
            lines += chunk.count(b"\n")
            size += len(chunk)
        return lines - 1, size  # less the header

    def records() -> int:
        """Data rows as a CSV reader sees them (a line break inside a cell starts no row); not timed."""
        data = b"".join(csv_stream(Member.unscoped.all(), full=False))
        return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) - 1

    query = Member.unscoped.order_by("id").values_list(*[f for _label, f in COLUMNS]).query
    sql, params = query.sql_with_params()

    def copy() -> tuple[int, int]:
        lines = size = 0
        statement = f"COPY ({sql}) TO STDOUT (FORMAT csv)"
        with connection.cursor() as cursor, cursor.cursor.copy(statement, params) as out:
            for block in out:
                lines += bytes(block).count(b"\n")
                size += len(block)
        return lines, size

    figures: dict = {"members": members}
    seconds: dict[str, list[float]] = {"copy": [], "csv": []}
    for _ in range(2):  # interleaved; the best of two of each
        for name, fn in (("copy", copy), ("csv", stream)):
            started = time.perf_counter()
            rows, size = fn()
            seconds[name].append(round(time.perf_counter() - started, 2))
            figures[name] = {"rows": rows, "mb": round(size / 2**20, 1), "all_seconds": seconds[name]}
    for name, times in seconds.items():
        figures[name]["rows_per_s"] = round(figures[name]["rows"] / min(times))
    figures["csv"]["records"] = records()
    figures["csv_vs_copy"] = round(figures["csv"]["rows_per_s"] / figures["copy"]["rows_per_s"], 3)
    return figures


def rss_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1])


def xlsx(fraction: str) -> dict:
    """Peak Python memory (tracemalloc) and RSS growth of one xlsx_file(); then the file's data rows."""
    import resource
    import tracemalloc

    from python_calamine import CalamineWorkbook

    from gonghui.members.models import Member
    from gonghui.members.roster.export import xlsx_file

    ids = Member.unscoped.order_by("id").values_list("id", flat=True)
    members = round(ids.count() * float(fraction))
    queryset = Member.unscoped.filter(id__lte=ids[members - 1])
    before = rss_kb()
    started = time.perf_counter()
    xlsx_file(queryset, full=False).close()
    seconds = time.perf_counter() - started
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    tracemalloc.start()
    handle = xlsx_file(queryset, full=False)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    data = handle.read()
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    rows = sum(1 for _ in sheet.iter_rows()) - 1  # less the header
    return {
        "members": members,
        "rows": rows,
        "seconds": round(seconds, 2),
        "file_mb": round(len(data) / 2**20, 1),
        "rss_growth_mb": round(rss_growth / 1024, 1),
        "traced_peak_mb": round(traced_peak / 2**20, 2),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import django

    if len(sys.argv) == 1:  # the whole benchmark, as bench/run.py runs it
        print(json.dumps(run(os.environ["DATABASE_URL"]), ensure_ascii=False), flush=True)
        sys.exit()
    django.setup()
    step, *args = sys.argv[1:]
    print(json.dumps({"csv": csv_vs_copy, "xlsx": xlsx}[step](*args)), flush=True)
