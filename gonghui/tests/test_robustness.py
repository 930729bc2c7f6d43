"""FZ-2: malformed input answers 4xx, never 5xx; DP-1: deploy checks and migrations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.testing.fuzz import Walk, walk_path, walk_route
from gonghui.testing.fuzz import reached as reached_view
from gonghui.testing.routes import Route, all_routes
from gonghui.testing.targets import GROUPS, REGISTRY, RELATIONS, Objects, persona, places

ROOT = Path(__file__).resolve().parents[2]
# Personas that between them open every page: the back office, a member's portal, the
# merchant's counter, a venue's desk, a mediator's cases, a contest's assessor.
WALKERS = ("district", "member", "cashier", "venue_staff", "mediator", "assessor")
# Routes no persona's plain request reaches, each with why; every other route must be walked.
NOT_REACHED: dict[str, str] = {
    # Its answer is the redirect to the login page, which the walk counts as refused; every
    # walk still POSTs to it (and logs back in).
    "accounts:logout": "answers with the login page",
    "api:api-root": "django-ninja's prefix: no view behind it, a 404 for everyone",
    "api:token_self": "answers a bearer token only (gonghui/integrations/tests/test_tokens.py)",
    "api:till_verify": "a till's bearer token only (gonghui/api/tests/test_till_api.py)",
    "api:till_sale": "a till's bearer token only (gonghui/api/tests/test_till_api.py)",
    "api:till_sales": "a till's bearer token only (gonghui/api/tests/test_till_api.py)",
    # The service point's desk answers only venue staff bound to a point's desk; the walker's
    # venue staff has a venue, not a desk (the desk's page itself is walked and says so).
    "cards:desk-verify": "needs venue staff bound to a service point's desk",
    "cards:desk-redeem": "needs venue staff bound to a service point's desk",
}


@pytest.fixture
def objects(district, settings, tmp_path) -> dict[str, Objects]:
    """Every group's objects, built once on one district."""
    settings.CARDS_DOCUMENT_DIR = tmp_path / "claim-documents"
    where = places(district)
    return {name: group.build(district, where) for name, group in GROUPS.items()}


def in_reach(route: Route, role: str, objects: dict[str, Objects]) -> tuple[int | str, ...] | None:
    """The ids of an object of the route's kind that the persona reaches (() for no parameter)."""
    if not route.params:
        return ()
    group = next(name for name, g in GROUPS.items() if route.name in g.routes)
    target = REGISTRY[route.name]
    relations = target.reach.get(role, frozenset())
    built = objects[group][target.kind]
    return next((built[r] for r in RELATIONS if r in relations and r in built), None)


@pytest.mark.django_db
def test_ids_past_64_bits_or_negative_in_a_path_are_404(district):
    client = Client(raise_request_exception=False)
    client.force_login(district.users["district"])
    walk = Walk()
    routes = [route for route in all_routes() if route.params]
    for route in routes:
        walk_path(walk, client, route)
    assert not walk.problems, "\n".join(walk.problems)
    assert walk.requests == 2 * len(routes) > 0


@pytest.mark.walk
@pytest.mark.django_db
@pytest.mark.parametrize("role", WALKERS)
def test_bad_values_in_queries_forms_and_json_never_answer_5xx(district, objects, role):
    user = persona(district, role)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    walk = Walk()
    for route in all_routes():
        walk_route(walk, client, route, in_reach(route, role, objects))
        if route.name == "accounts:logout":
            client.force_login(user)
    assert not walk.problems, "\n".join(walk.problems)
    print(role, walk.requests, len(walk.reached), walk.params)
    assert walk.reached, f"{role} reached no route"


@pytest.mark.django_db
def test_the_walk_reaches_every_route(district, objects):
    """Every route is reached by some persona's walk but those listed, each with why: the count
    of routes walked is the count of routes less the exclusions."""
    routes = all_routes()
    names = {route.name for route in routes}
    reached: set[str] = set()
    for role in WALKERS:
        client = Client(raise_request_exception=False)
        client.force_login(persona(district, role))
        for route in routes:
            ids = in_reach(route, role, objects)
            if ids is None or route.name in reached:
                continue
            url = route.url(ids) if ":" in route.name or ids else reverse(route.name)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if reached_view(response.status_code, response.get("Location", "")):
                    reached.add(route.name)
                    break
            client.force_login(persona(district, role))
    assert set(NOT_REACHED) <= names, "exclusions for routes that are gone"
    unreached = sorted(names - reached - set(NOT_REACHED))
    assert unreached == [], f"routes no persona's walk reaches: {unreached}"
    assert len(reached) == len(names) - len(NOT_REACHED)


@pytest.mark.django_db
def test_a_nul_byte_is_a_400(district):
    client = Client()
    client.force_login(district.users["chair"])
    assert client.get("/members/?q=%00").status_code == 400
    assert client.post("/members/1/status/", {"status": "left\x00"}).status_code == 400
    response = client.get("/api/v1/members?q=%00")
    assert response.status_code == 400


def test_deploy_checks_pass_with_production_settings():
    # A production process: not the test run's environment (browser tests allow async-unsafe ORM).
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "GONGHUI_ENV": "production",
        "SECRET_KEY": "x" * 20 + "production-secret-key-for-check-only-123456",
        "FIELD_ENCRYPTION_KEY": "00" * 32,
        "BLIND_INDEX_KEY": "11" * 32,
        "ALLOWED_HOSTS": "gonghui.example",
        "DJANGO_SETTINGS_MODULE": "gonghui.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_migrations_are_complete():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gonghui.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sessions_live_in_redis_when_a_redis_url_is_given():
    """CI starts Redis and names it in TEST_REDIS_URL: there, an unreachable Redis fails."""
    if not (redis_url := os.environ.get("TEST_REDIS_URL")):
        pytest.skip("TEST_REDIS_URL is not set")
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; from importlib import import_module\n"
        "store = import_module(settings.SESSION_ENGINE).SessionStore()\n"
        "store['probe'] = 42; store.save()\n"
        "again = import_module(settings.SESSION_ENGINE).SessionStore(session_key=store.session_key)\n"
        "print(settings.SESSION_ENGINE, again['probe'])\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gonghui.settings",
        "REDIS_URL": redis_url,
    }
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["django.contrib.sessions.backends.cache", "42"], result.stderr[-500:]
