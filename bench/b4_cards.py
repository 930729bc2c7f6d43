"""B4 card verification: a cashier's verification requests over HTTP on loopback.

A real server (gunicorn, see serving.py) on a fresh PostgreSQL
database (gonghui_bench_cards). Every verification carries a fresh QR token (issued by
`pass_issue`, as the e-card shows it) and goes through the cashier API with a logged-in
cashier: session, scope, pass check, card check, rule, audit record. Measured in the same
run, in three rounds: the saturation throughput of a minimal Django view and of the
verification (closed loop, CLIENTS connections), then verifications paced at 70% of the
saturation just measured (open loop; the p99 is over the paced requests of all rounds); then
the throughput of recorded sales (each uses its token), and replays: every used token sent
again, plus tampered ones, must be refused (0 accepted).
"""

import itertools
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cards_load import combined, paced, pooled, saturate
from serving import DESCRIPTION as SERVER
from serving import admin, browser_headers, child_json, free_port, start_server, stop, wait_up, with_database

ROOT = Path(__file__).resolve().parent.parent
NAME = "B4 card verification"
GOAL = (
    ">= 0.4x the requests/s of a minimal Django view, p99 <= 25 ms at 70% of saturation, 0 replays accepted"
)
DB_NAME = "gonghui_bench_cards"
CLIENTS = int(os.environ.get("B4_CLIENTS", 8))
SECONDS = float(os.environ.get("B4_SECONDS", 6))
ROUNDS = 3  # each: minimal, verification (SECONDS / ROUNDS each), then paced (2 x as long)
POOL = 9000  # tokens for the rounds, each request carrying the next (one that was not sent yet)
SETTINGS = """from gonghui.settings import *  # noqa
ROOT_URLCONF = "b4_site_urls"
DATABASES["default"]["CONN_MAX_AGE"] = 60  # persistent connections, as a deployment runs them
LOGGING = {**LOGGING, "loggers": {**LOGGING["loggers"], "django.server": {"level": "ERROR"}}}
"""
URLS = """from django.http import HttpResponse
from django.urls import path
from gonghui.urls import urlpatterns as site

def minimal(request):
    return HttpResponse(b"ok", content_type="text/plain")

urlpatterns = [path("bench/minimal/", minimal), *site]
"""


def log(*parts: object) -> None:
    print("[b4]", *parts, file=sys.stderr, flush=True)


# --- the children: build the counter, issue tokens, count in the database ---------------------


def setup() -> None:
    import datetime
    from decimal import Decimal

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from gonghui.cards import services
    from gonghui.testing import build_district
    from gonghui.testing.sessions import signed_in_session

    call_command("migrate", verbosity=0)
    d = build_district()
    staff, today = d.users["district"], timezone.localdate()
    holders = [d.members[k] for k in ("own", "colleague", "subtree", "sibling", "sibling2")]
    for member in holders:
        services.card_activate(card=services.card_issue(member=member, actor=staff), actor=staff)
    merchant = services.merchant_create(
        name="上海农工商超市",
        category="supermarket",
        node=d.root,
        actor=staff,
        agreement_start=today - datetime.timedelta(days=1),
        agreement_end=today + datetime.timedelta(days=365),
    )
    store = services.store_create(merchant=merchant, name="控江路店", actor=staff)
    services.rule_create(
        merchant=merchant,
        name="会员九折",
        rate=Decimal("0.10"),
        actor=staff,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=365),
    )
    cashier = d.users["cashier"]
    services.cashier_account_create(user=cashier, store=store, actor=staff)
    cookie = signed_in_session(cashier)
    print(json.dumps({"cookie": cookie, "members": [m.pk for m in holders]}))


def tokens(count: int, member_ids: list[int]) -> None:
    import django

    django.setup()
    from gonghui.members.models import Member
    from gonghui.members.passes import pass_issue

    members = list(Member.unscoped.filter(pk__in=member_ids))
    print(json.dumps([pass_issue(member=members[i % len(members)]).token for i in range(count)]))


def counts() -> None:
    import django

    django.setup()
    from gonghui.audit.models import AuditRecord
    from gonghui.cards.models import Sale
    from gonghui.members.models import MemberPass

    print(
        json.dumps(
            {
                "sales": Sale.unscoped.count(),
                "passes_used": MemberPass.objects.filter(used_at__isnull=False).count(),
                "verify_audits": AuditRecord.objects.filter(action="cards.verify").count(),
            }
        )
    )


# --- the parent: serve, load, pace, replay --------------------------------------------------


def run(database_url: str) -> dict:
    if not database_url.startswith("postgres"):
        raise SystemExit("B4 needs DATABASE_URL pointing to PostgreSQL")
    url = with_database(database_url, DB_NAME)
    admin(database_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(database_url, f"CREATE DATABASE {DB_NAME}")
    site = tempfile.mkdtemp(prefix="b4-")
    Path(site, "b4_site_settings.py").write_text(SETTINGS)
    Path(site, "b4_site_urls.py").write_text(URLS)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "b4_site_settings",
        "PYTHONPATH": os.pathsep.join([site, str(ROOT)]),
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }

    def child(*args: str) -> Any:
        return child_json(env, __file__, *args)

    server = None
    try:
        log("setting up a merchant, a store, a cashier and five card holders")
        data = child("--setup")
        members = ",".join(str(m) for m in data["members"])
        port = free_port()
        server = start_server(port, env)
        wait_up(port, time.monotonic() + 60)
        csrf = secrets.token_hex(16)
        headers = browser_headers(port, data["cookie"], csrf)

        def fresh(n: int) -> list[str]:
            return child("--tokens", str(n), members)

        def minimal(_i: int) -> tuple[str, str, bytes]:
            return ("GET", "/bench/minimal/", b"")

        log("warming up")
        pool = fresh(POOL)

        sent = itertools.count()

        def verification(_i: int) -> tuple[str, str, bytes]:
            token = pool[next(sent) % len(pool)]
            return ("POST", "/cards/api/cashier/verify", f"scanned={token}".encode())

        saturate(port, headers, minimal, 1.0, CLIENTS)
        saturate(port, headers, verification, 1.0, CLIENTS)
        # Rounds, interleaved: a machine that slows down or speeds up hits both sides alike, and
        # each paced run is at 70% of the saturation measured just before it, not of one
        # measured while the machine ran faster (which would pace it into overload).
        rounds: dict[str, list[dict]] = {"minimal": [], "verification": [], "paced": []}
        for number in range(1, ROUNDS + 1):
            for name, make in (("minimal", minimal), ("verification", verification)):
                rounds[name].append(saturate(port, headers, make, SECONDS / ROUNDS, CLIENTS))
                log(f"round {number}, {name}: {rounds[name][-1]['rps']:.0f} requests/s")
            rate = 0.7 * rounds["verification"][-1]["rps"]
            rounds["paced"].append(paced(port, headers, verification, rate, 2 * SECONDS / ROUNDS, CLIENTS))
            run = rounds["paced"][-1]
            log(f"round {number}, paced at {rate:.0f}/s: p99 {run['p99_ms']:.1f} ms")
        base, verify = combined(rounds["minimal"]), combined(rounds["verification"])
        steady = pooled(rounds["paced"])
        log(f"minimal {base['rps']:.0f}/s, verification {verify['rps']:.0f}/s {verify['statuses']}")
        log(f"paced: p50 {steady['p50_ms']:.1f} ms, p99 {steady['p99_ms']:.1f} ms {steady['statuses']}")
        tokens_sent_again = max(0, next(sent) - len(pool))

        pool = fresh(int(max(verify["rps"], 100) * SECONDS * 1.2))
        sales = saturate(
            port,
            headers,
            lambda i: (
                "POST",
                "/cards/api/cashier/sales/new",
                sale_body(pool[i], "88.00", f"b4-{i:08d}"),
            ),
            SECONDS,
            CLIENTS,
        )
        used = pool[: sales["used"]]
        log(f"sales: {sales['rps']:.0f} requests/s {sales['statuses']}")

        tampered = [t[:-4] + ("AAAA" if not t.endswith("AAAA") else "BBBB") for t in fresh(200)]
        attacks = used + tampered
        replay = saturate(
            port,
            headers,
            lambda i: (
                "POST",
                "/cards/api/cashier/sales/new",
                sale_body(attacks[i % len(attacks)], "1.00", f"b4r-{i:08d}"),
            ),
            min(SECONDS, 4),
            CLIENTS,
        )
        log(f"replays and tampered tokens: {replay['statuses']}")
        state = child("--counts")
    finally:
        if server is not None:
            stop(server)
        admin(database_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        shutil.rmtree(site, ignore_errors=True)
    server_errors = sum(
        n
        for r in (verify, steady, sales, replay)
        for s, n in r["statuses"].items()
        if s.startswith("5") or s == "-1"
    )
    accepted_sales = sales["statuses"].get("201", 0)
    figures = {
        "server": SERVER,
        "client_connections": CLIENTS,
        "seconds_per_phase": SECONDS,
        "saturation_rounds": ROUNDS,
        "minimal_view_rps": round(base["rps"], 1),
        "verification_rps": round(verify["rps"], 1),
        "verification_vs_minimal": round(verify["rps"] / base["rps"], 3),
        "vs_minimal_by_round": [
            round(v / m, 3) for v, m in zip(verify["rounds"], base["rounds"], strict=True)
        ],
        "verification_statuses": verify["statuses"],
        "paced_rates_rps": [round(r["rate"], 1) for r in rounds["paced"]],
        "paced_seconds_per_round": 2 * SECONDS / ROUNDS,
        "paced_p50_ms": round(steady["p50_ms"], 2),
        "paced_p99_ms": round(steady["p99_ms"], 2),
        "paced_p99_by_round": [round(r["p99_ms"], 2) for r in rounds["paced"]],
        "paced_max_ms": round(steady["max_ms"], 2),
        "paced_statuses": steady["statuses"],
        "verification_tokens_sent_again": tokens_sent_again,
        "sale_rps": round(sales["rps"], 1),
        "sales_recorded": accepted_sales,
        "replays_and_tampered_sent": replay["requests"],
        "replays_accepted": replay["statuses"].get("201", 0),
        "sales_in_db": state["sales"],
        "passes_used_in_db": state["passes_used"],
        "server_errors": server_errors,
    }
    met = (
        figures["verification_vs_minimal"] >= 0.4
        and figures["paced_p99_ms"] <= 25
        and figures["replays_accepted"] == 0
        and state["sales"] == accepted_sales == state["passes_used"]
        and server_errors == 0
        and verify["statuses"].get("200", 0) == verify["requests"]
    )
    return {"bench": NAME, "figures": figures, "goal": GOAL, "met": met}


def sale_body(token: str, amount: str, key: str) -> bytes:
    return f"scanned={token}&amount={amount}&key={key}-{secrets.token_hex(4)}".encode()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--setup":
        setup()
        return
    if len(sys.argv) > 3 and sys.argv[1] == "--tokens":
        tokens(int(sys.argv[2]), [int(m) for m in sys.argv[3].split(",")])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--counts":
        counts()
        return
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gonghui")
    print(json.dumps(run(database_url), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
