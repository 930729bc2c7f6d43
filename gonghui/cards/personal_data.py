"""The cards module's part of a member's own data (PI-6): the card and its uses, discounts,
basic protection (enrolments, claims, payouts)."""

from django.utils.translation import gettext as _

from gonghui.lib.personal import Section, section_of
from gonghui.members.models import Member

from .models import Card, Claim, Enrolment, EntitlementUse, Payout, Redemption, Sale

LEDGER = _("理赔与给付是会计凭证，依《会计档案管理办法》保存30年，期满前不删除。")


def member_records(member: Member) -> list[Section]:
    return [
        section_of("cards.cards", _("会员卡"), Card.unscoped.filter(member=member).order_by("issued_at")),
        section_of("cards.sales", _("优惠消费"), Sale.unscoped.filter(member=member).order_by("id")),
        section_of(
            "cards.redemptions", _("免费服务使用"), Redemption.unscoped.filter(member=member).order_by("id")
        ),
        section_of(
            "cards.entitlements", _("权益使用"), EntitlementUse.objects.filter(member=member).order_by("id")
        ),
        section_of(
            "cards.enrolments", _("普惠保障参保"), Enrolment.unscoped.filter(member=member).order_by("id")
        ),
        section_of(
            "cards.claims", _("保障理赔"), Claim.unscoped.filter(member=member).order_by("id"), kept=LEDGER
        ),
        section_of(
            "cards.payouts", _("保障给付"), Payout.unscoped.filter(member=member).order_by("id"), kept=LEDGER
        ),
    ]
