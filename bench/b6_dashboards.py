"""B6 dashboards: every dashboard of the district, for any period or as-of day, against a
single-row lookup page served the same way (the review's part of B6 is measured elsewhere).

Per scale, a fresh PostgreSQL database (gonghui_bench_dash_s<scale>) with the demo district,
its figures cache filled for the standard periods as the nightly fill task does it (timed),
then a real server (gunicorn, serving.py) and a task worker (db_worker, for the rows a page
queues). Signed in as district staff: the district's dashboard for this year, two past years, this
month, a past month, today's stocks, a past day's stocks and a range of years, the big screen
(its signed link) and the district's public board. The periods nobody asked for before (a past
month, a past day, a range) are opened once first: how long until the page is complete (the
rows it queued computed) is reported apart; so is the wait for any other page still computing
its rows (a past year's page wants that year's months, which the fill leaves out: at ten times
the scale the district's rows of a month take the worker minutes). Then ROUNDS rounds, each
requesting every page REPEAT times and the lookup page (an employer unit of the district, by
id) as often, one request at a time over a kept-alive connection; the figures are the rounds'
medians of the p95s and of their ratio.

B6_TEMPLATE names a database that already holds the demo district at the scale measured with its
figures cache filled (e.g. one made by `seed_demo` and `figures --fill`): it is copied instead
of seeding and filling, to measure the pages again without the half hour that takes at scale 1
(hours at ten times). `{scale}` in the name stands for each scale measured (gonghui_s{scale}:
gonghui_s1, gonghui_s10).
"""

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from serving import DESCRIPTION as SERVER
from serving import admin, child_json, free_port, start_server, stop, wait_up, with_database

ROOT = Path(__file__).resolve().parent.parent
NAME = "B6 dashboards"
GOAL = (
    "every dashboard of the district, any period or as-of day: "
    "p95 <= 5x a single-row lookup page's p95 (scales 1 and 10)"
)
SCALES = tuple(float(s) for s in os.environ.get("B6_SCALES", "1,10").split(","))
MAX_RATIO = 5
ROUNDS = int(os.environ.get("B6_ROUNDS", 5))
REPEAT = int(os.environ.get("B6_REPEAT", 20))
PENDING = b'hx-trigger="load delay:3s"'  # a dashboard still waiting for rows says so
SETTINGS = """from gonghui.settings import *  # noqa
ROOT_URLCONF = "b6_site_urls"
DATABASES["default"]["CONN_MAX_AGE"] = 60  # persistent connections, as a deployment runs them
ALLOWED_HOSTS = ["*"]
"""
URLS = """from django.http import HttpResponse
from django.urls import path
from gonghui.urls import urlpatterns as site
def minimal(request):
    return HttpResponse(b"ok", content_type="text/plain")
urlpatterns = [path("bench/minimal/", minimal), *site]
"""


def log(*parts: object) -> None:
    print("[b6]", *parts, file=sys.stderr, flush=True)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


# --- the child: seed, fill, sign in --------------------------------------------------------------


def setup(scale: float, seeded: bool) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from gonghui.accounts.models import User
    from gonghui.organizations.models import Unit
    from gonghui.results import store
    from gonghui.results.links import screen_token
    from gonghui.results.services import board_save
    from gonghui.results.views.public import DEFAULT_FIGURES
    from gonghui.testing.sessions import signed_in_session

    call_command("migrate", verbosity=0)
    seed_s = fill_s = queued = computed = None
    if not seeded:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")  # the seed's COPY outlasts the web's limit
            started = time.monotonic()
            call_command("seed_demo", scale=scale, stdout=sys.stderr)
            seed_s = time.monotonic() - started
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("RESET statement_timeout")
        log(f"scale {scale}: seeded in {seed_s:.0f}s; filling the figures cache")
        started = time.monotonic()
        queued = store.fill()
        computed, _left = store.refresh()
        fill_s = time.monotonic() - started
        log(f"scale {scale}: {computed} rows computed in {fill_s:.0f}s")
    staff = User.objects.get(username="district")
    root = staff.node
    assert root is not None
    board = board_save(
        node=root, title="工作看板", figures=list(DEFAULT_FIGURES), calendar=True, published=True, actor=staff
    )
    cookie = signed_in_session(staff)
    units = list(Unit.unscoped.order_by("?").values_list("pk", flat=True)[:200])

    print(
        json.dumps(
            {
                "cookie": cookie,
                "root": root.pk,
                "board": board.pk,
                "token": screen_token(root.pk, 24),
                "units": units,
                "today": timezone.localdate().isoformat(),
                "seed_s": seed_s and round(seed_s, 1),
                "fill_s": fill_s and round(fill_s, 1),
                "rows_filled": computed,
                "rows_queued": queued,
            }
        ),
        flush=True,
    )


# --- the parent: serve and measure ---------------------------------------------------------------


class Client:
    def __init__(self, port: int, cookie: str) -> None:
        self.port, self.headers = port, {"Cookie": f"sessionid={cookie}", "Host": f"127.0.0.1:{port}"}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def get(self, path: str) -> tuple[float, int, bytes]:
        started = time.perf_counter()
        try:
            self.conn.request("GET", path, headers=self.headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
            self.conn.request("GET", path, headers=self.headers)
            response = self.conn.getresponse()
        body = response.read()
        return time.perf_counter() - started, response.status, body


def pages(data: dict[str, Any], today: str) -> tuple[dict[str, str], list[str]]:
    """The dashboards measured, and those of them that are not standard periods (opened cold)."""
    root, year = data["root"], int(today[:4])
    dash = f"/dashboard/{root}/"
    measured = {
        "this_year": dash,
        "past_year": f"{dash}?year={year - 10}",
        "earlier_year": f"{dash}?year={year - 12}",
        "this_month": f"{dash}?month={today[:7]}",
        "past_month": f"{dash}?month={year - 10}-05",
        "today": f"{dash}?as_of={today}",
        "past_day": f"{dash}?as_of={year - 10}-12-31",
        "range": f"{dash}?from={year - 14}&to={year - 10}",
        "screen": f"/screen/{data['token']}/",
        "board": f"/boards/{data['board']}/",
    }
    return measured, ["past_month", "past_day", "range"]


def until_complete(client: Client, path: str) -> tuple[float, float]:
    """The page's first request time, and how long until it has all its rows (asked each second)."""
    started = time.perf_counter()
    first, _status, body = client.get(path)
    while PENDING in body and time.perf_counter() - started < 3600:
        time.sleep(1)
        body = client.get(path)[2]
    return first, time.perf_counter() - started


def measure(port: int, data: dict[str, Any]) -> dict[str, Any]:
    client = Client(port, data["cookie"])
    measured, unusual = pages(data, data["today"])
    cold: dict[str, dict[str, float]] = {}
    for name in unusual:  # the first request of a period nobody asked for, then until complete
        first, took = until_complete(client, measured[name])
        cold[name] = {"first_request_ms": ms(first), "complete_s": round(took, 1)}
        log(f"cold {name}: first request {ms(first)} ms, complete in {cold[name]['complete_s']} s")
    for name, path in measured.items():  # a year's page wants its months, which the fill leaves out
        if (took := until_complete(client, path)[1]) > 1:
            cold.setdefault(name, {})["complete_s"] = round(took, 1)
            log(f"{name}: complete after {took:.1f} s more")
    for path in [*measured.values(), f"/org/units/{data['units'][0]}/"] * 3:  # warm up
        client.get(path)
    rng = random.Random(6)
    rounds: list[dict[str, Any]] = []
    statuses: dict[str, int] = {}
    for number in range(1, ROUNDS + 1):
        samples: dict[str, list[float]] = {name: [] for name in [*measured, "lookup"]}
        for _ in range(REPEAT):
            order = [*measured.items(), ("lookup", f"/org/units/{rng.choice(data['units'])}/")]
            rng.shuffle(order)
            for name, path in order:
                took, status, _body = client.get(path)
                samples[name].append(took)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
        lookup = p95(samples["lookup"])
        round_ = {
            "lookup_p95_ms": ms(lookup),
            "pages": {
                name: {"p95_ms": ms(p95(s)), "ratio": round(p95(s) / lookup, 2)}
                for name, s in samples.items()
                if name != "lookup"
            },
        }
        round_["worst_ratio"] = max(p["ratio"] for p in round_["pages"].values())
        rounds.append(round_)
        log(f"round {number}: lookup p95 {ms(lookup)} ms, worst page ratio {round_['worst_ratio']}")
    names = list(measured)
    return {
        "lookup_p95_ms": statistics.median(r["lookup_p95_ms"] for r in rounds),
        "pages": {
            name: {
                "p95_ms": statistics.median(r["pages"][name]["p95_ms"] for r in rounds),
                "ratio": statistics.median(r["pages"][name]["ratio"] for r in rounds),
            }
            for name in names
        },
        "worst_ratio": statistics.median(r["worst_ratio"] for r in rounds),
        "cold": cold,
        "statuses": statuses,
        "rounds": ROUNDS,
        "requests_per_page_per_round": REPEAT,
    }


def one_scale(database_url: str, scale: float) -> dict[str, Any]:
    name = f"gonghui_bench_dash_s{str(scale).replace('.', '_')}"
    url = with_database(database_url, name)
    template = os.environ.get("B6_TEMPLATE", "").replace("{scale}", f"{scale:g}") or None
    admin(database_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin(database_url, f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    site = tempfile.mkdtemp(prefix="b6-")
    Path(site, "b6_site_settings.py").write_text(SETTINGS)
    Path(site, "b6_site_urls.py").write_text(URLS)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "b6_site_settings",
        "PYTHONPATH": os.pathsep.join([site, str(ROOT)]),
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    server = worker = None
    try:
        data = child_json(env, __file__, "--setup", scale, *(["--seeded"] if template else []))
        port = free_port()
        server = start_server(port, env)
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_up(port, time.monotonic() + 60)
        figures = measure(port, data)
        return {
            **{k: data[k] for k in ("seed_s", "fill_s", "rows_filled")},
            "copied_from": template,
            **figures,
            "met": figures["worst_ratio"] <= MAX_RATIO,
        }
    finally:
        for process in (server, worker):
            if process is not None:
                stop(process)
        admin(database_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def run(database_url: str) -> dict[str, Any]:
    if not database_url.startswith("postgres"):
        raise SystemExit("B6 needs DATABASE_URL pointing to PostgreSQL")
    figures: dict[str, Any] = {"server": SERVER}
    for scale in SCALES:
        log(f"scale {scale}")
        figures[f"scale_{scale:g}"] = one_scale(database_url, scale)
    met = all(f["met"] for key, f in figures.items() if key.startswith("scale_"))
    return {"bench": NAME, "figures": figures, "goal": GOAL, "met": met}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--setup"]:
        setup(float(sys.argv[2]), seeded="--seeded" in sys.argv[3:])
    else:
        print(json.dumps(run(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gonghui"))))
