"""The skills module's part of a member's own data (PI-6): trainings, contests, rewards."""

from django.utils.translation import gettext as _

from gonghui.lib.personal import Section, section_of
from gonghui.members.models import Member

from .models import ContestEntry, Enrolment, RewardPayout, TechnicianReward

LEDGER = _("奖励发放是会计凭证，依《会计档案管理办法》保存30年，期满前不删除。")


def member_records(member: Member) -> list[Section]:
    return [
        section_of(
            "skills.trainings", _("技能培训"), Enrolment.unscoped.filter(member=member).order_by("id")
        ),
        section_of(
            "skills.contests", _("技能竞赛"), ContestEntry.unscoped.filter(member=member).order_by("id")
        ),
        section_of(
            "skills.rewards",
            _("技师奖励申请"),
            TechnicianReward.unscoped.filter(member=member).order_by("id"),
        ),
        section_of(
            "skills.reward_payouts",
            _("技师奖励发放"),
            RewardPayout.unscoped.filter(member=member).order_by("id"),
            kept=LEDGER,
        ),
    ]
