"""Competitive election of representatives: nominate, publish the candidates, vote (one secret
ballot per worker, by constraint), count and announce. The announced result is sealed into the
audit chain and seats the new term's representatives; nothing changes it afterwards."""

from collections import Counter
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.seals import audit_seal
from gonghui.audit.services import audit_record
from gonghui.members.models import Gender, Member
from gonghui.organizations.models import Unit

from ..errors import CongressError
from ..models import (
    Candidate,
    Congress,
    CongressUnit,
    Constituency,
    Election,
    ElectionBallot,
    ElectionVote,
    Representative,
    Seat,
)
from ..selectors import constituency_of
from .congresses import check_voter, new_term


@transaction.atomic
def election_create(
    *, congress: Congress, title: str, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Election:
    """An election for the next term (for the first, when nobody sits yet, the current one)."""
    sitting = Representative.unscoped.filter(congress=congress, status=Seat.ACTIVE).exists()
    term = congress.term_no + 1 if sitting else congress.term_no
    try:
        with transaction.atomic():
            election = Election(congress=congress, term_no=term, title=title.strip())
            election.save()
    except IntegrityError:
        raise CongressError(_("本届代表选举已存在。"), "duplicate") from None
    audit_record(actor=actor, action="congress.election.create", target=election, audit=audit)
    return election


def _nominating(election: Election) -> Election:
    election = Election.unscoped.select_for_update().get(pk=election.pk)
    if election.status != Election.Status.NOMINATING:
        raise CongressError(_("候选人已公示，不能再更改。"), "status")
    return election


@transaction.atomic
def constituency_add(
    *,
    election: Election,
    name: str,
    seats: int,
    units: Sequence[Unit],
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Constituency:
    election = _nominating(election)
    covered = set(
        CongressUnit.unscoped.filter(congress_id=election.congress_id).values_list("unit_id", flat=True)
    )
    if not units or any(u.pk not in covered for u in units):
        raise CongressError(_("选区只能包含本职代会覆盖的单位。"), "units")
    if seats < 1:
        raise CongressError(_("应选名额至少 1 名。"), "seats")
    try:
        with transaction.atomic():
            constituency = Constituency.objects.create(election=election, name=name.strip(), seats=seats)
    except IntegrityError:
        raise CongressError(_("选区名称重复。"), "duplicate") from None
    constituency.units.set(units)
    audit_record(actor=actor, action="congress.constituency.add", target=constituency, audit=audit)
    return constituency


@transaction.atomic
def candidate_nominate(
    *,
    constituency: Constituency,
    member: Member,
    nominated_by: str,
    statement: str = "",
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Candidate:
    election = _nominating(constituency.election)
    check_voter(member, election.congress)
    if member.unit_id is None or not constituency.units.filter(pk=member.unit_id).exists():
        raise CongressError(_("候选人须是本选区的职工。"), "constituency")
    try:
        with transaction.atomic():
            candidate = Candidate.objects.create(
                constituency=constituency,
                member=member,
                nominated_by=nominated_by.strip(),
                statement=statement,
            )
    except IntegrityError:
        raise CongressError(_("该会员已被提名。"), "duplicate") from None
    audit_record(actor=actor, action="congress.candidate.nominate", target=candidate, audit=audit)
    return candidate


@transaction.atomic
def election_publish(*, election: Election, actor: User | None, audit: AuditContext = NO_REQUEST) -> Election:
    """Publish the candidates: every constituency has more candidates than seats (差额选举)."""
    election = _nominating(election)
    constituencies = Constituency.objects.filter(election=election).annotate(n=Count("candidates"))
    if not constituencies:
        raise CongressError(_("请先设置选区。"), "constituencies")
    short = [c.name for c in constituencies if c.n <= c.seats]
    if short:
        raise CongressError(
            _("差额选举：以下选区候选人须多于应选名额：%(names)s") % {"names": "、".join(short)},
            "competitive",
        )
    Candidate.objects.filter(constituency__election=election).update(status=Candidate.Status.PUBLISHED)
    election.status, election.published_at = Election.Status.PUBLISHED, timezone.now()
    election.save()
    audit_record(actor=actor, action="congress.election.publish", target=election, audit=audit)
    return election


@transaction.atomic
def election_open(*, election: Election, actor: User | None, audit: AuditContext = NO_REQUEST) -> Election:
    if not Election.unscoped.filter(pk=election.pk, status=Election.Status.PUBLISHED).update(
        status=Election.Status.VOTING, opened_at=timezone.now()
    ):
        raise CongressError(_("候选人公示后才能开始投票。"), "status")
    election.refresh_from_db()
    audit_record(actor=actor, action="congress.election.open", target=election, audit=audit)
    return election


@transaction.atomic
def election_vote(
    *,
    election: Election,
    voter: Member,
    choices: Sequence[int],
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> ElectionVote:
    """One ballot per worker: up to the constituency's seats, among its published candidates."""
    election = Election.unscoped.select_related("congress").get(pk=election.pk)
    check_voter(voter, election.congress)
    constituency = constituency_of(election, voter)
    if constituency is None:
        raise CongressError(_("您不在本次选举的选区内。"), "constituency")
    allowed = set(
        Candidate.objects.filter(constituency=constituency, status=Candidate.Status.PUBLISHED).values_list(
            "pk", flat=True
        )
    )
    picked = sorted(set(choices))
    if len(picked) != len(choices) or not set(picked) <= allowed:
        raise CongressError(_("选票无效：只能选择本选区的候选人，每人一次。"), "choice")
    if len(picked) > constituency.seats:
        raise CongressError(_("选票无效：所选人数超过应选名额。"), "too_many")
    try:
        with transaction.atomic():
            if not Election.unscoped.filter(pk=election.pk, status=Election.Status.VOTING).update(
                voters_cast=F("voters_cast") + 1
            ):
                raise CongressError(_("不在投票时间内。"), "closed")
            vote = ElectionVote.objects.create(election=election, voter=voter, cast_at=timezone.now())
            ElectionBallot.objects.create(election=election, constituency=constituency, choices=picked)
    except IntegrityError:
        raise CongressError(_("您已投过票，每人只能投一票。"), "duplicate") from None
    audit_record(actor=actor, action="congress.election.vote", target=election, audit=audit)
    return vote


@transaction.atomic
def election_announce(
    *, election: Election, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Election:
    """Count and announce: in each constituency the candidates with the most votes are elected,
    up to its seats, each with more than half of the constituency's ballots; a tie at the last
    seat leaves it open (a further round). The new term's representatives take their seats."""
    now = timezone.now()
    if not Election.unscoped.filter(pk=election.pk, status=Election.Status.VOTING).update(
        status=Election.Status.ANNOUNCED, announced_at=now
    ):
        raise CongressError(_("投票尚未开始或结果已公布。"), "status")
    election = Election.unscoped.select_related("congress").get(pk=election.pk)
    congress = Congress.unscoped.select_for_update().get(pk=election.congress_id)
    elected: list[Candidate] = []
    for constituency in Constituency.objects.filter(election=election):
        ballots = list(
            ElectionBallot.objects.filter(constituency=constituency).values_list("choices", flat=True)
        )
        counted = Counter(pk for choice in ballots for pk in choice)
        candidates = list(
            Candidate.objects.filter(constituency=constituency, status=Candidate.Status.PUBLISHED)
        )
        for candidate in candidates:
            candidate.votes = counted.get(candidate.pk, 0)
        ranked = sorted(candidates, key=lambda c: -c.votes)
        # the best score left out: a candidate level with it is not elected outright
        cutoff = ranked[constituency.seats].votes if len(ranked) > constituency.seats else -1
        for candidate in ranked[: constituency.seats]:
            candidate.elected = candidate.votes * 2 > len(ballots) and candidate.votes != cutoff
        Candidate.objects.bulk_update(candidates, ["votes", "elected"])
        elected += [c for c in candidates if c.elected]
    if election.term_no > congress.term_no:
        new_term(congress=congress, started_on=timezone.localdate())
    Representative.objects.bulk_create(
        [
            Representative(
                congress=congress,
                member=c.member,
                term_no=congress.term_no,
                constituency=c.constituency.name,
                woman=c.member.gender == Gender.FEMALE,
                elected_on=timezone.localdate(),
                path=congress.path,
            )
            for c in Candidate.objects.filter(pk__in=[c.pk for c in elected]).select_related(
                "member", "constituency"
            )
        ]
    )
    audit_seal(actor=actor, action="congress.election.seal", target=election, audit=audit)
    return election
