"""Service stations: the six haves as of a day, check-in with the station's code, the locator."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.federation import services
from gonghui.federation.models import Criterion, StationVisit
from gonghui.federation.selectors import distance_km, federation_figures, stations_near
from gonghui.lib.figures import Period

pytestmark = pytest.mark.django_db


def check_all(fed, station, day, met=True):
    for criterion in Criterion.values:
        services.station_check(
            station=station,
            criterion=criterion,
            met=met,
            evidence="照片编号01",
            checked_on=day,
            actor=fed.staff,
        )


def test_a_station_meets_the_six_haves_when_the_latest_check_of_each_was_met(district, fed):
    station = fed.station(district.dinghai_union, opened_on=datetime.date(2015, 1, 1))
    check_all(fed, station, datetime.date(2015, 6, 1))
    services.station_check(
        station=station,
        criterion="volunteers",
        met=False,
        evidence="志愿者流失",
        checked_on=datetime.date(2016, 3, 1),
        actor=fed.staff,
    )
    at = lambda day: federation_figures(district.root, Period.as_of(day))  # noqa: E731
    assert (at(datetime.date(2014, 12, 31))["stations"], at(datetime.date(2015, 12, 31))["stations"]) == (
        0,
        1,
    )
    assert at(datetime.date(2015, 12, 31))["stations_meeting_six_haves"] == 1
    assert at(datetime.date(2016, 12, 31))["stations_meeting_six_haves"] == 0
    with pytest.raises(services.FederationError, match="佐证"):
        services.station_check(station=station, criterion="sign", met=True, evidence="", actor=fed.staff)


def test_a_member_checks_in_with_the_code_once_a_day_per_service(district, fed):
    station = fed.station(district.dinghai_union)
    member = district.members["own"]
    with pytest.raises(services.FederationError, match="二维码"):
        services.station_check_in(station=station, member=member, service="legal", code="wrong", actor=None)
    services.station_check_in(station=station, member=member, service="legal", code=station.code, actor=None)
    with pytest.raises(services.FederationError, match="已签到"):
        services.station_check_in(
            station=station, member=member, service="legal", code=station.code, actor=None
        )
    with pytest.raises(services.FederationError, match="不提供"):
        services.station_check_in(
            station=station, member=member, service="job", code=station.code, actor=None
        )
    with pytest.raises(services.FederationError, match="在册会员"):
        services.station_check_in(
            station=station, member=district.members["left"], service="rest", code=station.code, actor=None
        )
    assert StationVisit.unscoped.count() == 1


def test_the_locator_lists_the_district_by_street_and_by_distance(client, district, fed):
    near = fed.station(
        district.pingliang_union,
        name="近的站",
        latitude=Decimal("31.270000"),
        longitude=Decimal("121.520000"),
    )
    far = fed.station(
        district.dinghai_union, name="远的站", latitude=Decimal("31.300000"), longitude=Decimal("121.560000")
    )
    fed.station(district.dinghai, name="无坐标站")
    member = district.members["own"]
    found = stations_near(member, lat=31.2701, lng=121.5201)
    assert [f.station for f in found][:2] == [near, far] and found[-1].km is None
    assert 0 < found[0].km < 0.1 and 4 < found[1].km < 6
    assert round(distance_km(31.27, 121.52, 31.27, 121.52), 6) == 0
    client.force_login(district.users["member"])
    page = client.get(reverse("federation:m_stations"), {"street": district.dinghai.pk}).content.decode()
    assert "远的站" in page and "近的站" not in page
    page = client.get(reverse("federation:m_station", args=[far.pk]), {"code": far.code}).content.decode()
    assert 'name="service"' in page
    response = client.post(
        reverse("federation:m_check_in", args=[far.pk]), {"code": far.code, "service": "legal"}
    )
    assert response.status_code == 302 and StationVisit.unscoped.filter(station=far, member=member).exists()
