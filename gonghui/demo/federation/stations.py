"""Service stations in parks, buildings and sites: opened from 2013 on (60 by the end of 2016,
about 100 today), most with extended evening hours, checked against the six haves each year
(most meet them all), and members checking in for services."""

import datetime
import secrets
from decimal import Decimal

from gonghui.federation.models import (
    Criterion,
    ServiceKind,
    Station,
    StationCheck,
    StationKind,
    StationService,
)

from .common import SEED_END, World, insert_objects

OPENED = {
    2013: 12,
    2014: 18,
    2015: 14,
    2016: 16,
    2017: 8,
    2018: 6,
    2019: 5,
    2020: 3,
    2021: 4,
    2022: 3,
    2023: 3,
    2024: 3,
    2025: 2,
    2026: 2,
}
CENTRE = (31.2700, 121.5250)  # the district, roughly
PLACES = {
    StationKind.PARK: "园区",
    StationKind.BUILDING: "楼宇",
    StationKind.SITE: "工地",
    StationKind.COMMUNITY: "社区",
}


def seed_stations(w: World) -> tuple[int, int]:
    unions = {s.pk: s for s in w.streets}
    stations = []
    n = 0
    for year, count in OPENED.items():
        if year > w.today.year:
            continue
        for _ in range(count):
            n += 1
            street = w.streets[n % len(w.streets)]
            kind = w.rng.choice(list(PLACES))
            evening = w.rng.random() < 0.7
            stations.append(
                Station(
                    name=f"{street.name.removesuffix('街道')}{PLACES[kind]}基层服务站{n}",
                    kind=kind,
                    node=unions[street.pk],
                    street=street,
                    address=f"上海市杨浦区{street.name}{w.rng.randrange(1, 999)}号",
                    latitude=Decimal(f"{CENTRE[0] + w.rng.uniform(-0.035, 0.035):.6f}"),
                    longitude=Decimal(f"{CENTRE[1] + w.rng.uniform(-0.035, 0.035):.6f}"),
                    opening_hours="周一至周五 9:00-17:00",
                    evening_until=datetime.time(20, 30) if evening else None,
                    weekend_open=evening and w.rng.random() < 0.5,
                    phone=f"021-6{w.rng.randrange(10**7):07d}",
                    code=secrets.token_urlsafe(12)[:16],
                    opened_on=w.day_in(year),
                    path=street.path,
                )
            )
    Station.unscoped.bulk_create(stations)
    services: list[StationService] = []
    checks: list[StationCheck] = []
    for station in stations:
        for service in w.rng.sample(ServiceKind.values, w.rng.randrange(3, 6)):
            services.append(StationService(station=station, kind=service, path=station.path))
        checks += _checks(w, station)
    StationService.unscoped.bulk_create(services)
    insert_objects(StationCheck, checks)
    by_2016 = sum(1 for s in stations if s.opened_on <= SEED_END)
    return by_2016, len(stations)


def _checks(w: World, station: Station) -> list[StationCheck]:
    """A check of every criterion a month after opening, then once a year; one station in
    eight falls short of some criterion in a year."""
    out = []
    day = station.opened_on + datetime.timedelta(days=30)
    while day <= w.today:
        short = w.rng.choice(Criterion.values) if w.rng.random() < 0.125 else None
        for criterion in Criterion.values:
            met = criterion != short
            evidence = "现场照片、台账已存档" if met else "待整改：志愿者不足或台账缺失"
            out.append(
                StationCheck(
                    station=station,
                    criterion=criterion,
                    met=met,
                    evidence=evidence,
                    checked_on=day,
                    path=station.path,
                )
            )
        day += datetime.timedelta(days=365)
    return out
