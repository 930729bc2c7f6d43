"""Twenty posts of one sale with one idempotency key at once, each on its own connection, on
real PostgreSQL: one sale, and every answer that is not a refusal names it."""

import json

import pytest
from django.test import Client

from gonghui.cards import services
from gonghui.cards.models import Sale
from gonghui.members.models import MemberPass
from gonghui.members.passes import pass_issue
from gonghui.testing import run_together
from gonghui.testing.cards import build_world
from gonghui.testing.integrations import bearer, make_token

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_parallel_posts_with_one_key_make_one_sale(district, flushable_append_only_tables):
    world = build_world(district)
    token, secret = make_token(district, "cards.sale", kind="till", rate_per_minute=100)
    services.cashier_account_create(user=token.actor, store=world.store, actor=district.users["district"])
    body = json.dumps({"scanned": pass_issue(member=district.members["own"]).token, "amount": "88.00"})

    def post(i: int):
        response = Client().post(
            "/api/v1/till/sales",
            body,
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="race-key-0001",
            **bearer(secret),
        )
        return response.status_code, response.json()

    results = run_together(post, 20)
    statuses = sorted({status for status, _body in results})
    sales = {answer["id"] for status, answer in results if status == 201}
    print(f"\nstatuses: {[s for s, _ in results].count(201)}x201, {[s for s, _ in results].count(422)}x422")
    assert Sale.unscoped.count() == 1 and sales == {Sale.unscoped.get().pk}
    assert set(statuses) <= {201, 422}, statuses
    assert MemberPass.objects.filter(used_at__isnull=False).count() == 1
