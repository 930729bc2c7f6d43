"""A token's life: shown once, stored as a digest, expiring, revocable, audited, rate-limited,
and never accepted on a page."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.integrations import ratelimit, services
from gonghui.integrations.models import ApiToken
from gonghui.lib.crypto import blind_index
from gonghui.lib.roles import Role
from gonghui.testing.integrations import bearer, make_token

pytestmark = pytest.mark.django_db


def node_url(node) -> str:
    return f"/api/v1/nodes/{node.pk}"


def test_the_secret_is_given_once_and_only_its_keyed_digest_is_stored(district):
    token, secret = make_token(district, "tree.read", node=district.dinghai)
    prefix, raw = secret.split("_", 2)[1:]
    assert secret.startswith("gh_") and token.prefix == prefix and len(raw) >= 40
    stored = ApiToken.unscoped.values().get(pk=token.pk)
    assert all(raw not in str(value) for value in stored.values())
    assert token.secret_hash == blind_index(raw, purpose="api-token")
    record = AuditRecord.objects.get(action="integrations.token.create")
    assert raw not in str(record.detail) and record.actor_id == district.users["district"].pk
    # The token acts as an account of its own, on the token's node, that cannot log in.
    assert token.actor.username == f"api-{prefix}" and token.actor.role == Role.STREET_CADRE
    assert token.actor.node == district.dinghai and not token.actor.has_usable_password()


def test_a_valid_token_reads_its_subtree_and_describes_itself(district):
    token, secret = make_token(district, "tree.read", node=district.dinghai)
    client = Client()
    assert (
        client.get(node_url(district.dinghai_union), **bearer(secret)).json()["name"] == "定海标记甲公司工会"
    )
    me = client.get("/api/v1/token", **bearer(secret)).json()
    assert me["node_id"] == district.dinghai.pk and me["permissions"] == ["tree.read"]
    assert secret not in str(me)
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("how", ["expired", "revoked", "wrong secret", "unknown", "garbage"])
def test_a_token_that_is_not_valid_now_is_refused_with_401(district, how):
    token, secret = make_token(district, "tree.read")
    if how == "expired":
        ApiToken.unscoped.filter(pk=token.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
    elif how == "revoked":
        services.token_revoke(token=token, actor=district.users["district"])
    elif how == "wrong secret":
        secret = secret[:-4] + "abcd"
    elif how == "unknown":
        secret = "gh_000000000000_" + secret.split("_", 2)[2]
    else:
        secret = "不是令牌"
    response = Client().get(node_url(district.root), **bearer(secret))
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
    assert "令牌" in response.json()["detail"]
    refused = AuditRecord.objects.filter(action="integrations.token.use", result="denied")
    assert refused.count() == (1 if how in ("expired", "revoked", "wrong secret") else 0)


def test_revoking_stops_the_token_at_once_and_disables_its_account(district):
    token, secret = make_token(district, "tree.read")
    client = Client()
    assert client.get(node_url(district.root), **bearer(secret)).status_code == 200
    services.token_revoke(token=token, actor=district.users["district"])
    assert client.get(node_url(district.root), **bearer(secret)).status_code == 401
    token.actor.refresh_from_db()
    assert not token.actor.is_active
    assert AuditRecord.objects.filter(action="integrations.token.revoke").count() == 1


def test_out_of_the_tokens_node_answers_404_like_a_missing_id(district):
    _token, secret = make_token(district, "tree.read", "members.read", node=district.dinghai)
    client = Client()
    assert client.get(node_url(district.pingliang), **bearer(secret)).status_code == 404
    assert (
        client.get(f"/api/v1/members/{district.members['sibling'].pk}", **bearer(secret)).status_code == 404
    )
    assert client.get(f"/api/v1/members/{district.members['own'].pk}", **bearer(secret)).status_code == 200
    names = {m["name"] for m in client.get("/api/v1/members?page_size=100", **bearer(secret)).json()["items"]}
    assert "张定海" in names and not names & {"孙平凉", "周平凉"}


def test_a_route_outside_the_tokens_permissions_answers_403(district):
    _token, secret = make_token(district, "tree.read")
    client = Client()
    for url in ("/api/v1/members", f"/api/v1/nodes/{district.root.pk}/kpis", "/api/v1/cases"):
        response = client.get(url, **bearer(secret))
        assert response.status_code == 403 and response.json()["detail"] == "该令牌没有调用此接口的权限。"


def test_past_its_rate_a_token_gets_429_with_retry_after(district, monkeypatch):
    # The clock held 30 seconds into a minute, so the requests fall in one window however slow.
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_000_050.0)
    _token, secret = make_token(district, "tree.read", rate_per_minute=3)
    client = Client()
    statuses = [client.get(node_url(district.root), **bearer(secret)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get(node_url(district.root), **bearer(secret))
    assert limited.status_code == 429 and limited["Retry-After"] == "30"
    assert "请求过于频繁" in limited.json()["detail"]
    # Another token has its own allowance.
    _other, other_secret = make_token(district, "tree.read", rate_per_minute=3)
    assert client.get(node_url(district.root), **bearer(other_secret)).status_code == 200


def test_tokens_are_never_accepted_on_pages(district):
    _token, secret = make_token(district, "tree.read", "members.read")
    response = Client().get(reverse("members:list"), **bearer(secret))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_session_still_opens_the_api(district):
    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    assert client.get(node_url(district.dinghai)).status_code == 200
    assert Client().get(node_url(district.dinghai)).status_code == 401


def test_only_district_staff_make_tokens_and_only_for_their_subtree(district):
    with pytest.raises(services.IntegrationsError):
        services.token_create(
            name="x", node=district.dinghai, permissions=["tree.read"], days=30,
            actor=district.users["dinghai_cadre"],
        )  # fmt: skip
    with pytest.raises(services.IntegrationsError, match="收银终端"):
        make_token(district, "members.read", kind="till")
    with pytest.raises(services.IntegrationsError, match="收银终端令牌"):
        make_token(district, "cards.sale")
    with pytest.raises(services.IntegrationsError, match="有效期"):
        make_token(district, "tree.read", days=10_000)
    with pytest.raises(services.IntegrationsError, match="权限"):
        make_token(district, "everything")
    assert ApiToken.unscoped.count() == 0


def test_district_staff_make_a_token_on_the_page_and_see_its_secret_once(district):
    client = Client()
    client.force_login(district.users["district"])
    url = reverse("integrations:tokens")
    response = client.post(
        url,
        {
            "name": "市总工会服务平台",
            "kind": "system",
            "node": district.dinghai.pk,
            "permissions": ["tree.read", "kpis.read"],
            "days": 90,
            "rate_per_minute": 60,
        },
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = ApiToken.unscoped.get()
    secret = response.context["secret"]
    assert secret.startswith(f"gh_{token.prefix}_") and secret in response.content.decode()
    assert Client().get(node_url(district.dinghai), **bearer(secret)).status_code == 200
    again = client.get(url).content.decode()
    assert secret not in again and token.masked in again
    client.post(reverse("integrations:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize("role", ["dinghai_cadre", "chair", "member", "cashier"])
def test_the_token_page_is_district_staffs_only(district, role):
    client = Client()
    client.force_login(district.users[role])
    assert client.get(reverse("integrations:tokens")).status_code == 404


def test_the_command_makes_a_token_printed_once_and_revokes_it(district):
    out = StringIO()
    call_command(
        "api_token", "create", "--name", "小程序", "--node", str(district.dinghai.pk),
        "--permission", "tree.read", "--by", "district", stdout=out,
    )  # fmt: skip
    username, secret = out.getvalue().split()
    assert Client().get(node_url(district.dinghai), **bearer(secret)).status_code == 200
    token = ApiToken.unscoped.get(actor__username=username)
    call_command("api_token", "revoke", token.prefix, "--by", "district", stdout=StringIO())
    assert Client().get(node_url(district.dinghai), **bearer(secret)).status_code == 401
