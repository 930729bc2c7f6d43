"""Live items of the demo chair's congress, made through the services: the demo member sits in
it; a session sits now, with the wage-agreement draft that bargaining referred to it open for
the vote (the demo member can sign in by the door's QR and vote on the phone); the next session
is planned; proposals wait at each step; and a neighbouring union's election is open."""

import datetime

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.congress import services
from gonghui.congress.models import Choice, Congress, Power, Representative, Seat, SignIn
from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node, Referral
from gonghui.organizations.selectors import referrals_pending

DAY = datetime.timedelta(days=1)


def demo_member(union: Node) -> Member | None:
    """The member the demo prints a phone login for (as seed_queues finds them)."""
    return (
        Member.unscoped.filter(union=union, status=MemberStatus.ACTIVE, id_problem="")
        .exclude(phone="")
        .order_by("id")
        .first()
    )


def seat_member(congress: Congress, member: Member, actor: User) -> Representative:
    sitting = Representative.unscoped.filter(congress=congress, member=member, status=Seat.ACTIVE).first()
    if sitting is not None:
        return sitting
    if Representative.unscoped.filter(congress=congress, status=Seat.ACTIVE).count() >= congress.seats:
        last = Representative.unscoped.filter(congress=congress, status=Seat.ACTIVE).order_by("-id").first()
        assert last is not None
        services.representative_end(
            representative=last, status=Seat.LEFT, on=timezone.localdate(), actor=actor
        )
    return services.representative_seat(
        congress=congress, member=member, elected_on=timezone.localdate() - 30 * DAY, actor=actor
    )


def live_session(congress: Congress, me: Representative, actor: User) -> None:
    now = timezone.now()
    session = services.session_schedule(
        congress=congress,
        title=f"第{congress.term_no}届临时职工代表大会",
        starts_at=now - datetime.timedelta(minutes=20),
        place="职工活动中心",
        kind="extraordinary",
        actor=actor,
    )
    services.session_open(session=session, actor=actor)
    services.item_add(
        session=session,
        kind=Power.REVIEW,
        title="2026年度厂务公开工作报告",
        actor=actor,
        material="本年度厂务公开工作情况报告。",
    )
    referral: Referral | None = next(iter(referrals_pending(congress.node)), None)
    item = services.item_add(
        session=session,
        kind=Power.APPROVE,
        title=referral.title if referral else "2027年度工资专项集体协议（草案）",
        material="一、2027年度职工工资平均增长6%，一线职工不低于7%。",
        referral=referral,
        actor=actor,
    )
    others = list(
        Representative.unscoped.filter(congress=congress, status=Seat.ACTIVE).exclude(pk=me.pk).order_by("id")
    )
    needed = -(-(len(others) + 1) * 2 // 3)  # two thirds of all seated: the quorum stands without the member
    present = others[:needed]
    for seat in present:
        services.sign_in(
            session=session,
            representative=seat,
            channel=SignIn.Channel.DOOR,
            token=services.door_token(session),
            actor=None,
        )
    services.item_open(item=item, actor=actor)
    for seat in present[: len(present) // 2]:
        services.vote_cast(item=item, representative=seat, choice=Choice.FOR, actor=None)
    services.session_schedule(
        congress=congress,
        title=f"第{congress.term_no}届职工代表大会（2027年例会）",
        starts_at=now + 9 * DAY,
        place="职工活动中心",
        actor=actor,
    )


def live_proposals(congress: Congress, me: Representative, actor: User) -> None:
    others = list(Representative.unscoped.filter(congress=congress, status=Seat.ACTIVE).exclude(pk=me.pk)[:3])
    waiting = services.proposal_submit(
        congress=congress,
        proposer=me,
        title="为一线班组配备饮水降温设备",
        body="夏季车间温度高，建议每个班组配备饮水机和冰柜。",
        actor=actor,
    )
    if others:
        services.proposal_second(proposal=waiting, representative=others[0], actor=None)
    answered = services.proposal_submit(
        congress=congress,
        proposer=me,
        title="延长职工食堂晚餐供应时间",
        body="夜班职工下班较晚，建议晚餐供应延至20:00。",
        actor=actor,
    )
    for seat in others[:2]:
        services.proposal_second(proposal=answered, representative=seat, actor=None)
    if len(others) >= 2:
        services.proposal_decide(proposal=answered, decision="accepted", actor=actor)
        services.proposal_assign(
            proposal=answered, department="后勤保障部", due_on=timezone.localdate() + 30 * DAY, actor=actor
        )
        services.proposal_answer(proposal=answered, answer="自下月起晚餐供应延长至20:00。", actor=actor)


def live_election(actor: User, chair_union: Node) -> None:
    congress = (
        Congress.unscoped.filter(kind=Congress.Kind.UNIT).exclude(node=chair_union).order_by("path").first()
    )
    if congress is None:
        return
    link = congress.unit_links.select_related("unit").first()
    if link is None:
        return
    counted = Member.unscoped.filter(unit=link.unit, status=MemberStatus.ACTIVE, id_problem="")
    pool = list(counted.order_by("id")[:6])
    if len(pool) < 3:
        return
    election = services.election_create(
        congress=congress, title=f"第{congress.term_no + 1}届职工代表选举", actor=actor
    )
    area = services.constituency_add(
        election=election, name="全体职工", seats=len(pool) - 1, units=[link.unit], actor=actor
    )
    for member in pool:
        services.candidate_nominate(
            constituency=area,
            member=member,
            nominated_by="职工十人以上联名",
            actor=actor,
            statement="愿为职工代言，认真履职。",
        )
    services.election_publish(election=election, actor=actor)
    services.election_open(election=election, actor=actor)


def seed_live(actor: User, chair_union: Node) -> bool:
    congress = Congress.unscoped.filter(node=chair_union).first()
    member = demo_member(chair_union)
    if congress is None or member is None or member.unit_id is None:
        return False
    if not congress.unit_links.filter(unit_id=member.unit_id).exists():
        return False
    me = seat_member(congress, member, actor)
    live_session(congress, me, actor)
    live_proposals(congress, me, actor)
    live_election(actor, chair_union)
    return True
