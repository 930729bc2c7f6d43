"""Money spent on the menu: subsidies, project grants and purchased services."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record

from ..models import Funding, Programme
from .errors import CultureError


def _is_yuan(amount: object) -> bool:
    """A positive Decimal with at most two places (fen)."""
    if not isinstance(amount, Decimal) or amount <= 0:
        return False
    exponent = amount.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -2


@transaction.atomic
def funding_record(
    *,
    programme: Programme,
    amount: Decimal,
    paid_on: datetime.date,
    kind: str,
    actor: User,
    circle: str | None = None,
    note: str = "",
    audit: AuditContext = NO_REQUEST,
) -> Funding:
    if not _is_yuan(amount):
        raise CultureError(_("金额须为大于零的元金额（最多两位小数）。"), "money")
    funding = Funding(
        programme=programme,
        amount=amount,
        paid_on=paid_on,
        kind=kind,
        circle=circle or programme.circle,
        note=note,
    )
    funding.save()
    audit_record(
        actor=actor,
        action="culture.funding.record",
        target=funding,
        audit=audit,
        detail={"amount": str(amount)},
    )
    return funding
