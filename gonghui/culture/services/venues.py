"""Writes on venues and who runs them."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.lib.scoping import repath
from gonghui.organizations.models import Node

from ..models import Session, Venue, VenueStaff
from .errors import CultureError
from .sessions import session_records_repath


@transaction.atomic
def venue_create(*, actor: User, node: Node, audit: AuditContext = NO_REQUEST, **fields: object) -> Venue:
    venue = Venue(node=node, **fields)
    if venue.opened_on is None:
        venue.opened_on = timezone.localdate()
    if not venue.active and venue.closed_on is None:
        venue.closed_on = venue.opened_on
    venue.full_clean(exclude=["path"])
    venue.save()
    audit_record(actor=actor, action="culture.venue.create", target=venue, audit=audit)
    return venue


VENUE_FIELDS = ("name", "kind", "circle", "address", "opening_hours", "facilities", "capacity", "active")
# Dates a caller may also set (the demo's history, a correction); switching `active` sets them.
VENUE_DATES = ("opened_on", "closed_on")


@transaction.atomic
def venue_update(
    *, venue: Venue, actor: User, node: Node, audit: AuditContext = NO_REQUEST, **fields: object
) -> Venue:
    """Edit a venue. Moving it to another node moves everything that happens there with it."""
    venue = Venue.unscoped.select_for_update().get(pk=venue.pk)
    unknown = set(fields) - set(VENUE_FIELDS) - set(VENUE_DATES)
    if unknown:
        raise CultureError(_("不能修改这些字段：%(f)s") % {"f": ", ".join(sorted(unknown))}, "field")
    old_path, was_active = venue.path, venue.active
    for name, value in fields.items():
        setattr(venue, name, value)
    # Switching a venue off or on dates it, unless the dates were given: the venues of a
    # past day are counted from them.
    if was_active and not venue.active and "closed_on" not in fields:
        venue.closed_on = max(timezone.localdate(), venue.opened_on or datetime.date.min)
    elif venue.active and not was_active and "closed_on" not in fields:
        venue.closed_on = None
    venue.node = node
    venue.full_clean(exclude=["path"])
    venue.save()
    if venue.path != old_path:
        sessions = Session.unscoped.filter(venue=venue)
        repath(sessions, venue.path)
        session_records_repath(sessions, venue.path)
    audit_record(
        actor=actor,
        action="culture.venue.update",
        target=venue,
        audit=audit,
        detail={"fields": sorted(fields), "moved": venue.path != old_path},
    )
    return venue


@transaction.atomic
def venue_staff_add(*, venue: Venue, user: User, actor: User, audit: AuditContext = NO_REQUEST) -> VenueStaff:
    if user.role != Role.VENUE_STAFF:
        raise CultureError(_("只有场馆工作人员账号可以关联场馆。"), "role")
    link, _created = VenueStaff.objects.get_or_create(venue=venue, user=user)
    audit_record(actor=actor, action="culture.venue.staff_add", target=venue, audit=audit)
    return link
