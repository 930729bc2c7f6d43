"""The staff dashboards: the registry's figures of a node for a period, charts that drill down,
and (AZ-3) nothing of a sibling street on a street cadre's dashboards or behind their clicks."""

import html
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.lib.figures import Period
from gonghui.results.present import display
from gonghui.results.registry import figures_for
from gonghui.testing.targets import GROUPS, places
from gonghui.tests.test_privacy import secrets_of_people

pytestmark = pytest.mark.django_db
MARKERS = ["平凉标记", "平凉路街道", "孙平凉", "周平凉"]


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def chart_data(page: str) -> list[dict]:
    found = re.search(r'<script id="dash-data" type="application/json">(.*?)</script>', page, re.S)
    assert found, "the page carries its charts' data"
    return json.loads(found.group(1))


def drill_urls(page: str) -> set[str]:
    """Every list a click on the page opens: the tiles' links and each chart point's URL."""
    urls = {html.unescape(u) for u in re.findall(r'<a class="kpi" href="([^"]+)"', page)}
    for spec in chart_data(page):
        for choice in spec["choices"]:
            for series in choice["series"]:
                for i, key in enumerate(spec["keys"]):
                    if series["url"]:
                        url = series["url"].replace("__X__", key)
                        urls.add(url.replace("__N__", spec["nodes"][i]) if spec.get("nodes") else url)
    return urls


def test_the_dashboard_shows_the_registrys_figures_for_the_period(district):
    page = login(district.users["district"]).get(reverse("results:dashboard", args=[district.root.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    year = timezone.localdate().year
    live = figures_for(district.root, Period.year(year))
    tile = re.search(
        r'data-kpi="members"[^>]*><div class="label">[^<]*</div><div class="value">([^<]*)<', text
    )
    assert tile and tile.group(1) == display(live["members"], "count")
    assert f'href="/members/?node={district.root.pk}&amp;year={year}&amp;status=active"' in text
    specs = {spec["id"]: spec for spec in chart_data(text)}
    assert specs["subtree"]["x"] == ["定海路街道", "平凉路街道"]
    assert {
        "year-org",
        "month-org",
        "year-cards",
        "by-disputes-cases_by_channel",
        "by-culture-by_circle_month",
    } <= set(specs)
    by_channel = specs["by-disputes-cases_by_channel"]
    assert "法院委托调解" in by_channel["x"] and "court" in by_channel["keys"]  # names, keys for the links
    assert "channel=__X__" in by_channel["choices"][0]["series"][0]["url"]
    assert not re.search(r'(src|href)="(https?:)?//', text), "nothing loads from outside the site"
    assert "/static/vendor/echarts/echarts.min.js" in text


def test_echarts_is_served_from_our_static_files():
    assert finders.find("vendor/echarts/echarts.min.js"), "run `make setup` (npm ci installs ECharts)"


def test_a_wrong_period_answers_400_in_chinese_and_keeps_what_was_typed(district):
    url = reverse("results:dashboard", args=[district.root.pk])
    page = login(district.users["district"]).get(url, {"from": "2016", "to": "2012"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "起始年度不能晚于结束年度" in text and 'value="2016"' in text and 'value="2012"' in text


def test_each_staff_role_opens_the_dashboard_of_its_own_node(district):
    for name, node in (
        ("district", district.root),
        ("dinghai_cadre", district.dinghai),
        ("chair", district.dinghai_union),
    ):
        client = login(district.users[name])
        home = client.get("/")
        assert home.status_code == 302 and home["Location"] == reverse("results:dashboard", args=[node.pk])
        page = client.get(home["Location"], {"year": "2016"})
        assert page.status_code == 200 and node.name in page.content.decode()
        first = re.search(
            r'<nav class="links" id="nav">\s*<a href="([^"]+)"',
            page.content.decode(),
            re.S,
        )
        assert first and first.group(1) == reverse("results:dashboard", args=[node.pk])  # first in the menu
    chair = login(district.users["chair"]).get(reverse("results:dashboard", args=[district.dinghai_union.pk]))
    assert "subtree" not in {
        spec["id"] for spec in chart_data(chair.content.decode())
    }  # nothing below a union


def test_the_node_picker_finds_nodes_of_ones_scope_only(district):
    client = login(district.users["dinghai_cadre"])
    found = client.get(reverse("results:dashboard_pick"), {"q": "标记", "year": "2016"}).content.decode()
    assert "定海标记甲公司工会" in found and f"/dashboard/{district.dinghai_union.pk}/?year=2016" in found
    assert "平凉" not in found


PERIOD_KEYS = frozenset({"year", "month", "as_of", "from", "to"})


def one_per_kind(urls: set[str]) -> list[str]:
    """One URL of each list, node and category filter: the rest differ from it only in the
    period's value (a year, a month, a day), which narrows the list by date and never its scope.
    A district's pages hold some 4,400 drill-down URLs, about 860 of them of different kinds."""
    kinds: dict[tuple, str] = {}
    for url in sorted(urls):
        parts = urlsplit(url)
        query = parse_qsl(parts.query)
        kinds.setdefault(
            (parts.path, tuple(sorted((k, "" if k in PERIOD_KEYS else v) for k, v in query))), url
        )
    return list(kinds.values())


def test_a_street_cadres_dashboards_and_drill_downs_show_nothing_of_the_sibling_street(district):
    where = places(district)
    for group in GROUPS.values():
        group.build(district, where)  # records of every module, in every relation
    whole = login(district.users["district"]).get(reverse("results:dashboard", args=[district.root.pk]))
    assert "平凉路街道" in whole.content.decode()  # the markers are there to be leaked
    client = login(district.users["dinghai_cadre"])
    today = timezone.localdate()
    pages = []
    for node in (district.dinghai, district.dinghai_union):
        for period in ({}, {"year": "2016"}, {"as_of": today.isoformat()}, {"from": "2012", "to": "2016"}):
            response = client.get(reverse("results:dashboard", args=[node.pk]), period)
            assert response.status_code == 200
            pages.append(response.content.decode())
    for refused in (district.pingliang, district.root, district.pingliang_union):
        assert client.get(reverse("results:dashboard", args=[refused.pk])).status_code == 404
    urls = set().union(*(drill_urls(page) for page in pages))
    assert any(url.startswith("/members/") for url in urls) and any(
        url.startswith("/disputes/") for url in urls
    )
    secrets = secrets_of_people()
    for url in one_per_kind(urls):
        response = client.get(url)
        assert response.status_code < 500, url
        pages.append(response.content.decode())
    for page in pages:
        for marker in MARKERS:
            assert marker not in page
        for secret in secrets:
            assert secret not in page
