"""Reads of the member's pages: the stations of their district (nearest first when the phone
gives its position: a great-circle distance computed here, no map service), the contests open
to them and the entries they may see."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from gonghui.members.models import Member
from gonghui.organizations.models import Node

from ..models import Contest, Entry, EntryStatus, Station

EARTH_KM = 6371.0


@dataclass(frozen=True)
class Found:
    station: Station
    km: float | None


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The haversine distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def member_stations(member: Member | None) -> QuerySet[Station]:
    """The open stations of the member's district: members may use any of them."""
    if member is None:
        return Station.unscoped.none()
    return Station.unscoped.filter(path__startswith=member.path[: Node.steplen], closed_on__isnull=True)


def stations_near(
    member: Member | None, *, street: int | None = None, lat: float | None = None, lng: float | None = None
) -> list[Found]:
    stations = member_stations(member).select_related("street").prefetch_related("services")
    if street:
        stations = stations.filter(street_id=street)
    found = []
    for station in stations.order_by("street__path", "name")[:500]:
        km = None
        if (
            lat is not None
            and lng is not None
            and station.latitude is not None
            and station.longitude is not None
        ):
            km = round(distance_km(lat, lng, float(station.latitude), float(station.longitude)), 2)
        found.append(Found(station, km))
    if lat is not None and lng is not None:
        found.sort(key=lambda f: (f.km is None, f.km or 0.0))
    return found


def position(lat: str, lng: str) -> tuple[float | None, float | None]:
    """A position from the query string, or none if it is not a valid one."""
    try:
        la, lo = float(Decimal(lat)), float(Decimal(lng))
    except (ArithmeticError, ValueError):
        return None, None
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        return None, None
    return la, lo


def member_contests(member: Member | None) -> QuerySet[Contest]:
    """Contests of the organizers above the member (a district's contest is open to all its
    members; a street's to the street's)."""
    if member is None:
        return Contest.unscoped.none()
    step = Node.steplen
    above = [member.path[: step * depth] for depth in range(1, len(member.path) // step + 1)]
    return Contest.unscoped.filter(path__in=above)


def member_entries(member: Member | None, contest: Contest) -> QuerySet[Entry]:
    """What a member sees of a contest: the accepted entries and their own."""
    if member is None:
        return Entry.unscoped.none()
    return Entry.unscoped.filter(contest=contest).filter(Q(status=EntryStatus.ACCEPTED) | Q(member=member))
