"""B1 import: the roster pipeline against a raw COPY, django-import-export, and the file size (memory).

`run()` builds a base database once (migrate + a small district) and writes a 200k-row roster with ~1%
bad rows as CSV and XLSX. Every measurement then runs on a fresh copy of that database
(CREATE DATABASE … TEMPLATE), the Django ones in a child process (`python bench/b1_import.py STEP …`)
that prints one JSON line, so each starts from the same state and its peak RSS is its own. Two rounds,
interleaved, keep the best time of each measurement (the machine may be running other work).
"""

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from serving import admin, child_json, with_database

ROOT = Path(__file__).resolve().parent.parent
NAME = "B1 import"
GOAL = (
    "200k-row roster (~1% bad rows), full pipeline into PostgreSQL: >= 0.25x raw COPY rate of the same rows, "
    ">= 50x django-import-export's default import (5k-row slice, extrapolated), xlsx >= 0.5x csv rate, "
    "peak memory <= 3x file size"
)
ROWS = int(os.environ.get("B1_ROWS", 200_000))  # smaller for a quick try
SLICE = 5_000
PROFILE_ROWS = min(20_000, ROWS)
ROUNDS = 2
BASE, WORK = "gonghui_bench_b1", "gonghui_bench_b1_run"
# Frames that only drive the others (the whole commit, the validation loop, the batch writer, the
# threads that look members up and end the COPYs: the profiler sees every thread).
DRIVERS = {"runcall", "commit_file", "validate_file", "results", "__call__", "run", "_worker", "submit"}
MIN_VS_COPY, MIN_VS_IIE, MIN_XLSX_VS_CSV, MAX_MEMORY_VS_FILE = 0.25, 50, 0.5, 3


def log(*parts: object) -> None:
    print("[b1]", *parts, file=sys.stderr, flush=True)


# --- the parent: databases, files, children ---------------------------------------------------


def fresh_copy(url: str) -> str:
    admin(url, f"DROP DATABASE IF EXISTS {WORK} WITH (FORCE)", f"CREATE DATABASE {WORK} TEMPLATE {BASE}")
    return with_database(url, WORK)


def child(url: str, *args: object) -> dict:
    # DEBUG off, as deployed and as the other benchmarks run: in debug Django keeps the SQL of
    # the last 9,000 queries, memory that grows with an import's batches and is not the import's.
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "gonghui.settings", "DEBUG": "0"}
    return child_json(env, Path(__file__).resolve(), *args)


def dump_members(url: str) -> tuple[str, bytes]:
    """The member rows exactly as the pipeline stored them (all columns but the id), in COPY text form."""
    with psycopg.connect(url) as conn:
        columns = ", ".join(
            r[0]
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'members_member' AND column_name <> 'id' ORDER BY ordinal_position"
            )
        )
        data = bytearray()
        with conn.cursor().copy(
            f"COPY (SELECT {columns} FROM members_member WHERE member_no LIKE 'M%%' ORDER BY id) TO STDOUT"
        ) as copy:
            for block in copy:
                data += block
    return columns, bytes(data)


def bare_copy(url: str, columns: str, data: bytes) -> float:
    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        with conn.cursor().copy(f"COPY members_member ({columns}) FROM STDIN") as copy:
            copy.write(data)
        conn.commit()
        return time.perf_counter() - started


def timing(rows: int, seconds: list[float]) -> dict:
    best = min(seconds)
    return {
        "rows": rows,
        "seconds": round(best, 2),
        "rows_per_s": round(rows / best, 1),
        "all_seconds": seconds,
    }


def run(database_url: str) -> dict:
    if not database_url.startswith("postgres"):
        raise SystemExit("B1 needs DATABASE_URL pointing to PostgreSQL")
    tmp = Path(tempfile.mkdtemp(prefix="b1_"))
    try:
        admin(database_url, f"DROP DATABASE IF EXISTS {BASE} WITH (FORCE)", f"CREATE DATABASE {BASE}")
        log("migrating, building the district, writing the roster files")
        info = child(with_database(database_url, BASE), "setup", tmp)
        baseline_kb = child(fresh_copy(database_url), "baseline", info["union"])["peak_rss_kb"]
        runs: dict[str, list[dict]] = {"csv": [], "xlsx": []}
        copy_s: list[float] = []
        iie_runs: list[dict] = []
        dump = None
        # Rounds, interleaved, best time of each: other load on the machine hits each side alike.
        for number in range(1, ROUNDS + 1):
            for kind in ("csv", "xlsx"):
                log(f"round {number}: commit_file of the {kind}")
                runs[kind].append(
                    child(fresh_copy(database_url), "commit", tmp / f"roster.{kind}", info["union"])
                )
                log(runs[kind][-1])
                if dump is None:
                    dump = dump_members(with_database(database_url, WORK))
            log(f"round {number}: bare COPY of the same member rows")
            copy_s.append(round(bare_copy(fresh_copy(database_url), *dump), 2))
            log(f"round {number}: django-import-export on {SLICE} rows")
            args = (tmp / "slice.json", info["union"], info["unit"])
            iie_runs.append(child(fresh_copy(database_url), "iie", *args))
            log(iie_runs[-1])
        figures: dict = {
            "rows": ROWS,
            "bad_rows": info["bad_rows"],
            "baseline_rss_mb": round(baseline_kb / 1024, 1),
        }
        for kind, results in runs.items():
            size_mb = (tmp / f"roster.{kind}").stat().st_size / 2**20
            peak_mb = (max(r["peak_rss_kb"] for r in results) - baseline_kb) / 1024
            figures[kind] = {
                **timing(ROWS, [r["seconds"] for r in results]),
                "counts": results[0]["counts"],
                "file_mb": round(size_mb, 1),
                "peak_mb": round(peak_mb, 1),
                "memory_vs_file": round(peak_mb / size_mb, 2),
            }
        figures["raw_copy"] = timing(dump[1].count(b"\n"), copy_s)
        figures["import_export"] = {
            **timing(SLICE, [r["seconds"] for r in iie_runs]),
            "errors": max(r["errors"] for r in iie_runs),
            "stored": min(r["stored"] for r in iie_runs),
        }
        figures["import_export"]["extrapolated_200k_s"] = round(ROWS / figures["import_export"]["rows_per_s"])
        csv_rate = figures["csv"]["rows_per_s"]
        figures["xlsx_vs_csv_rate"] = round(figures["xlsx"]["rows_per_s"] / csv_rate, 3)
        figures["pipeline_vs_copy"] = round(csv_rate / figures["raw_copy"]["rows_per_s"], 3)
        figures["pipeline_vs_import_export"] = round(csv_rate / figures["import_export"]["rows_per_s"], 1)
        met = (
            figures["xlsx_vs_csv_rate"] >= MIN_XLSX_VS_CSV
            and figures["pipeline_vs_copy"] >= MIN_VS_COPY
            and figures["pipeline_vs_import_export"] >= MIN_VS_IIE
            and all(figures[kind]["memory_vs_file"] <= MAX_MEMORY_VS_FILE for kind in runs)
            and all(
                r["counts"] == {"new": ROWS - info["bad_rows"], "error": info["bad_rows"]}
                for r in runs["csv"]
            )
            # The xlsx ends with a note and a sign-off row, as real rosters do: skipped, not persons.
            and {**runs["xlsx"][0]["counts"], "skipped": 0} == {**runs["csv"][0]["counts"], "skipped": 0}
        )
        if not met:
            log(f"profiling commit_file of the csv on {PROFILE_ROWS} rows")
            figures["hot_spots"] = child(
                fresh_copy(database_url), "profile", tmp / "profile.csv", info["union"]
            )
        return {"bench": NAME, "figures": figures, "goal": GOAL, "met": met}
    finally:
        admin(database_url, *(f"DROP DATABASE IF EXISTS {n} WITH (FORCE)" for n in (WORK, BASE)))
        shutil.rmtree(tmp, ignore_errors=True)


# --- the children: one step each, one JSON line on stdout ---------------------------------------


def roster_rows() -> tuple[list[list], set[int]]:
    """200k rows; every 100th is bad, in turn: bad checksum, lost digits (Excel number), a duplicate
    of an earlier row's ID, an impossible date."""
    from gonghui.members.tests.rosters import good_rows

    rows = good_rows(1, ROWS, "定海标记甲公司")
    bad = set(range(100, ROWS, 100))
    for i in bad:
        row, kind = rows[i], (i // 100) % 4
        if kind == 0:
            row[2] = row[2][:17] + ("0" if row[2][17] != "0" else "1")
        elif kind == 1:
            row[2] = float(row[2][:17] + "0")
        elif kind == 2:
            row[2] = rows[i - 50][2]
        else:
            row[5] = "2015-2-30"
    return rows, bad


def setup(directory: str) -> dict:
    from django.core.management import call_command

    from gonghui.members.tests.rosters import csv_bytes, xlsx
    from gonghui.testing import build_district

    call_command("migrate", verbosity=0)
    district = build_district()
    rows, bad = roster_rows()
    out = Path(directory)
    (out / "roster.csv").write_bytes(csv_bytes(rows, "utf-8"))
    (out / "roster.xlsx").write_bytes(xlsx(rows))
    (out / "profile.csv").write_bytes(csv_bytes(rows[:PROFILE_ROWS], "utf-8"))
    clean = [r for i, r in enumerate(rows) if i not in bad][:SLICE]
    (out / "slice.json").write_text(json.dumps(clean, ensure_ascii=False))
    return {
        "union": district.dinghai_union.pk,
        "unit": district.units["dinghai_a"].pk,
        "bad_rows": len(bad),
    }


def peak_rss_kb() -> int:
    """This process's own peak RSS. Not ru_maxrss: Linux carries it over an exec from the
    process that spawned it (subprocess spawns with vfork), so a child started after the parent
    has held the member dump would report the parent's peak rather than its own."""
    import resource

    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def load(union_id: str) -> tuple:
    from gonghui.accounts.models import User
    from gonghui.members.roster.pipeline import commit_file
    from gonghui.organizations.models import Node

    return commit_file, Node.objects.get(pk=union_id), User.objects.get(username="chair")


def commit(path: str, union_id: str) -> dict:
    commit_file, union, actor = load(union_id)
    data = Path(path).read_bytes()
    started = time.perf_counter()
    summary = commit_file(data, Path(path).name, union, actor)
    seconds = time.perf_counter() - started
    return {
        "rows": summary.rows,
        "counts": dict(summary.counts),
        "seconds": round(seconds, 2),
        "peak_rss_kb": peak_rss_kb(),
    }


def import_export(path: str, union_id: str, unit_id: str) -> dict:
    """The default ModelResource: the file's columns under the model's field names, plus what the
    table needs to take a row (union, member number, blind index; computed before the clock starts)."""
    import tablib
    from import_export.resources import ModelResource

    from gonghui.members.identity import id_blind_index
    from gonghui.members.models import Member

    class MemberResource(ModelResource):
        class Meta:
            model = Member

    headers = ["name", "id_number", "phone", "unit", "joined_on", "gender", "education"]
    headers += ["union", "member_no", "id_index"]
    rows = json.loads(Path(path).read_text())
    dataset = tablib.Dataset(
        *[
            (r[1], r[2], r[3], unit_id, r[5], r[6], r[7], union_id, f"X{n:09d}", id_blind_index(r[2]))
            for n, r in enumerate(rows)
        ],
        headers=headers,
    )
    before = Member.unscoped.count()
    started = time.perf_counter()
    result = MemberResource().import_data(dataset, dry_run=False)
    seconds = time.perf_counter() - started
    return {
        "rows": len(rows),
        "seconds": round(seconds, 2),
        "errors": len(result.base_errors) + len(result.row_errors()) + len(result.invalid_rows),
        "stored": Member.unscoped.count() - before,
    }


def profile(path: str, union_id: str) -> list[dict]:
    """The top 10 by cumulative time go to stderr; the hot spots are the 3 biggest disjoint subtrees
    below the pipeline's driving loops, each named by its deepest frame that keeps >= 90% of its time."""
    import cProfile
    import pstats

    commit_file, union, actor = load(union_id)
    data = Path(path).read_bytes()
    profiler = cProfile.Profile()
    profiler.runcall(commit_file, data, Path(path).name, union, actor)
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(10)
    table = stats.stats  # type: ignore[attr-defined]
    cumulative = {func: row[3] for func, row in table.items()}
    total = max(cumulative.values())

    def ancestors(func: tuple) -> set:
        seen, todo = set(), [func]
        while todo:
            for caller in table[todo.pop()][4]:
                if caller not in seen:
                    seen.add(caller)
                    todo.append(caller)
        return seen

    chosen: list[tuple] = []
    for func in sorted(cumulative, key=cumulative.__getitem__, reverse=True)[:60]:
        if func[2] in DRIVERS or "/gonghui/" not in func[0]:  # own code; a wait shows as its caller
            continue
        above = ancestors(func)
        parent = next((c for c in chosen if c in above), None)
        if parent and cumulative[func] >= 0.9 * cumulative[parent]:
            chosen[chosen.index(parent)] = func
        elif not parent and len(chosen) < 3 and not any(func in ancestors(c) for c in chosen):
            chosen.append(func)
    return [
        {
            "function": f"{Path(file).name}:{line}({name})",
            "share": round(cumulative[(file, line, name)] / total, 3),
        }
        for file, line, name in chosen
    ]


if __name__ == "__main__" and len(sys.argv) == 1:  # run alone: the whole benchmark
    print(json.dumps(run(os.environ["DATABASE_URL"]), ensure_ascii=False), flush=True)
elif __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    step, *args = sys.argv[1:]
    if step == "baseline":
        load(*args)
        result: object = {"peak_rss_kb": peak_rss_kb()}
    else:
        result = {"setup": setup, "commit": commit, "iie": import_export, "profile": profile}[step](*args)
    print(json.dumps(result), flush=True)
