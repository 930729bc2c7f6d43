"""B6 (the review's part): the five-year review (PDF + XLSX) of the district, 2012–2016, written
from the records through the KPI registry, on PostgreSQL.

`run()` seeds a fresh database in a child process (`python bench/b6_review.py SCALE`) and times
`write_review` for the district there; the child prints its figures as one JSON line.
B6_REVIEW_SCALE sets the scale (1 by default, the goal's)."""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from serving import admin, child_json, with_database

ROOT = Path(__file__).resolve().parent.parent
NAME = "B6 review"
GOAL = "the five-year review (PDF + XLSX) of the district at scale 1 written in <= 60 s"
MAX_SECONDS = 60
DATABASE = "gonghui_bench_b6_review"


def log(*parts: object) -> None:
    print("[b6-review]", *parts, file=sys.stderr, flush=True)


def run(database_url: str) -> dict:
    if not database_url.startswith("postgres"):
        raise SystemExit("B6 needs DATABASE_URL pointing to PostgreSQL")
    scale = float(os.environ.get("B6_REVIEW_SCALE", "1"))
    admin(database_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin(database_url, f"CREATE DATABASE {DATABASE}")
    try:
        env = {
            **os.environ,
            "DATABASE_URL": with_database(database_url, DATABASE),
            "DJANGO_SETTINGS_MODULE": "gonghui.settings",
        }
        figures = child_json(env, __file__, scale)
    finally:
        admin(database_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    met = scale >= 1 and figures["review_s"] <= MAX_SECONDS
    return {"bench": NAME, "figures": figures, "goal": GOAL, "met": met}


def measure(scale: float) -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from pypdf import PdfReader

    from gonghui.lib.figures import Period
    from gonghui.members.models import Member
    from gonghui.organizations.models import Node
    from gonghui.results.review.files import write_review

    call_command("migrate", verbosity=0)
    log(f"scale {scale}: seeding")
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # the seed's bulk statements outlast the web's limit
        call_command("seed_demo", scale=scale, stdout=sys.stderr)
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("RESET statement_timeout")
    seed_s = time.monotonic() - started
    root = Node.objects.get_root_nodes().get()
    steps: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        started = time.monotonic()
        pdf, xlsx = write_review(
            root,
            Period.years(2012, 2016),
            Path(folder),
            lambda _done, _total, what: steps.append((what, time.monotonic() - started)),
        )
        review_s = time.monotonic() - started
        pages, pdf_bytes, xlsx_bytes = len(PdfReader(pdf).pages), pdf.stat().st_size, xlsx.stat().st_size
    marks = dict(steps)
    log(f"scale {scale}: review written in {review_s:.1f}s")
    return {
        "scale": scale,
        "members": Member.unscoped.count(),
        "seed_s": round(seed_s, 1),
        "review_s": round(review_s, 2),
        "figures_s": round(steps[-3][1], 2),  # the registry's figures: the period, each year, each street
        "pdf_s": round(marks["pdf"] - steps[-3][1], 2),
        "xlsx_s": round(marks["xlsx"] - marks["pdf"], 2),
        "pdf_pages": pages,
        "pdf_bytes": pdf_bytes,
        "xlsx_bytes": xlsx_bytes,
    }


if __name__ == "__main__":
    print(json.dumps(measure(float(sys.argv[1]))), flush=True)
