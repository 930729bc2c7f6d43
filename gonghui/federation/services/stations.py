"""Writes on service stations: opening one (with its QR code and services), the six-haves
checks with evidence, and a member's check-in for a service after scanning the QR code."""

import datetime
import hmac
import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from ..errors import FederationError
from ..models import Criterion, ServiceKind, Station, StationCheck, StationService, StationVisit

STATION_FIELDS = (
    "name",
    "kind",
    "address",
    "latitude",
    "longitude",
    "opening_hours",
    "evening_until",
    "weekend_open",
    "phone",
)


def street_of(node: Node) -> Node:
    """The street a node is in (a station hangs on a street or below one)."""
    if node.kind == Node.Kind.STREET:
        return node
    street: Node | None = Node.objects.filter(
        path=node.path[: 2 * Node.steplen], kind=Node.Kind.STREET
    ).first()
    if street is None:
        raise FederationError(_("服务站应设在街镇或其下属工会。"), "node")
    return street


def _set_services(station: Station, kinds: list[str]) -> None:
    unknown = set(kinds) - set(ServiceKind.values)
    if unknown or not kinds:
        raise FederationError(_("请选择服务站提供的服务项目。"), "services")
    StationService.unscoped.filter(station=station).exclude(kind__in=kinds).delete()
    for kind in kinds:
        StationService.unscoped.get_or_create(station=station, kind=kind)


def _position(fields: dict[str, object]) -> None:
    lat, lng = fields.get("latitude"), fields.get("longitude")
    if (lat is None) != (lng is None):
        raise FederationError(_("经纬度应同时填写。"), "position")
    if (
        isinstance(lat, Decimal)
        and isinstance(lng, Decimal)
        and not (-90 <= lat <= 90 and -180 <= lng <= 180)
    ):
        raise FederationError(_("经纬度超出范围。"), "position")


@transaction.atomic
def station_create(
    *,
    node: Node,
    services: list[str],
    opened_on: datetime.date | None = None,
    actor: User,
    audit: AuditContext = NO_REQUEST,
    **fields: object,
) -> Station:
    unknown = set(fields) - set(STATION_FIELDS)
    if unknown:
        raise FederationError(_("不能设置这些字段：%(f)s") % {"f": ", ".join(sorted(unknown))}, "field")
    _position(fields)
    station = Station(
        node=node,
        street=street_of(node),
        code=secrets.token_urlsafe(12)[:16],
        opened_on=opened_on or timezone.localdate(),
        **fields,
    )
    station.full_clean(exclude=["path", "code"])
    station.save()
    _set_services(station, services)
    audit_record(actor=actor, action="federation.station.create", target=station, audit=audit)
    return station


@transaction.atomic
def station_close(
    *, station: Station, closed_on: datetime.date, actor: User, audit: AuditContext = NO_REQUEST
) -> Station:
    station = Station.unscoped.select_for_update().get(pk=station.pk)
    if station.closed_on is not None:
        raise FederationError(_("该服务站已撤销。"), "closed")
    if closed_on < station.opened_on:
        raise FederationError(_("撤销日期不能早于启用日期。"), "dates")
    station.closed_on = closed_on
    station.save(update_fields=["closed_on"])
    audit_record(actor=actor, action="federation.station.close", target=station, audit=audit)
    return station


@transaction.atomic
def station_check(
    *,
    station: Station,
    criterion: str,
    met: bool,
    evidence: str,
    checked_on: datetime.date | None = None,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> StationCheck:
    """One criterion of the six haves, checked on a day with its evidence."""
    if criterion not in Criterion.values:
        raise FederationError(_("未知的检查标准。"), "criterion")
    if not evidence.strip():
        raise FederationError(_("请填写佐证材料。"), "evidence")
    day = checked_on or timezone.localdate()
    if day > timezone.localdate():
        raise FederationError(_("检查日期不能晚于今天。"), "dates")
    check = StationCheck.unscoped.create(
        station=station,
        criterion=criterion,
        met=met,
        evidence=evidence.strip()[:300],
        checked_on=day,
        checked_by=actor,
    )
    audit_record(
        actor=actor,
        action="federation.station.check",
        target=check,
        audit=audit,
        detail={"criterion": criterion, "met": met},
    )
    return check


@transaction.atomic
def station_check_in(
    *,
    station: Station,
    member: Member,
    service: str,
    code: str,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> StationVisit:
    """A member at the station (they scanned its code) checks in for a service, once a day."""
    if not hmac.compare_digest(code.encode(), station.code.encode()):
        raise FederationError(_("请扫描服务站的二维码后签到。"), "code")
    if station.closed_on is not None:
        raise FederationError(_("该服务站已撤销。"), "closed")
    if not member.is_counted:
        raise FederationError(_("仅在册会员可以签到。"), "member")
    if not StationService.unscoped.filter(station=station, kind=service).exists():
        raise FederationError(_("该服务站不提供此项服务。"), "service")
    now = timezone.now()
    try:
        with transaction.atomic():
            visit = StationVisit.unscoped.create(
                station=station, member=member, service=service, day=timezone.localdate(now), at=now
            )
    except IntegrityError:
        raise FederationError(_("您今天已签到过此项服务。"), "duplicate") from None
    audit_record(actor=actor, action="federation.station.check_in", target=visit, audit=audit)
    return visit
