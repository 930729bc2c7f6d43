"""The KPI endpoint reads the registry: the same figures and periods as `manage.py kpis`."""

import pytest
from django.test import Client

from gonghui.results.registry import figure_set

pytestmark = pytest.mark.django_db


def _client(district, username: str) -> Client:
    client = Client()
    client.force_login(district.users[username])
    return client


def test_the_kpis_of_a_range_of_years_with_every_module(district):
    answer = _client(district, "district").get(f"/api/v1/nodes/{district.root.pk}/kpis?from=2012&to=2016")
    assert answer.status_code == 200
    data = answer.json()
    assert data["period"] == {"from": "2012-01-01", "to": "2016-12-31"}
    assert data["new_members"] == 6 and data["members"] == 5
    assert set(data["modules"]["cards"]) == set(figure_set("cards").keys())


def test_stocks_as_of_a_day_and_a_clear_refusal_of_a_bad_period(district):
    client = _client(district, "dinghai_cadre")
    url = f"/api/v1/nodes/{district.dinghai.pk}/kpis"
    assert client.get(url + "?as_of=2013-12-31").json()["members"] == 0
    assert client.get(url).json()["members"] == 3
    refused = client.get(url + "?year=2016&month=2016-01")
    assert refused.status_code == 400 and "统计期间" in refused.json()["detail"]
    assert client.get(f"/api/v1/nodes/{district.pingliang.pk}/kpis?year=2016").status_code == 404
