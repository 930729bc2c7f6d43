"""Items put to a session and the votes on them. A representative votes once per item (a
constraint); no vote is taken outside the voting window (a conditional UPDATE that the close
serialises with); a closed item's result is sealed into the audit chain, and a bargaining
draft's referral is decided with it."""

from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.seals import audit_seal
from gonghui.audit.services import audit_record
from gonghui.members.models import MemberStatus
from gonghui.organizations.models import Referral
from gonghui.organizations.services import referral_decide

from ..errors import CongressError
from ..models import Ballot, Choice, Item, Power, Representative, Seat, Session, Vote
from ..selectors import has_quorum, quorum, seated_count, signed_in


@transaction.atomic
def item_add(
    *,
    session: Session,
    kind: str,
    title: str,
    material: str = "",
    referral: Referral | None = None,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Item:
    session = Session.unscoped.select_for_update().get(pk=session.pk)
    if session.status == Session.Status.CLOSED:
        raise CongressError(_("会议已闭幕，不能再增加议题。"), "closed")
    if kind not in Power.values:
        raise CongressError(_("议题类型无效。"), "kind")
    if referral is not None:
        if referral.node_id != session.congress.node_id:
            raise CongressError(_("该事项不是提请本职代会审议的。"), "referral")
        if referral.status != Referral.Status.PENDING:
            raise CongressError(_("该事项不在待审议状态。"), "referral")
        if Item.unscoped.filter(referral=referral).exclude(status=Item.Status.CLOSED).exists():
            raise CongressError(_("该事项已列入议程。"), "referral")
    order = Item.unscoped.filter(session=session).count() + 1
    item = Item(
        session=session, order=order, kind=kind, title=title.strip(), material=material, referral=referral
    )
    item.save()
    audit_record(actor=actor, action="congress.item.add", target=item, audit=audit)
    return item


@transaction.atomic
def item_open(*, item: Item, actor: User | None, audit: AuditContext = NO_REQUEST) -> Item:
    """Open the vote; the session must be sitting with two thirds of its representatives."""
    item = Item.unscoped.select_related("session").get(pk=item.pk)
    if item.session.status != Session.Status.OPEN:
        raise CongressError(_("会议尚未开始或已闭幕。"), "session")
    count = quorum(item.session)
    if not count.met:
        raise CongressError(
            _("签到代表 %(present)s 人，未达到全体代表三分之二（%(needed)s 人），不能表决。")
            % {"present": count.present, "needed": count.needed},
            "quorum",
        )
    if not Item.unscoped.filter(pk=item.pk, status=Item.Status.DRAFT).update(
        status=Item.Status.VOTING, opened_at=timezone.now()
    ):
        raise CongressError(_("该议题不在待表决状态。"), "status")
    item.refresh_from_db()
    audit_record(actor=actor, action="congress.item.open", target=item, audit=audit)
    return item


def _check_voter(item: Item, representative: Representative) -> None:
    if representative.congress_id != item.session.congress_id:
        raise CongressError(_("您不是本次会议的职工代表。"), "other_congress")
    if representative.status != Seat.ACTIVE:
        raise CongressError(_("该代表已不在任。"), "ended")
    member = representative.member
    if member.status != MemberStatus.ACTIVE or member.id_problem:
        raise CongressError(_("会籍状态异常。"), "member")
    if not signed_in(item.session_id, representative.pk):
        raise CongressError(_("请先签到，再参加表决。"), "not_signed_in")


@transaction.atomic
def vote_cast(
    *,
    item: Item,
    representative: Representative,
    choice: str,
    channel: str = Vote.Channel.ONLINE,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Vote:
    """One ballot. The UPDATE that counts it takes the item's row only while the vote is open:
    a close that got there first leaves nothing to update, and a close that comes after waits
    for this ballot and counts it. The unique (item, representative) refuses a second ballot."""
    item = Item.unscoped.select_related("session").get(pk=item.pk)
    representative = Representative.unscoped.select_related("member").get(pk=representative.pk)
    _check_voter(item, representative)
    if choice not in item.choices:
        raise CongressError(_("表决选项无效。"), "choice")
    now = timezone.now()
    try:
        with transaction.atomic():
            if not Item.unscoped.filter(pk=item.pk, status=Item.Status.VOTING).update(
                votes_cast=F("votes_cast") + 1
            ):
                raise CongressError(_("该议题不在表决时间内，表决已结束或尚未开始。"), "closed")
            vote = Vote.objects.create(
                item=item,
                representative=representative,
                channel=channel,
                cast_at=now,
                recorded_by=actor if channel == Vote.Channel.ROOM else None,
            )
            Ballot.objects.create(item=item, choice=choice)
    except IntegrityError:
        raise CongressError(_("您已对该议题投过票，每位代表只能投一票。"), "duplicate") from None
    audit_record(actor=actor, action="congress.vote.cast", target=item, audit=audit)
    return vote


def outcome_of(item: Item, tally: dict[str, int], seated: int, present: int) -> str:
    """Adopted by more than half of all seated representatives (an appraisal: by more than half
    of the ballots rating the manager satisfactory or fair); void without a quorum."""
    if not has_quorum(present, seated):
        return Item.Outcome.NO_QUORUM
    if item.kind == Power.APPRAISE:
        cast = sum(tally.values())
        passed = (tally.get(Choice.SATISFIED, 0) + tally.get(Choice.FAIR, 0)) * 2 > cast
    else:
        passed = tally.get(Choice.FOR, 0) * 2 > seated
    return Item.Outcome.ADOPTED if passed else Item.Outcome.REJECTED


@transaction.atomic
def item_close(*, item: Item, actor: User | None, audit: AuditContext = NO_REQUEST) -> Item:
    """Close the vote, count it, seal the result, and decide a referred draft with it."""
    now = timezone.now()
    if not Item.unscoped.filter(pk=item.pk, status=Item.Status.VOTING).update(
        status=Item.Status.CLOSED, closed_at=now, outcome=Item.Outcome.NO_QUORUM
    ):
        raise CongressError(_("该议题不在表决中。"), "status")
    item = Item.unscoped.select_related("session", "referral").get(pk=item.pk)
    counted = Counter(Ballot.objects.filter(item=item).values_list("choice", flat=True))
    tally = {choice.value: counted.get(choice.value, 0) for choice in item.choices}
    seated = seated_count(item.session.congress_id)
    present = quorum(item.session).present
    item.tally, item.seated, item.present = tally, seated, present
    item.votes_cast = sum(tally.values())
    item.outcome = outcome_of(item, tally, seated, present)
    item.save(update_fields=["tally", "seated", "present", "votes_cast", "outcome"])
    audit_seal(
        actor=actor,
        action="congress.item.seal",
        target=item,
        audit=audit,
        detail={"outcome": item.outcome, "tally": tally},
    )
    referral = item.referral
    if referral is not None and referral.status == Referral.Status.PENDING:
        referral_decide(
            referral=referral,
            adopted=item.outcome == Item.Outcome.ADOPTED,
            decided_by=f"congress.item:{item.pk}",
            on=timezone.localdate(),
            detail={"tally": tally, "seated": seated, "present": present},
            actor=actor,
            audit=audit,
        )
    return item
