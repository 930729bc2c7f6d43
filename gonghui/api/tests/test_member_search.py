"""PI-4 on the API: a search by ID number or phone is posted, never sent in a URL."""

import pytest
from django.conf import settings
from django.test import Client

from gonghui.testing.integrations import bearer, make_token

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/members/search"


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {m["name"] for m in response.json()["items"]}


def test_a_token_finds_a_member_by_id_number_or_phone_in_the_body_within_its_scope(district):
    own, sibling = district.members["own"], district.members["sibling"]
    _token, secret = make_token(district, "members.read", node=district.dinghai)
    client = Client()
    for number in (own.id_number, own.phone, f"+86{own.phone}"):
        found = client.post(SEARCH, {"q": number}, content_type="application/json", **bearer(secret))
        assert names(found) == {own.name}
    outside = client.post(SEARCH, {"q": sibling.id_number}, content_type="application/json", **bearer(secret))
    assert names(outside) == set()
    by_name = client.post(
        SEARCH, {"q": "定海", "status": "active"}, content_type="application/json", **bearer(secret)
    )
    assert own.name in names(by_name)


def test_a_number_in_the_url_is_refused_in_chinese_and_names_still_search_by_get(district):
    own = district.members["own"]
    _token, secret = make_token(district, "members.read")
    client = Client()
    for text in (own.id_number, own.phone, own.phone[-4:]):
        refused = client.get("/api/v1/members", {"q": text}, **bearer(secret))
        assert refused.status_code == 400
        assert "POST /api/v1/members/search" in refused.json()["detail"]
    assert names(client.get("/api/v1/members", {"q": "张定海"}, **bearer(secret))) == {own.name}


def test_a_session_posts_its_search_with_the_csrf_token_like_any_form(district):
    client = Client(enforce_csrf_checks=True)
    client.force_login(district.users["dinghai_cadre"])
    client.get("/api/docs")  # the docs page sets the CSRF cookie, as it does for a browser
    body = {"q": district.members["own"].phone}
    assert client.post(SEARCH, body, content_type="application/json").status_code == 403
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    found = client.post(SEARCH, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert names(found) == {district.members["own"].name}


def test_bad_search_bodies_answer_422_and_never_500(district):
    _token, secret = make_token(district, "members.read")
    client = Client()
    for body in ({}, {"q": ""}, {"q": "9" * 41}, {"q": "张", "node": 2**70}, {"q": "张", "status": "gone"}):
        assert client.post(SEARCH, body, content_type="application/json", **bearer(secret)).status_code == 422
    assert client.post(SEARCH, "[[[[", content_type="application/json", **bearer(secret)).status_code in (
        400,
        422,
    )
