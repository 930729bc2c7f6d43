"""Writes on congresses and their seats: establishing a congress for a unit (or a joint one for
the units of a joint or regional union), seating a representative, ending a seat."""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Gender, Member, MemberStatus
from gonghui.organizations.models import Node, Unit

from ..errors import CongressError
from ..models import Congress, CongressUnit, Representative, Seat

JOINT_NODE_KINDS = (
    Node.Kind.GRASSROOTS,
    Node.Kind.REGIONAL,
    Node.Kind.INDUSTRY,
    Node.Kind.PARK,
    Node.Kind.BUILDING,
    Node.Kind.STREET,
)


def _check_units(node: Node, kind: str, units: Sequence[Unit]) -> None:
    if kind == Congress.Kind.UNIT:
        if node.kind != Node.Kind.GRASSROOTS:
            raise CongressError(_("单位职代会须由该单位的基层工会建立。"), "node")
        if len(units) != 1 or units[0].union_id != node.pk:
            raise CongressError(_("单位职代会只对应本工会覆盖的一个单位。"), "units")
        return
    if node.kind not in JOINT_NODE_KINDS:
        raise CongressError(_("联合职代会须由联合基层工会或区域性、行业性工会建立。"), "node")
    if len(units) < 2:
        raise CongressError(_("联合职代会至少覆盖两个单位。"), "units")
    # Its own units, or (for a regional or industry union) any unit of the street it sits in.
    if any(not (unit.path.startswith(node.path) or node.path.startswith(unit.street.path)) for unit in units):
        raise CongressError(_("联合职代会只能覆盖本工会范围内的单位。"), "units")


@transaction.atomic
def congress_establish(
    *,
    node: Node,
    units: Sequence[Unit],
    name: str,
    established_on: datetime.date,
    seats: int,
    kind: str = Congress.Kind.UNIT,
    term_years: int = 3,
    frontline_share: Decimal = Decimal("0.50"),
    women_share: Decimal = Decimal("0.00"),
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Congress:
    _check_units(node, kind, units)
    if seats < 3:
        raise CongressError(_("代表名额至少 3 名。"), "seats")
    if not (Decimal(0) <= frontline_share <= 1 and Decimal(0) <= women_share <= 1):
        raise CongressError(_("比例应在 0 至 1 之间。"), "shares")
    congress = Congress(
        node=node,
        kind=kind,
        name=name.strip(),
        established_on=established_on,
        term_started_on=established_on,
        term_years=term_years,
        seats=seats,
        frontline_share=frontline_share,
        women_share=women_share,
    )
    congress.save()
    try:
        with transaction.atomic():
            CongressUnit.unscoped.bulk_create(
                [CongressUnit(congress=congress, unit=u, since=established_on, path=u.path) for u in units]
            )
    except IntegrityError:
        raise CongressError(_("所选单位已建立职代会。"), "units") from None
    audit_record(
        actor=actor,
        action="congress.establish",
        target=congress,
        audit=audit,
        detail={"units": [u.pk for u in units], "kind": kind},
    )
    return congress


def check_voter(member: Member, congress: Congress) -> None:
    """A worker of a unit the congress covers, in good standing."""
    if member.status != MemberStatus.ACTIVE or member.id_problem:
        raise CongressError(_("会籍状态异常。"), "member")
    if (
        member.unit_id is None
        or not CongressUnit.unscoped.filter(congress=congress, unit_id=member.unit_id).exists()
    ):
        raise CongressError(_("该会员不在本职代会覆盖的单位。"), "unit")


@transaction.atomic
def representative_seat(
    *,
    congress: Congress,
    member: Member,
    elected_on: datetime.date,
    frontline: bool = True,
    constituency: str = "",
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Representative:
    """Seat a representative for the congress's current term (an election's result, or a
    by-election recorded by the chair)."""
    congress = Congress.unscoped.select_for_update().get(pk=congress.pk)
    if congress.status != Congress.Status.ACTIVE:
        raise CongressError(_("该职代会已撤销。"), "dissolved")
    check_voter(member, congress)
    seated = Representative.unscoped.filter(congress=congress, status=Seat.ACTIVE).count()
    if seated >= congress.seats:
        raise CongressError(_("代表名额已满。"), "seats")
    try:
        with transaction.atomic():
            seat = Representative.objects.create(
                congress=congress,
                member=member,
                term_no=congress.term_no,
                constituency=constituency,
                frontline=frontline,
                woman=member.gender == Gender.FEMALE,
                elected_on=elected_on,
            )
    except IntegrityError:
        raise CongressError(_("该会员已是本届职工代表。"), "duplicate") from None
    audit_record(actor=actor, action="congress.representative.seat", target=seat, audit=audit)
    return seat


@transaction.atomic
def representative_end(
    *,
    representative: Representative,
    status: str,
    on: datetime.date,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Representative:
    if status not in (Seat.ENDED, Seat.RECALLED, Seat.LEFT):
        raise CongressError(_("离任方式无效。"), "status")
    moved = Representative.unscoped.filter(pk=representative.pk, status=Seat.ACTIVE).update(
        status=status, ended_on=on
    )
    if not moved:
        raise CongressError(_("该代表已不在任。"), "ended")
    representative.refresh_from_db()
    audit_record(
        actor=actor,
        action="congress.representative.end",
        target=representative,
        audit=audit,
        detail={"status": status},
    )
    return representative


def new_term(*, congress: Congress, started_on: datetime.date) -> int:
    """Close the sitting term (its seats end) and open the next; returns the new term's number.
    Called inside the announcing of an election."""
    Representative.unscoped.filter(congress=congress, status=Seat.ACTIVE).update(
        status=Seat.ENDED, ended_on=started_on
    )
    term = congress.term_no + 1
    Congress.unscoped.filter(pk=congress.pk).update(term_no=term, term_started_on=started_on)
    congress.term_no, congress.term_started_on = term, started_on
    return term
