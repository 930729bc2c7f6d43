"""The counter: verify (MO-4 refusals), record once (idempotency), limits, the cashier's
scope (AZ-2), masked output (PI-3) and the audit trail of verifications (AU-1)."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.cards import services
from gonghui.cards.models import DiscountRule, Merchant, Sale
from gonghui.members.models import Member, MemberPass
from gonghui.members.passes import pass_issue

from .helpers import client_for, key, token_of

pytestmark = pytest.mark.django_db


def sell(world, token, amount="100.00", k=None):
    return services.sale_record(user=world.cashier, scanned=token, amount=Decimal(amount), key=k or key())


def test_a_sale_gives_the_rule_discount_and_uses_the_pass(world):
    token = token_of(world.d.members["own"])
    sale = sell(world, token, "128.88")
    assert (sale.amount, sale.discount, sale.paid) == (Decimal("128.88"), Decimal("12.88"), Decimal("116.00"))
    assert MemberPass.objects.get(member=world.d.members["own"]).purpose == "cards.sale"
    with pytest.raises(services.CardsError, match="已使用"):
        sell(world, token)
    assert Sale.unscoped.count() == 1


def test_the_cap_limits_the_discount(world):
    sale = sell(world, token_of(world.d.members["own"]), "900.00")
    assert sale.discount == Decimal("50.00")


def test_the_same_idempotency_key_gives_back_the_same_sale(world):
    token, k = token_of(world.d.members["own"]), key()
    first = sell(world, token, k=k)
    again = sell(world, token, k=k)
    assert first.pk == again.pk and Sale.unscoped.count() == 1


def test_tampered_expired_and_replayed_tokens_are_refused(world):
    member = world.d.members["own"]
    token = token_of(member)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    forged = signing.dumps("ABCDEFGHJK", salt="another-salt")
    for bad in (tampered, forged, "not-a-token", ""):
        assert not services.sale_verify(user=world.cashier, scanned=bad).valid
        with pytest.raises(services.CardsError):
            sell(world, bad)
    expired = pass_issue(member=member)
    MemberPass.objects.filter(code=expired.code).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    result = services.sale_verify(user=world.cashier, scanned=expired.token)
    assert not result.valid and "过期" in result.message
    with pytest.raises(services.CardsError, match="过期"):
        sell(world, expired.token)
    sell(world, token)
    with pytest.raises(services.CardsError, match="已使用"):
        sell(world, token)
    assert not services.sale_verify(user=world.cashier, scanned=token).valid
    assert Sale.unscoped.count() == 1


def test_the_short_code_works_like_the_qr(world):
    issued = pass_issue(member=world.d.members["own"])
    assert services.sale_verify(user=world.cashier, scanned=issued.code.lower()).valid
    assert sell(world, issued.code).pk


def test_a_holder_without_an_active_card_is_refused(world):
    services.card_suspend(card=world.cards["own"], actor=world.d.users["district"])
    token = pass_issue(member=world.d.members["own"]).token
    assert not services.sale_verify(user=world.cashier, scanned=token).valid
    with pytest.raises(services.CardsError, match="服务卡"):
        sell(world, token)
    assert MemberPass.objects.filter(used_at__isnull=False).count() == 0  # rolled back with the refusal


def test_suspending_the_merchant_stops_verification_at_once(world):
    token = token_of(world.d.members["own"])
    assert services.sale_verify(user=world.cashier, scanned=token).valid
    services.merchant_set_status(
        merchant=world.merchant, status=Merchant.Status.SUSPENDED, actor=world.d.users["district"]
    )
    result = services.sale_verify(user=world.cashier, scanned=token)
    assert not result.valid and "暂停" in result.message
    with pytest.raises(services.CardsError, match="暂停"):
        sell(world, token)
    assert not MemberPass.objects.filter(used_at__isnull=False).exists()


def test_per_member_and_campaign_limits_hold(world):
    DiscountRule.unscoped.filter(pk=world.rule.pk).update(per_member_limit=1, campaign_limit=2)
    sell(world, token_of(world.d.members["own"]))
    with pytest.raises(services.CardsError, match="优惠次数"):
        sell(world, token_of(world.d.members["own"]))
    sell(world, token_of(world.d.members["colleague"]))
    with pytest.raises(services.CardsError, match="名额"):
        sell(world, token_of(world.d.members["subtree"]))
    assert DiscountRule.unscoped.get(pk=world.rule.pk).used == 2
    assert Sale.unscoped.count() == 2


def test_the_cashier_page_verifies_and_records(world):
    client = client_for(world.cashier)
    page = client.get(reverse("cards:cashier"))
    for element in ("cashier-code", "cashier-verify-button", "cashier-scan-button", "cashier-result"):
        assert f'id="{element}"' in page.content.decode()
    token = token_of(world.d.members["own"])
    verified = client.post(reverse("cards:cashier-verify"), {"scanned": token}, HTTP_HX_REQUEST="true")
    body = verified.content.decode()
    assert 'id="cashier-valid"' in body and "张*" in body and "10%" in body and "<html" not in body
    k = key()
    done = client.post(
        reverse("cards:cashier-sale"), {"scanned": token, "amount": "50.00", "key": k}, HTTP_HX_REQUEST="true"
    )
    assert 'id="cashier-sale-discount">¥5.00<' in done.content.decode()
    replay = client.post(
        reverse("cards:cashier-sale"),
        {"scanned": token, "amount": "50.00", "key": key()},
        HTTP_HX_REQUEST="true",
    )
    assert 'id="cashier-error"' in replay.content.decode()
    assert Sale.unscoped.count() == 1


def test_the_cashier_api_verifies_and_records(world):
    client = client_for(world.cashier)
    token = token_of(world.d.members["own"])
    verified = client.post(reverse("cards:api-verify"), {"scanned": token}, content_type="application/json")
    assert verified.status_code == 200 and verified.json()["member"] == "张*海"
    created = client.post(
        reverse("cards:api-sale-create"),
        json.dumps({"scanned": token, "amount": "20.00", "key": key()}),
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["discount"] == "2.00"
    again = client.post(
        reverse("cards:api-sale-create"),
        json.dumps({"scanned": token, "amount": "20.00", "key": key()}),
        content_type="application/json",
    )
    assert again.status_code == 422 and "已使用" in again.json()["error"]
    bad = client.post(reverse("cards:api-verify"), {"scanned": token[:-2]}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["valid"] is False


def test_a_cashier_sees_only_its_own_store_and_cannot_look_members_up(world):
    mine = sell(world, token_of(world.d.members["own"]))
    theirs = services.sale_record(
        user=world.other_cashier,
        scanned=token_of(world.d.members["colleague"]),
        amount=Decimal("10.00"),
        key=key(),
    )
    client = client_for(world.cashier)
    assert client.get(reverse("cards:cashier-sale-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("cards:api-sale", args=[mine.pk])).status_code == 200
    for url in (
        reverse("cards:cashier-sale-detail", args=[theirs.pk]),
        reverse("cards:api-sale", args=[theirs.pk]),
        reverse("cards:cashier-sale-detail", args=[10**9]),
        reverse("members:detail", args=[world.d.members["own"].pk]),
        reverse("members:list"),
        reverse("cards:claims"),
        reverse("cards:list"),
        reverse("cards:merchants"),
    ):
        assert client.get(url).status_code == 404, url
    listed = client.get(reverse("cards:api-sales")).json()
    assert [row["id"] for row in listed["results"]] == [mine.pk]
    assert client.get(f"/api/v1/members/{world.d.members['own'].pk}").status_code in (401, 403, 404)


@pytest.mark.parametrize("role", ["district", "dinghai_cadre", "chair", "member", "mediator"])
def test_other_roles_cannot_use_the_counter(world, role):
    client = client_for(world.d.users[role])
    token = token_of(world.d.members["colleague"])
    before = MemberPass.objects.filter(used_at__isnull=False).count()
    for name in ("cards:cashier-verify", "cards:cashier-sale", "cards:api-verify", "cards:api-sale-create"):
        response = client.post(reverse(name), {"scanned": token, "amount": "10.00", "key": key()})
        assert response.status_code == 404, (role, name)
    assert client.get(reverse("cards:cashier")).status_code == 404
    assert MemberPass.objects.filter(used_at__isnull=False).count() == before and not Sale.unscoped.exists()


def test_no_cashier_page_or_api_answer_holds_a_full_id_phone_or_name(world):
    """PI-3 on the counter: only the masked name ever reaches the cashier."""
    secrets = []
    for member in Member.unscoped.all():
        secrets += [member.id_number, member.phone, member.name]
    client = client_for(world.cashier)
    token = token_of(world.d.members["colleague"])
    bodies = [
        client.get(reverse("cards:cashier")),
        client.post(reverse("cards:cashier-verify"), {"scanned": token}),
        client.post(reverse("cards:api-verify"), {"scanned": token}),
        client.post(reverse("cards:api-sale-create"), {"scanned": token, "amount": "10.00", "key": key()}),
        client.post(reverse("cards:cashier-verify"), {"scanned": token}),
        client.get(reverse("cards:cashier-sales")),
        client.get(reverse("cards:api-sales")),
    ]
    sale = Sale.unscoped.get()
    bodies += [
        client.get(reverse("cards:cashier-sale-detail", args=[sale.pk])),
        client.get(reverse("cards:api-sale", args=[sale.pk])),
    ]
    for response in bodies:
        assert response.status_code in (200, 201, 422)
        text = response.content.decode()
        for secret in secrets:
            assert secret not in text


def test_every_verification_and_sale_is_audited(world):
    token = token_of(world.d.members["own"])
    client = client_for(world.cashier)
    client.post(reverse("cards:api-verify"), {"scanned": token})
    client.post(reverse("cards:api-verify"), {"scanned": "forged"})
    client.post(reverse("cards:api-sale-create"), {"scanned": token, "amount": "10.00", "key": key()})
    client.post(reverse("cards:api-sale-create"), {"scanned": token, "amount": "10.00", "key": key()})
    verify = AuditRecord.objects.filter(action="cards.verify").order_by("id")
    assert [r.result for r in verify] == ["ok", "denied"]
    assert all(r.actor_id == world.cashier.pk and r.request_id for r in verify)
    sales = AuditRecord.objects.filter(action="cards.sale").order_by("id")
    assert [r.result for r in sales] == ["ok", "denied"]
    assert sales[0].object_id == str(Sale.unscoped.get().pk)
