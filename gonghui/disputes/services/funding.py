"""Money the district puts into the mediation network, one record per organization and year."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record

from ..errors import DisputeError
from ..models import MediationFunding, MediationOrg, OrgKind

# Committees of single enterprises are not funded by the district.
FUNDED_KINDS = (
    OrgKind.COURT_ROOM,
    OrgKind.DISTRICT_CENTRE,
    OrgKind.STREET_CENTRE,
    OrgKind.INDUSTRY_COMMITTEE,
)


@transaction.atomic
def mediation_funding_save(
    *,
    org: MediationOrg,
    year: int,
    amount: Decimal | str,
    actor: User,
    note: str = "",
    audit: AuditContext = NO_REQUEST,
) -> MediationFunding:
    """Record (or correct) an organization's funding for a year: one record per year, so
    entering it again replaces the amount rather than adding to it."""
    if org.kind not in FUNDED_KINDS:
        raise DisputeError(_("只能为法律援助中心、工作站、法院调解室和行业调解委员会登记经费。"))
    if not 1949 <= year <= timezone.localdate().year + 1:
        raise DisputeError(_("年度无效。"))
    try:
        money = Decimal(str(amount)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise DisputeError(_("金额无效。")) from None
    if not money.is_finite() or money < 0 or money >= Decimal("1e10"):
        raise DisputeError(_("金额无效。"))
    funding = MediationFunding.unscoped.select_for_update().filter(org=org, year=year).first()
    old = None if funding is None else str(funding.amount)
    if funding is None:
        funding = MediationFunding(org=org, year=year)
    funding.amount, funding.note = money, note.strip()[:200]
    funding.entered_by, funding.entered_at = actor, timezone.now()
    funding.save()
    audit_record(
        actor=actor,
        action="mediation_funding.save",
        target=funding,
        audit=audit,
        detail={"year": year, "amount": str(money), "was": old},
    )
    return funding
