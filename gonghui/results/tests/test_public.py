"""Public boards (no login, what district staff chose to publish, cached) and the big screen's
signed links (valid, expired, changed)."""

import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.results.links import screen_token
from gonghui.results.models import PublicBoard
from gonghui.results.services import board_save
from gonghui.testing.targets import GROUPS, places
from gonghui.tests.test_privacy import secrets_of_people

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def staff(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_district_staff_choose_what_a_board_publishes(district):
    client = staff(district.users["district"])
    url = reverse("results:board_edit", args=[district.root.pk])
    assert client.get(url).status_code == 200
    data = {"title": "测试区工作看板", "published": "on", "figures": ["members", "culture.person_times"]}
    assert client.post(url, data).status_code == 302
    board = PublicBoard.objects.get(node=district.root)
    assert board.figures == ["members", "culture.person_times"] and not board.calendar
    assert AuditRecord.objects.filter(action="results.board.save").exists()
    wrong = client.post(url, {**data, "figures": ["members", "secret.key"]})
    assert wrong.status_code == 400 and PublicBoard.objects.get(pk=board.pk).figures == board.figures
    assert (
        staff(district.users["dinghai_cadre"])
        .get(reverse("results:board_edit", args=[district.dinghai.pk]))
        .status_code
        == 404
    )


def test_a_board_opens_without_login_shows_only_what_was_published_and_is_cached(district):
    GROUPS["culture"].build(district, places(district))  # upcoming sessions for the calendar
    board = board_save(
        node=district.root, title="测试区工作看板", figures=["members", "establishment_rate"], calendar=True,
        published=True, actor=district.users["district"],
    )  # fmt: skip
    anonymous = Client()
    page = anonymous.get(reverse("results:board", args=[board.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "会员总数" in text and "建会率" in text and "持卡会员" not in text
    assert "近期活动" in text and "标记项目own" in text and "标记场馆sibling" in text
    assert "张定海" not in text and "孙平凉" not in text  # what, where and when; never who booked
    assert "public" in page["Cache-Control"] and "max-age=300" in page["Cache-Control"]
    for secret in secrets_of_people():
        assert secret not in text
    assert "csrfmiddlewaretoken" not in text and "退出" not in text  # nothing of a signed-in page
    assert (
        reverse("results:board", args=[board.pk]) in anonymous.get(reverse("results:boards")).content.decode()
    )
    board_save(
        node=district.root, title="改过的标题", figures=["members"], calendar=False, published=True,
        actor=district.users["district"],
    )  # fmt: skip
    assert "改过的标题" in anonymous.get(reverse("results:board", args=[board.pk])).content.decode()
    PublicBoard.objects.filter(pk=board.pk).update(published=False)
    assert anonymous.get(reverse("results:board", args=[board.pk])).status_code == 404


def test_district_staff_make_a_screen_link_that_opens_without_login(district):
    client = staff(district.users["district"])
    url = reverse("results:screen_link", args=[district.root.pk])
    made = client.post(url, {"hours": "24"})
    assert made.status_code == 200
    link = made.context["link"]["url"]
    assert AuditRecord.objects.filter(action="results.screen_link.create").exists()
    assert client.post(url, {"hours": "100000"}).status_code == 400
    screen = Client().get(link)
    assert screen.status_code == 200
    text = screen.content.decode()
    assert "测试区总工会" in text and "定海路街道" in text and "平凉路街道" in text
    data = Client().get(link, {"data": "1"}).json()
    assert {t["key"] for t in data["tiles"]} >= {"members", "establishment_rate"}
    assert [s["name"] for s in data["streets"]] == ["定海路街道", "平凉路街道"]
    for secret in secrets_of_people():
        assert secret not in text
    assert (
        staff(district.users["dinghai_cadre"])
        .post(reverse("results:screen_link", args=[district.dinghai.pk]), {"hours": "24"})
        .status_code
        == 404
    )


def test_an_expired_or_changed_screen_link_is_refused_in_chinese(district, monkeypatch):
    now = time.time()
    with monkeypatch.context() as past:
        past.setattr(signing.time, "time", lambda: now - 25 * 3600)
        old = screen_token(district.root.pk, 24)
    expired = Client().get(reverse("results:screen", args=[old]))
    assert expired.status_code == 404 and "大屏链接已过期" in expired.content.decode()
    token = screen_token(district.root.pk, 24)
    for changed in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "x" + token, "1000000000"):
        refused = Client().get(reverse("results:screen", args=[changed]))
        assert refused.status_code == 404 and "大屏链接无效" in refused.content.decode()
    other = signing.TimestampSigner(salt="something.else").sign_object({"n": district.root.pk, "h": 24})
    assert Client().get(reverse("results:screen", args=[other])).status_code == 404
    assert Client().get(reverse("results:screen", args=[token])).status_code == 200
