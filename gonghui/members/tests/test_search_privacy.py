"""PI-4: a search by ID number or phone never puts the number in a URL."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.lib import search_tokens

pytestmark = pytest.mark.django_db


def cadre(district) -> Client:
    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    return client


@pytest.mark.parametrize("which", ["id_number", "phone"])
def test_a_posted_number_comes_back_as_a_token_and_finds_the_member(district, which):
    client = cadre(district)
    own = district.members["own"]
    number = getattr(own, which)
    response = client.post(reverse("members:list"), {"q": number, "status": "active"})
    assert response.status_code == 302
    url = response["Location"]
    assert number not in url and number[-8:] not in url and "s=" in url and "status=active" in url
    page = client.get(url).content.decode()
    assert own.member_no in page and district.members["colleague"].member_no not in page
    # The export link of the same search carries the token, not the number, and exports that row.
    token = parse_qs(urlsplit(url).query)["s"][0]
    export = client.get(reverse("members:export"), {"s": token, "format": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and own.name in rows[1]
    detail = AuditRecord.objects.filter(action="roster.export").latest("id").detail
    assert number not in str(detail)


def test_a_number_typed_into_the_address_bar_is_swapped_for_a_token(district):
    client = cadre(district)
    own = district.members["own"]
    response = client.get(reverse("members:list"), {"q": own.id_number, "page": "1"})
    assert response.status_code == 302 and own.id_number not in response["Location"]
    assert own.member_no in client.get(response["Location"]).content.decode()


def test_names_and_initials_may_stay_in_the_url(district):
    client = cadre(district)
    own = district.members["own"]
    response = client.post(reverse("members:list"), {"q": "zdh"})
    assert response["Location"].endswith("?q=zdh")
    assert own.member_no in client.get(reverse("members:list"), {"q": "张定海"}).content.decode()


def test_a_token_works_only_in_its_own_session_and_only_for_a_while(district, monkeypatch):
    own = district.members["own"]
    first = cadre(district)
    url = first.post(reverse("members:list"), {"q": own.phone})["Location"]
    other = cadre(district)
    page = other.get(url).content.decode()
    assert "搜索已过期" in page and own.phone not in page
    # Unknown token: the whole list is not exported in place of the one row searched.
    token = parse_qs(urlsplit(url).query)["s"][0]
    assert other.get(reverse("members:export"), {"s": token, "format": "csv"}).status_code == 400
    monkeypatch.setattr(search_tokens, "TOKEN_TTL", -1)
    expired = first.post(reverse("members:list"), {"q": own.phone})["Location"]
    assert "搜索已过期" in first.get(expired).content.decode()
    assert first.get(reverse("members:list"), {"s": "<script>"}).status_code == 200


def test_the_search_form_is_posted(district):
    page = cadre(district).get(reverse("members:list")).content.decode()
    form = page.split('name="q"')[0].rsplit("<form", 1)[1]
    assert 'method="post"' in form and "csrfmiddlewaretoken" in form
