"""The care module's part of a member's own data (PI-6): hardship files and aid paid, the
deliveries of campaigns, health checks and rest-home stays, allowances."""

from django.utils.translation import gettext as _

from gonghui.lib.personal import Section, section_of
from gonghui.members.models import Member

from .models import Allowance, Delivery, FamilyFile, Payout, Recipient, Stay

LEDGER = _("帮扶救助金发放是会计凭证，依《会计档案管理办法》保存30年，期满前不删除。")


def member_records(member: Member) -> list[Section]:
    return [
        section_of(
            "care.hardship", _("困难职工档案"), FamilyFile.unscoped.filter(member=member).order_by("id")
        ),
        section_of(
            "care.payouts",
            _("帮扶救助金发放"),
            Payout.unscoped.filter(member=member).order_by("id"),
            kept=LEDGER,
        ),
        section_of("care.recipients", _("慰问对象"), Recipient.unscoped.filter(member=member).order_by("id")),
        section_of(
            "care.deliveries",
            _("慰问送达"),
            Delivery.unscoped.filter(member=member).order_by("id"),
            kept=LEDGER,
        ),
        section_of("care.stays", _("体检与疗休养"), Stay.unscoped.filter(member=member).order_by("id")),
        section_of("care.allowances", _("补贴"), Allowance.objects.filter(member=member).order_by("id")),
    ]


def erase_members(member_ids: list[int]) -> int:
    """A former member's health check and rest-home results (health data): erased with their
    identity. Hardship files and payouts stay as the basis of aid paid (accounting records)."""
    return Stay.unscoped.filter(member_id__in=member_ids).exclude(result="").update(result="")
