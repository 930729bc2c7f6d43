"""特惠: a service point scans the member's QR and redeems one use of an entitlement."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.members.passes import PassRefused, pass_redeem

from ..errors import CardsError
from ..masking import mask_name
from ..models import EntitlementUse, FreeService, Redemption, ServicePointStaff
from .merchants import Verification
from .scan import holder_by_pass, require_holder

SERVICE_PURPOSE = "cards.service"


def desk_of(user: User) -> ServicePointStaff:
    staff = (
        ServicePointStaff.objects.select_related("point").filter(user_id=user.pk or 0, active=True).first()
    )
    if staff is None or not user.is_active or user.role != Role.VENUE_STAFF:
        raise CardsError(_("该账号未绑定服务点，无法核销。"))
    return staff


def _offered(staff: ServicePointStaff, service: FreeService) -> None:
    if not service.active or not staff.point.services.filter(pk=service.pk).exists():
        raise CardsError(_("本服务点不提供该项服务。"))


def _remaining(member_id: int, service: FreeService, year: int) -> int:
    used = (
        EntitlementUse.objects.filter(member_id=member_id, service=service, year=year)
        .values_list("used", flat=True)
        .first()
    )
    return service.yearly_quota - (used or 0)


def redemption_verify(
    *, user: User, scanned: str, service: FreeService, audit: AuditContext = NO_REQUEST
) -> Verification:
    try:
        staff = desk_of(user)
        _offered(staff, service)
        member = holder_by_pass(scanned)
        left = _remaining(member.pk, service, timezone.localdate().year)
        if left <= 0:
            raise CardsError(_("本年度该项服务次数已用完。"))
    except (CardsError, PassRefused) as refused:
        audit_record(
            actor=user,
            action="cards.service.verify",
            result="denied",
            audit=audit,
            detail={"reason": str(refused)},
        )
        return Verification(valid=False, message=str(refused))
    audit_record(actor=user, action="cards.service.verify", target=member, audit=audit)
    return Verification(
        valid=True,
        message=_("会员码有效"),
        masked_name=mask_name(member.name),
        discount_text=_("%(service)s：本年度还可使用%(n)s次") % {"service": service.name, "n": left},
    )


def redemption_record(
    *, user: User, scanned: str, service: FreeService, key: str, audit: AuditContext = NO_REQUEST
) -> Redemption:
    try:
        return _redemption_record(user=user, scanned=scanned, service=service, key=key, audit=audit)
    except (CardsError, PassRefused) as refused:
        audit_record(
            actor=user,
            action="cards.service.redeem",
            result="denied",
            audit=audit,
            detail={"reason": str(refused)},
        )
        raise CardsError(str(refused)) from None


@transaction.atomic
def _redemption_record(
    *, user: User, scanned: str, service: FreeService, key: str, audit: AuditContext
) -> Redemption:
    key = (key or "").strip()
    if not 8 <= len(key) <= 64:
        raise CardsError(_("缺少核销编号，请刷新页面后重试。"))
    staff = desk_of(user)
    if existing := Redemption.unscoped.filter(idempotency_key=key, point=staff.point).first():
        return existing
    _offered(staff, service)
    member = pass_redeem(scanned=scanned, purpose=SERVICE_PURPOSE, actor=user, audit=audit)
    require_holder(member)
    year = timezone.localdate().year
    use, _created = EntitlementUse.objects.get_or_create(member=member, service=service, year=year)
    if not EntitlementUse.objects.filter(pk=use.pk, used__lt=service.yearly_quota).update(used=F("used") + 1):
        raise CardsError(_("本年度该项服务次数已用完。"))
    try:
        with transaction.atomic():
            redemption = Redemption.unscoped.create(
                service=service,
                point=staff.point,
                member=member,
                year=year,
                staff=user,
                at=timezone.now(),
                idempotency_key=key,
                path=member.path,
            )
    except IntegrityError:
        raise CardsError(_("重复的核销编号。")) from None
    audit_record(
        actor=user,
        action="cards.service.redeem",
        target=redemption,
        audit=audit,
        detail={"service": service.pk},
    )
    return redemption
