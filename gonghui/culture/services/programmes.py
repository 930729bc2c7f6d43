"""Writes on the service menu and the social organizations that deliver it."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node

from ..models import Funding, Programme, Provider
from .errors import CultureError


@transaction.atomic
def programme_create(
    *, actor: User, node: Node, audit: AuditContext = NO_REQUEST, **fields: object
) -> Programme:
    cost = fields.get("cost", Decimal("0"))
    if not isinstance(cost, Decimal) or cost < 0:
        raise CultureError(_("金额必须为非负的元金额。"), "money")
    programme = Programme(node=node, **fields)
    programme.save()
    audit_record(actor=actor, action="culture.programme.create", target=programme, audit=audit)
    return programme


PROGRAMME_FIELDS = (
    "title",
    "category",
    "description",
    "circle",
    "provider",
    "cost",
    "per_member_limit",
    "published",
)


@transaction.atomic
def programme_update(
    *, programme: Programme, actor: User, node: Node, audit: AuditContext = NO_REQUEST, **fields: object
) -> Programme:
    """Edit a menu item. Its funding records hang where it hangs, so they follow a move."""
    programme = Programme.unscoped.select_for_update().get(pk=programme.pk)
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise CultureError(_("不能修改这些字段：%(f)s") % {"f": ", ".join(sorted(unknown))}, "field")
    cost = fields.get("cost", programme.cost)
    if not isinstance(cost, Decimal) or cost < 0:
        raise CultureError(_("金额必须为非负的元金额。"), "money")
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.node = node
    programme.save()
    Funding.unscoped.filter(programme=programme).update(path=programme.path)
    audit_record(
        actor=actor,
        action="culture.programme.update",
        target=programme,
        audit=audit,
        detail={"fields": sorted(fields)},
    )
    return programme


@transaction.atomic
def provider_create(
    *, name: str, actor: User, credit_code: str = "", audit: AuditContext = NO_REQUEST
) -> Provider:
    """Register a social organization that delivers purchased programmes; an existing name is reused."""
    name = name.strip()
    if not name:
        raise CultureError(_("请填写社会组织名称。"), "provider")
    provider, created = Provider.objects.get_or_create(name=name, defaults={"credit_code": credit_code})
    if created:
        audit_record(actor=actor, action="culture.provider.create", target=provider, audit=audit)
    return provider
