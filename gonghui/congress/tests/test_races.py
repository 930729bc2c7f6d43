"""One ballot per voter and no ballot after the close, with real threads on real PostgreSQL,
each on its own connection."""

from functools import partial

import pytest

from gonghui.congress import services
from gonghui.congress.errors import CongressError
from gonghui.congress.models import Ballot, Choice, ElectionBallot, ElectionVote, Item, Vote
from gonghui.testing import add_member
from gonghui.testing import run_together as run_all

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
run_together = partial(run_all, refused=(CongressError,))


def _voting(world):
    session = world.session()
    world.sign_in(session, world.seats)
    return world.voting_item(session)


def test_one_representative_100_parallel_ballots_one_counted(world):
    item = _voting(world)
    results = run_together(
        lambda i: (
            services.vote_cast(item=item, representative=world.own, choice=Choice.FOR, actor=None) and "ok"
        ),
        100,
    )
    assert results.count("ok") == 1 and results.count("refused:duplicate") == 99, set(results)
    item.refresh_from_db()
    assert (
        item.votes_cast
        == 1
        == Vote.objects.filter(item=item).count()
        == Ballot.objects.filter(item=item).count()
    )


def test_many_representatives_each_twice_in_parallel(world):
    extra = [
        world.seat(add_member(world.d.dinghai_union, world.d.units["dinghai_a"], f"代表乙{i}"))
        for i in range(20)
    ]
    seats = world.seats + extra  # 26 seated
    session = world.session()
    world.sign_in(session, seats)
    item = world.voting_item(session)
    n = len(seats) * 2
    results = run_together(
        lambda i: (
            services.vote_cast(item=item, representative=seats[i % len(seats)], choice=Choice.FOR, actor=None)
            and "ok"
        ),
        n,
    )
    assert results.count("ok") == len(seats) and results.count("refused:duplicate") == len(seats)
    item.refresh_from_db()
    assert item.votes_cast == len(seats) == Ballot.objects.filter(item=item).count()


def test_ballots_racing_the_close_are_counted_or_refused_never_lost(world):
    extra = [
        world.seat(add_member(world.d.dinghai_union, world.d.units["dinghai_a"], f"代表丙{i}"))
        for i in range(24)
    ]
    seats = world.seats + extra
    session = world.session()
    world.sign_in(session, seats)
    item = world.voting_item(session)

    def act(i):
        if i == 15:
            services.item_close(item=item, actor=world.actor)
            return "closed"
        services.vote_cast(item=item, representative=seats[i], choice=Choice.FOR, actor=None)
        return "ok"

    results = run_together(act, len(seats))
    item.refresh_from_db()
    accepted = results.count("ok")
    assert results.count("closed") == 1 and accepted + results.count("refused:closed") == len(seats) - 1
    assert item.status == Item.Status.CLOSED
    # every ballot accepted is in the sealed count, and no ballot came in after it
    assert item.tally["for"] == accepted == item.votes_cast == Ballot.objects.filter(item=item).count()


def test_one_worker_parallel_election_ballots_one_counted(world):
    d = world.d
    election = services.election_create(
        congress=world.congress, title="第二届职工代表选举", actor=world.actor
    )
    area = services.constituency_add(
        election=election, name="全厂", seats=1, units=[d.units["dinghai_a"]], actor=None
    )
    for member in (d.members["colleague"], world.seats[1].member):
        services.candidate_nominate(constituency=area, member=member, nominated_by="联名", actor=None)
    services.election_publish(election=election, actor=None)
    services.election_open(election=election, actor=None)
    pick = area.candidates.first().pk
    results = run_together(
        lambda i: (
            services.election_vote(election=election, voter=d.members["own"], choices=[pick], actor=None)
            and "ok"
        ),
        60,
    )
    assert results.count("ok") == 1 and results.count("refused:duplicate") == 59
    assert ElectionVote.objects.filter(election=election).count() == 1 == ElectionBallot.objects.count()
