"""PgBouncer in transaction mode (docs/scale-out.md, "Connection pooler"): the site served through
it (DATABASE_POOLER=transaction) takes a flash of bookings, B3's load in small, over HTTP, and
books exactly the places there are, with no server error."""

import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from gonghui.accounts.models import User
from gonghui.culture.models import Booking, BookingStatus
from gonghui.culture.selectors import place_count
from gonghui.lib.roles import Role
from gonghui.testing import clusters
from gonghui.testing.culture import Culture
from gonghui.testing.sessions import signed_in_session

MEMBERS, PLACES, THREADS = 80, 30, 24


def signed_in(members: list) -> list[str]:
    """A logged-in session for each member, as a login leaves it."""
    keys = []
    for i, member in enumerate(members):
        user = User.objects.create(username=f"pool{i}", role=Role.MEMBER, member=member)
        keys.append(signed_in_session(user))
    return keys


def flash(port: int, session_id: int, keys: list[str]) -> dict[str, int]:
    """Every member POSTs one booking at the same moment, as the session page's htmx form does."""
    gate, statuses, lock = threading.Event(), {}, threading.Lock()
    csrf = "c" * 32

    def book(i: int) -> None:
        gate.wait()
        headers = {
            "Cookie": f"sessionid={keys[i]}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
            "HX-Target": "booking",
        }
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request(
                "POST",
                f"/culture/m/sessions/{session_id}/book/",
                f"key=p-{i}-{secrets.token_hex(4)}",
                headers,
            )
            response = conn.getresponse()
            response.read()
            status = (
                "booked"
                if response.status == 200 and response.getheader("HX-Redirect")
                else str(response.status)
            )
            conn.close()
        except OSError as error:
            status = f"failed: {error}"
        with lock:
            statuses[status] = statuses.get(status, 0) + 1

    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(book, i) for i in range(len(keys))]
        gate.set()
        for future in futures:
            future.result()
    return statuses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_booking_flash_through_pgbouncer_books_exactly_the_places(district) -> None:
    if reason := clusters.why_no_pgbouncer():
        pytest.skip(reason)
    culture = Culture(district)
    members = culture.members(MEMBERS)
    keys = signed_in(members)
    session = culture.session(capacity=PLACES)
    db = connection.settings_dict
    upstream = int(db["PORT"] or 5432)
    with clusters.pgbouncer(upstream, db["HOST"] or "127.0.0.1") as pooler:
        env = {
            "DATABASE_URL": f"postgres://{db['USER']}@127.0.0.1:{pooler}/{db['NAME']}",
            "DATABASE_POOLER": "transaction",
            "DJANGO_SETTINGS_MODULE": "gonghui.test_settings",
            "DEBUG": "0",
            "CONN_MAX_AGE": "60",
        }
        with clusters.site(env, workers=2, threads=4) as port:
            started = time.monotonic()
            statuses = flash(port, session.pk, keys)
            seconds = time.monotonic() - started
    print(f"pgbouncer flash: {MEMBERS} bookings in {seconds:.2f}s ({MEMBERS / seconds:.0f}/s): {statuses}")
    assert statuses == {"booked": PLACES, "409": MEMBERS - PLACES}
    session.refresh_from_db()
    confirmed = Booking.unscoped.filter(session=session, status=BookingStatus.CONFIRMED).count()
    assert session.booked == confirmed == place_count(session.pk) == PLACES


def test_the_pooled_settings_keep_nothing_on_the_server_connection() -> None:
    """What transaction mode needs, read from the settings module as a server loads it."""
    script = (
        "import json, gonghui.settings as s; d = s.DATABASES['default'];"
        " print(json.dumps([d['OPTIONS'].get('prepare_threshold'), 'options' in d['OPTIONS'],"
        " d.get('DISABLE_SERVER_SIDE_CURSORS', False)]))"
    )
    base = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:6432/gonghui"}
    base.pop("DATABASE_POOLER", None)
    pooled = {**base, "DATABASE_POOLER": "transaction"}
    read = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", script],
                env=env,
                cwd=clusters.ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for env in (pooled, base)
    ]
    assert read == [[None, False, True], [5, True, False]]


SESSION_STATE = re.compile(
    r"pg_advisory_(?:un)?lock\b|\bLISTEN\b|SET SESSION|WITH HOLD|\bPREPARE\b|TEMP(?:ORARY)? TABLE"
    r"|[\"'] *SET (?!LOCAL|CONSTRAINTS)",
)
# Files allowed session state, each with why: none of them runs behind the pooler.
NOT_POOLED = {
    # A temporary table that lives inside one transaction (the roster's lookups run in one).
    "gonghui/members/roster/validate.py": "one transaction",
    # The city loader runs once against the database itself, not through the pooler.
    "gonghui/demo/city/generate.py": "a bulk loader on a direct connection",
    "gonghui/demo/management/commands/city.py": "the loader's command, on a direct connection",
    # A worker's lease is a session lock on a connection of its own (docs/operations.md:
    # task workers connect to PostgreSQL directly).
    "gonghui/lib/workers.py": "task workers connect directly",
}


def test_no_sql_keeps_state_on_the_session() -> None:
    """Behind a transaction-mode pooler the next transaction may run on another server
    connection: no session-level SET, advisory lock, LISTEN, prepared statement or held cursor."""
    found = []
    for path in sorted((clusters.ROOT / "gonghui").rglob("*.py")):
        name = str(path.relative_to(clusters.ROOT))
        if "/tests/" in name or "/migrations/" in name or name in NOT_POOLED:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if SESSION_STATE.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []
