"""The competitive election of representatives (published, counted, sealed and immutable), and
a proposal's way from submission to the proposer's rating, on the workers' board."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.congress import services
from gonghui.congress.errors import CongressError
from gonghui.congress.models import Candidate, Election, Proposal, Representative, Seat
from gonghui.congress.selectors import board_counts
from gonghui.testing import add_member

pytestmark = pytest.mark.django_db


def refused(code, fn, **kw):
    with pytest.raises(CongressError) as caught:
        fn(**kw)
    assert caught.value.code == code, str(caught.value)


def election_with_candidates(world, seats=2, names=("甲", "乙", "丙")):
    d = world.d
    election = services.election_create(
        congress=world.congress, title="第二届职工代表选举", actor=world.actor
    )
    area = services.constituency_add(
        election=election, name="全厂", seats=seats, units=[d.units["dinghai_a"]], actor=None
    )
    people = [add_member(d.dinghai_union, d.units["dinghai_a"], f"候选人{n}") for n in names]
    candidates = [
        services.candidate_nominate(constituency=area, member=m, nominated_by="职工十人联名", actor=None)
        for m in people
    ]
    return election, area, candidates


def test_the_election_is_competitive_secret_once_per_worker_and_sealed(world):
    d = world.d
    election, area, (a, b, c) = election_with_candidates(world, seats=3)
    refused("competitive", services.election_publish, election=election, actor=None)  # 3 for 3 seats
    services.candidate_nominate(
        constituency=area, member=d.members["colleague"], nominated_by="联名", actor=None
    )
    services.election_publish(election=election, actor=None)
    refused(
        "status",
        services.candidate_nominate,
        constituency=area,
        member=world.seats[2].member,
        nominated_by="x",
        actor=None,
    )
    services.election_open(election=election, actor=None)
    voters = [s.member for s in world.seats]
    picks = [[a.pk, b.pk], [a.pk, b.pk], [a.pk, c.pk], [a.pk], [b.pk], [a.pk, b.pk, c.pk]]
    for voter, choice in zip(voters, picks, strict=True):
        services.election_vote(election=election, voter=voter, choices=choice, actor=None)
    refused(
        "duplicate", services.election_vote, election=election, voter=voters[0], choices=[c.pk], actor=None
    )
    refused(
        "too_many",
        services.election_vote,
        election=election,
        voter=d.members["colleague"],
        choices=[a.pk, b.pk, c.pk, Candidate.objects.last().pk],
        actor=None,
    )
    refused(
        "unit",
        services.election_vote,
        election=election,
        voter=d.members["subtree"],
        choices=[a.pk],
        actor=None,
    )
    services.election_announce(election=election, actor=None)
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert (a.votes, b.votes, c.votes) == (5, 4, 2)
    assert (a.elected, b.elected, c.elected) == (True, True, False)  # c has 2 of 6: not more than half
    congress = election.congress
    congress.refresh_from_db()
    assert congress.term_no == 2
    sitting = Representative.unscoped.filter(congress=congress, status=Seat.ACTIVE)
    assert sorted(sitting.values_list("member_id", flat=True)) == sorted([a.member_id, b.member_id])
    assert Representative.unscoped.filter(pk=world.own.pk, status=Seat.ENDED).exists()  # the old term ended
    refused(
        "closed",
        services.election_vote,
        election=election,
        voter=d.members["colleague"],
        choices=[a.pk],
        actor=None,
    )
    call_command("verify_audit")
    Candidate.objects.filter(pk=c.pk).update(votes=5, elected=True)
    with pytest.raises(CommandError, match=f"congress.election {election.pk}: altered"):
        call_command("verify_audit")


def test_a_tie_at_the_last_seat_leaves_it_open(world):
    election, _area, (a, b, c) = election_with_candidates(world, seats=1)
    services.election_publish(election=election, actor=None)
    services.election_open(election=election, actor=None)
    for voter, pick in zip([s.member for s in world.seats[:4]], [a, b, a, b], strict=True):
        services.election_vote(election=election, voter=voter, choices=[pick.pk], actor=None)
    services.election_announce(election=election, actor=None)
    assert not Candidate.objects.filter(pk__in=[a.pk, b.pk, c.pk], elected=True).exists()
    assert Election.unscoped.get(pk=election.pk).status == Election.Status.ANNOUNCED


def test_a_proposal_from_submission_to_rating_on_the_board(world):
    own, second, third = world.seats[0], world.seats[1], world.seats[2]
    proposal = services.proposal_submit(
        congress=world.congress,
        proposer=own,
        title="增设职工休息室",
        body="一线班组缺少休息场所。",
        actor=None,
    )
    assert proposal.number.endswith("-001") and proposal.board == Proposal.Board.PENDING
    refused("own", services.proposal_second, proposal=proposal, representative=own, actor=None)
    refused("seconds", services.proposal_decide, proposal=proposal, decision="accepted", actor=None)
    services.proposal_second(proposal=proposal, representative=second, actor=None)
    refused("duplicate", services.proposal_second, proposal=proposal, representative=second, actor=None)
    refused(
        "other_congress",
        services.proposal_second,
        proposal=proposal,
        representative=world.stranger,
        actor=None,
    )
    services.proposal_second(proposal=proposal, representative=third, actor=None)
    services.proposal_decide(proposal=proposal, decision="accepted", actor=world.actor)
    services.proposal_assign(
        proposal=proposal,
        department="行政部",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
        actor=None,
    )
    assert Proposal.unscoped.get(pk=proposal.pk).board == Proposal.Board.IN_HAND
    refused(
        "not_proposer", services.proposal_rate, proposal=proposal, representative=second, rating=3, actor=None
    )
    services.proposal_answer(proposal=proposal, answer="已在三楼设休息室。", actor=None)
    refused(
        "not_proposer", services.proposal_rate, proposal=proposal, representative=second, rating=3, actor=None
    )
    services.proposal_rate(proposal=proposal, representative=own, rating=3, actor=None)
    proposal.refresh_from_db()
    assert proposal.board == Proposal.Board.FED_BACK and proposal.seconds == 2
    assert board_counts(Proposal.unscoped.filter(congress=world.congress))["fed_back"] == 1
    # the unit's workers see the board; a worker of another unit finds nothing
    client = Client()
    client.force_login(world.d.users["member"])
    page = client.get(reverse("congress:m_board", args=[world.congress.pk])).content.decode()
    assert "增设职工休息室" in page and "已反馈" in page
    client.force_login(world.stranger_user)
    assert client.get(reverse("congress:m_board", args=[world.congress.pk])).status_code == 404
    assert client.get(reverse("congress:m_proposal", args=[proposal.pk])).status_code == 404
