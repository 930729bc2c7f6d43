"""AZ-2, generated: every route that takes an id, found in the URL resolver, as every persona,
against a real object of each relation (gonghui.testing.targets). Out of reach answers what a
missing id answers (404; 405 where the route does not take the method at all), for GET and
POST, and a refused POST changes no row. In reach answers neither 404 nor a server error."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from gonghui.testing.routes import Route, id_routes
from gonghui.testing.snapshot import changes, snapshot
from gonghui.testing.targets import GROUPS, MISSING, REGISTRY, ROLES, Objects, Target, persona, places

pytestmark = [pytest.mark.django_db, pytest.mark.walk]

FLOOR = 80  # the id-taking routes when the matrix was generated (75 pages, 5 API): only ever more
# Cases found leaking, each kept failing on purpose until it is fixed: (route, persona, relation).
KNOWN_LEAKS: dict[tuple[str, str, str], str] = {}


@pytest.fixture(autouse=True)
def _documents_dir(settings, tmp_path):
    settings.CARDS_DOCUMENT_DIR = tmp_path / "claim-documents"


def test_every_route_that_takes_an_id_has_an_object_factory():
    routes = id_routes()
    print("\n".join(f"{r.name}  /{r.pattern}" for r in routes))
    assert len(routes) >= FLOOR
    unplaced = [f"{r.name} (/{r.pattern})" for r in routes if r.name not in REGISTRY]
    assert unplaced == [], "register an object factory in gonghui/testing/targets/ for: " + ", ".join(
        unplaced
    )
    assert set(REGISTRY) <= {r.name for r in routes}, "factories for routes that are gone"


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def in_reach_post(client: Client, url: str, target: Target) -> int:
    """An allowed write runs, then is undone, so the next route finds the objects as built."""
    with transaction.atomic():
        status = client.post(url, target.data()).status_code
        transaction.set_rollback(True)
    return status


def check(client: Client, route: Route, objects: Objects, role: str) -> list[str]:
    """Everything wrong with one route for one persona, as lines naming route, relation and status."""
    target = REGISTRY[route.name]
    allowed = target.reach.get(role, frozenset())
    cases = {
        relation: ids
        for relation, ids in objects[target.kind].items()
        if (route.name, role, relation) not in KNOWN_LEAKS
    }
    missing = route.url((MISSING,) * len(route.params))
    problems = []
    gone = client.get(missing)
    gone_get = gone.status_code
    for relation, ids in cases.items():
        response = client.get(route.url(ids))
        status = response.status_code
        if relation not in allowed and status == gone_get and response.content != gone.content:
            problems.append(f"{route.name} {role} {relation} GET: not the page a missing id gets")
        # In reach a page answers 200; a route that takes no GET answers 405 to every id.
        good = status in (200, 405 if gone_get == 405 else 200) if relation in allowed else status == gone_get
        if not good:
            problems.append(f"{route.name} {role} {relation} GET: {status} (missing: {gone_get})")
    before = snapshot()
    gone_post = client.post(missing, target.data()).status_code
    for relation, ids in cases.items():
        if relation not in allowed and (status := client.post(route.url(ids), target.data()).status_code) != (
            gone_post
        ):
            problems.append(f"{route.name} {role} {relation} POST: {status} (missing: {gone_post})")
    if changed := changes(before, snapshot()):
        problems.append(f"{route.name} {role}: a refused POST changed {changed}")
    for relation, ids in cases.items():
        if relation in allowed and (
            (status := in_reach_post(client, route.url(ids), target)) == 404 or status >= 500
        ):
            problems.append(f"{route.name} {role} {relation} POST in reach: {status}")
    if gone_get not in (404, 405) or gone_post not in (404, 405) or 404 not in (gone_get, gone_post):
        problems.append(f"{route.name} {role} missing: GET {gone_get}, POST {gone_post}")
    return problems


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("group", sorted(GROUPS))
def test_out_of_reach_answers_as_missing_and_changes_nothing(district, group, role):
    objects = GROUPS[group].build(district, places(district))
    client = login(persona(district, role))
    routes = [r for r in id_routes() if r.name in GROUPS[group].routes]
    problems = [line for route in routes for line in check(client, route, objects, role)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, marks=pytest.mark.xfail(strict=True, reason=why))
        for case, why in KNOWN_LEAKS.items()
    ],
)
def test_known_leak(district, case):
    name, role, relation = case
    route = next(r for r in id_routes() if r.name == name)
    group = next(g for g in GROUPS.values() if name in g.routes)
    objects = group.build(district, places(district))
    target = REGISTRY[name]
    client = login(persona(district, role))
    url, missing = route.url(objects[target.kind][relation]), route.url((MISSING,) * len(route.params))
    assert client.get(url).status_code == client.get(missing).status_code
    before = snapshot()
    assert client.post(url, target.data()).status_code == client.post(missing, target.data()).status_code
    assert changes(before, snapshot()) == []


@pytest.mark.parametrize("role", ROLES)
def test_no_persona_opens_the_operators_site(district, role):
    """Django's admin is left out of the matrix: it opens to superusers only."""
    client = login(persona(district, role))
    member = district.members["own"].pk
    for url in (reverse("admin:index"), reverse("admin:members_member_change", args=[member])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("admin:login") in response["Location"], url
