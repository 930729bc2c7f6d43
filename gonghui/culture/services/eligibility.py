"""Who may book a session, and when: every way in (booking, the lottery, the waiting list)
asks the same question."""

import datetime

from django.utils.translation import gettext as _

from gonghui.members.models import Member, MemberStatus

from ..models import Session
from .errors import BookingRefused


def check_eligible(session: Session, member: Member, now: datetime.datetime) -> None:
    if member.status != MemberStatus.ACTIVE or member.id_problem:
        raise BookingRefused(_("仅限在册会员预约。"), "eligibility")
    if session.status != Session.Status.SCHEDULED or not session.programme.published:
        raise BookingRefused(_("该场次已取消或未发布。"), "closed")
    if session.eligibility == Session.Eligibility.STREET and not (
        session.street and member.path.startswith(session.street.path)
    ):
        raise BookingRefused(_("该场次仅限本街镇会员预约。"), "eligibility")
    if now < session.opens_at:
        raise BookingRefused(_("预约尚未开始。"), "window")
    if now >= session.closes_at:
        raise BookingRefused(_("预约已截止。"), "window")
