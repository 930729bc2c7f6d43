"""Online contests: a contest, a member's entry (an image checked by content and size), the
review, and members' votes: one per member per entry (a unique constraint), a daily limit per
member and contest (a conditional UPDATE), none outside the voting window."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.scoping import locked
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from .. import images
from ..errors import FederationError
from ..models import Contest, Entry, EntryStatus, Vote, VoteDay


@transaction.atomic
def contest_create(
    *,
    node: Node,
    title: str,
    kind: str,
    description: str,
    submit_opens_at: datetime.datetime,
    submit_closes_at: datetime.datetime,
    vote_opens_at: datetime.datetime,
    vote_closes_at: datetime.datetime,
    daily_votes: int = 5,
    max_entries: int = 3,
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> Contest:
    if not (submit_opens_at < submit_closes_at and vote_opens_at < vote_closes_at):
        raise FederationError(_("截止时间应晚于开始时间。"), "dates")
    if vote_closes_at < submit_closes_at:
        raise FederationError(_("投票截止不能早于征集截止。"), "dates")
    if daily_votes < 1 or max_entries < 1:
        raise FederationError(_("票数和投稿数应大于零。"), "limits")
    contest = Contest.unscoped.create(
        node=node,
        title=title.strip()[:120],
        kind=kind,
        description=description.strip(),
        submit_opens_at=submit_opens_at,
        submit_closes_at=submit_closes_at,
        vote_opens_at=vote_opens_at,
        vote_closes_at=vote_closes_at,
        daily_votes=daily_votes,
        max_entries=max_entries,
    )
    audit_record(actor=actor, action="federation.contest.create", target=contest, audit=audit)
    return contest


def member_may_enter(member: Member, contest: Contest) -> bool:
    """A contest is open to the members of the organizer's subtree."""
    return member.is_counted and member.path.startswith(contest.path)


@transaction.atomic
def entry_submit(
    *,
    contest: Contest,
    member: Member,
    title: str,
    data: bytes,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Entry:
    now = timezone.now()
    if not contest.submit_opens_at <= now < contest.submit_closes_at:
        raise FederationError(_("不在作品征集时间内。"), "closed")
    if not member_may_enter(member, contest):
        raise FederationError(_("仅主办单位范围内的在册会员可以投稿。"), "member")
    if not title.strip():
        raise FederationError(_("请填写作品名称。"), "title")
    checked = images.check_image(data)
    # Serialize one member's entries to a contest, so the limit holds under concurrency.
    locked(Member, member)
    if Entry.unscoped.filter(contest=contest, member=member).count() >= contest.max_entries:
        raise FederationError(_("每人最多投稿 %(n)s 件。") % {"n": contest.max_entries}, "quota")
    entry = Entry.unscoped.create(
        contest=contest,
        member=member,
        title=title.strip()[:80],
        image=images.store(checked),
        content_type=checked.content_type,
        size=len(checked.data),
        width=checked.width,
        height=checked.height,
        submitted_at=now,
    )
    audit_record(actor=actor, action="federation.entry.submit", target=entry, audit=audit)
    return entry


@transaction.atomic
def entry_review(
    *, entry: Entry, accept: bool, note: str = "", actor: User, audit: AuditContext = NO_REQUEST
) -> Entry:
    entry = Entry.unscoped.select_for_update().get(pk=entry.pk)
    if entry.status != EntryStatus.SUBMITTED:
        raise FederationError(_("该作品已审核。"), "state")
    if not accept and not note.strip():
        raise FederationError(_("请填写未通过的理由。"), "note")
    entry.status = EntryStatus.ACCEPTED if accept else EntryStatus.REJECTED
    entry.review_note = note.strip()[:200]
    entry.save(update_fields=["status", "review_note"])
    audit_record(
        actor=actor, action="federation.entry.review", target=entry, audit=audit, detail={"accept": accept}
    )
    return entry


@transaction.atomic
def vote_cast(*, entry: Entry, member: Member, actor: User | None, audit: AuditContext = NO_REQUEST) -> Vote:
    """One vote. The (entry, member) unique constraint refuses a second vote whatever the race;
    the day's counter is taken by a conditional UPDATE, so the daily limit holds too."""
    contest = Contest.unscoped.get(pk=entry.contest_id)
    now = timezone.now()
    if now >= contest.vote_closes_at:
        raise FederationError(_("投票已截止。"), "closed")
    if now < contest.vote_opens_at:
        raise FederationError(_("投票尚未开始。"), "not_open")
    if entry.status != EntryStatus.ACCEPTED:
        raise FederationError(_("该作品未入围，不能投票。"), "entry")
    if not member_may_enter(member, contest):
        raise FederationError(_("仅主办单位范围内的在册会员可以投票。"), "member")
    day = timezone.localdate(now)
    try:
        with transaction.atomic():
            vote = Vote.unscoped.create(entry=entry, contest=contest, member=member, day=day, at=now)
    except IntegrityError:
        raise FederationError(_("您已为该作品投过票。"), "duplicate") from None
    counter, _created = _vote_day(contest, member, day)
    if not VoteDay.objects.filter(pk=counter.pk, used__lt=contest.daily_votes).update(used=F("used") + 1):
        raise FederationError(_("今天的票数已用完（每天 %(n)s 票）。") % {"n": contest.daily_votes}, "daily")
    Entry.unscoped.filter(pk=entry.pk).update(votes=F("votes") + 1)
    audit_record(actor=actor, action="federation.vote.cast", target=vote, audit=audit)
    return vote


def _vote_day(contest: Contest, member: Member, day: datetime.date) -> tuple[VoteDay, bool]:
    try:
        with transaction.atomic():
            return VoteDay.objects.get_or_create(contest=contest, member=member, day=day)
    except IntegrityError:  # made by a parallel vote between our look and our insert
        return VoteDay.objects.get(contest=contest, member=member, day=day), False
