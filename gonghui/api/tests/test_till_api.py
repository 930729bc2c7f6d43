"""A merchant's till over the API with a token: the cashier's rules through the same services,
an idempotency key that replays the first sale and refuses a different request, and an audit
record for every verification and sale."""

import json

import pytest
from django.test import Client

from gonghui.audit.models import AuditRecord
from gonghui.cards import services
from gonghui.cards.models import Sale
from gonghui.members.passes import pass_issue
from gonghui.testing.cards import build_world
from gonghui.testing.integrations import bearer, make_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def till(district):
    """A till token bound to the world's first store, as the merchant page binds a cashier."""
    world = build_world(district)
    token, secret = make_token(district, "cards.verify", "cards.sale", kind="till", name="控江路店收银机")
    services.cashier_account_create(user=token.actor, store=world.store, actor=district.users["district"])
    return world, token, secret


def post(secret: str, url: str, body: dict, key: str | None = None):
    headers = bearer(secret)
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return Client().post(url, json.dumps(body), content_type="application/json", **headers)


def qr(member) -> str:
    return pass_issue(member=member).token


def test_the_till_verifies_a_members_code_and_says_the_discount(district, till):
    _world, token, secret = till
    response = post(secret, "/api/v1/till/verify", {"scanned": qr(district.members["own"])})
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["member"] == "张*海" and body["rate"] == "0.10"
    record = AuditRecord.objects.get(action="cards.verify")
    assert record.actor_id == token.actor_id and record.result == "ok"
    refused = post(secret, "/api/v1/till/verify", {"scanned": "GH-nonsense"}).json()
    assert refused["valid"] is False and refused["message"]


def test_a_sale_is_recorded_once_and_replayed_with_the_same_key(district, till):
    world, token, secret = till
    body = {"scanned": qr(district.members["own"]), "amount": "88.00"}
    first = post(secret, "/api/v1/till/sales", body, key="till-0001-abcdef")
    assert first.status_code == 201 and first["Idempotent-Replayed"] == "false"
    sale = first.json()
    assert sale["amount"] == "88.00" and sale["discount"] == "8.80" and sale["paid"] == "79.20"
    assert sale["member"] == "张*海" and sale["replayed"] is False
    again = post(secret, "/api/v1/till/sales", body, key="till-0001-abcdef")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == sale["id"] and again.json()["replayed"] is True
    assert Sale.unscoped.count() == 1 and Sale.unscoped.get().store == world.store
    assert Sale.unscoped.get().cashier_id == token.actor_id
    assert AuditRecord.objects.filter(action="cards.sale", result="ok", actor=token.actor).count() == 1


def test_the_till_lists_its_own_stores_sales_only(district, till):
    world, _token, secret = till
    post(
        secret,
        "/api/v1/till/sales",
        {"scanned": qr(district.members["own"]), "amount": "20.00"},
        "key-own-store",
    )
    services.sale_record(
        user=world.other_cashier,
        scanned=qr(district.members["colleague"]),
        amount="30.00",
        key="key-other-store",
    )
    listed = Client().get("/api/v1/till/sales", **bearer(secret)).json()
    assert listed["count"] == 1 and listed["results"][0]["key"] == "key-own-store"
    assert Sale.unscoped.count() == 2


def test_a_different_request_under_a_used_key_is_refused_with_409(district, till):
    _world, _token, secret = till
    scanned = qr(district.members["own"])
    assert (
        post(
            secret, "/api/v1/till/sales", {"scanned": scanned, "amount": "88.00"}, "key-409-test"
        ).status_code
        == 201
    )
    other = post(secret, "/api/v1/till/sales", {"scanned": scanned, "amount": "99.00"}, "key-409-test")
    assert other.status_code == 409 and "幂等键" in other.json()["detail"]
    assert Sale.unscoped.count() == 1 and Sale.unscoped.get().amount == 88


def test_a_used_code_under_a_new_key_is_refused_as_at_the_counter(district, till):
    _world, _token, secret = till
    scanned = qr(district.members["own"])
    assert (
        post(secret, "/api/v1/till/sales", {"scanned": scanned, "amount": "10.00"}, "key-first-1").status_code
        == 201
    )
    replay = post(secret, "/api/v1/till/sales", {"scanned": scanned, "amount": "10.00"}, "key-second-2")
    assert replay.status_code == 422 and isinstance(replay.json()["detail"], str)
    assert Sale.unscoped.count() == 1
    assert AuditRecord.objects.filter(action="cards.sale", result="denied").count() == 1


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"scanned": "x", "amount": "88.00"}, None),  # no key
        ({"scanned": "x", "amount": "88.00"}, "short"),
        ({"scanned": "x", "amount": "-1"}, "key-bad-amount"),
        ({"scanned": "x", "amount": "1e30"}, "key-bad-amount"),
        ({"scanned": "", "amount": "1.00"}, "key-bad-scan"),
        ({"scanned": "x" * 401, "amount": "1.00"}, "key-bad-scan"),
    ],
)
def test_bad_sale_requests_get_422_and_change_nothing(district, till, body, key):
    _world, _token, secret = till
    response = post(secret, "/api/v1/till/sales", body, key)
    assert response.status_code == 422
    assert Sale.unscoped.count() == 0


def test_the_till_routes_need_the_till_permissions(district, till):
    _world, _token, till_secret = till
    _system, system_secret = make_token(district, "tree.read", "members.read")
    body = {"scanned": qr(district.members["own"]), "amount": "5.00"}
    assert post(system_secret, "/api/v1/till/sales", body, "key-not-allowed").status_code == 403
    assert post(system_secret, "/api/v1/till/verify", body).status_code == 403
    # A till reads nothing else.
    assert Client().get("/api/v1/members", **bearer(till_secret)).status_code == 403
    assert Sale.unscoped.count() == 0


def test_a_till_not_bound_to_a_store_is_refused(district):
    build_world(district)
    _token, secret = make_token(district, "cards.sale", kind="till")
    response = post(
        secret,
        "/api/v1/till/sales",
        {"scanned": qr(district.members["own"]), "amount": "5.00"},
        "key-unbound",
    )
    assert response.status_code == 422 and "门店" in response.json()["detail"]
