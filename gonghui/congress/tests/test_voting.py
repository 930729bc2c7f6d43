"""Sessions, quorum and votes: two thirds exactly is a quorum, one ballot per representative,
no ballot outside the voting window, a representative of another unit refused everywhere,
and a closed result that was altered in the database found by verify_audit."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from gonghui.congress import services
from gonghui.congress.errors import CongressError
from gonghui.congress.models import Ballot, Choice, Item, Power, Vote
from gonghui.congress.selectors import has_quorum, quorum
from gonghui.organizations.models import Referral
from gonghui.organizations.services import referral_open

pytestmark = pytest.mark.django_db


def refused(code, fn, **kw):
    with pytest.raises(CongressError) as caught:
        fn(**kw)
    assert caught.value.code == code, str(caught.value)


def test_two_thirds_exactly_is_a_quorum_and_one_less_is_not(world):
    assert [has_quorum(p, 6) for p in (3, 4)] == [False, True]
    assert [has_quorum(p, 99) for p in (65, 66)] == [False, True]
    assert [has_quorum(p, 100) for p in (66, 67)] == [False, True]
    assert not has_quorum(0, 0)
    session = world.session()
    world.sign_in(session, world.seats[:3])  # 3 of 6
    assert (quorum(session).present, quorum(session).seated, quorum(session).needed) == (3, 6, 4)
    item = services.item_add(session=session, kind=Power.APPROVE, title="工资协议", actor=world.actor)
    refused("quorum", services.item_open, item=item, actor=world.actor)
    world.sign_in(session, world.seats[3:4])  # 4 of 6: exactly two thirds
    assert quorum(session).met
    assert services.item_open(item=item, actor=world.actor).status == Item.Status.VOTING


def test_a_representative_votes_once_and_the_count_holds(world):
    session = world.session()
    world.sign_in(session, world.seats)
    item = world.voting_item(session)
    services.vote_cast(item=item, representative=world.own, choice=Choice.FOR, actor=None)
    refused(
        "duplicate",
        services.vote_cast,
        item=item,
        representative=world.own,
        choice=Choice.AGAINST,
        actor=None,
    )
    item.refresh_from_db()
    assert (
        item.votes_cast
        == 1
        == Vote.objects.filter(item=item).count()
        == Ballot.objects.filter(item=item).count()
    )
    assert list(Ballot.objects.filter(item=item).values_list("choice", flat=True)) == [Choice.FOR]


def test_no_vote_before_sign_in_or_with_a_choice_of_another_kind(world):
    session = world.session()
    world.sign_in(session, world.seats[1:])  # five of six: the member persona is not signed in
    item = world.voting_item(session)
    refused(
        "not_signed_in",
        services.vote_cast,
        item=item,
        representative=world.own,
        choice=Choice.FOR,
        actor=None,
    )
    refused(
        "choice",
        services.vote_cast,
        item=item,
        representative=world.seats[1],
        choice=Choice.SATISFIED,
        actor=None,
    )


def test_a_vote_after_the_close_is_refused_and_changes_nothing(world):
    session = world.session()
    world.sign_in(session, world.seats)
    item = world.voting_item(session)
    for seat in world.seats[:4]:
        services.vote_cast(item=item, representative=seat, choice=Choice.FOR, actor=None)
    closed = services.item_close(item=item, actor=world.actor)
    assert closed.outcome == Item.Outcome.ADOPTED and closed.tally == {"for": 4, "against": 0, "abstain": 0}
    refused(
        "closed",
        services.vote_cast,
        item=item,
        representative=world.seats[5],
        choice=Choice.AGAINST,
        actor=None,
    )
    refused("status", services.item_close, item=item, actor=world.actor)
    item.refresh_from_db()
    assert item.votes_cast == 4 == Ballot.objects.filter(item=item).count()
    assert item.tally == {"for": 4, "against": 0, "abstain": 0}


def test_adoption_needs_more_than_half_of_all_seated_representatives(world):
    session = world.session()
    world.sign_in(session, world.seats)
    item = world.voting_item(session)
    for seat, choice in zip(world.seats, [Choice.FOR] * 3 + [Choice.AGAINST], strict=False):
        services.vote_cast(item=item, representative=seat, choice=choice, actor=None)
    assert (
        services.item_close(item=item, actor=world.actor).outcome == Item.Outcome.REJECTED
    )  # 3 of 6 is not more


def test_the_close_decides_the_referred_draft(world):
    referral = referral_open(
        source="bargaining.offer:999", node=world.d.dinghai_union, title="工资协议草案", actor=world.actor
    )
    session = world.session()
    world.sign_in(session, world.seats)
    item = world.voting_item(session, referral=referral)
    for seat in world.seats:
        services.vote_cast(item=item, representative=seat, choice=Choice.FOR, actor=None)
    services.item_close(item=item, actor=world.actor)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ADOPTED and referral.decided_by == f"congress.item:{item.pk}"
    assert referral.detail["tally"]["for"] == 6


def test_a_referral_to_another_unions_congress_is_refused(world):
    referral = referral_open(
        source="bargaining.offer:998", node=world.d.pingliang_union, title="草案", actor=None
    )
    session = world.session()
    refused(
        "referral",
        services.item_add,
        session=session,
        kind=Power.APPROVE,
        title="x",
        referral=referral,
        actor=None,
    )


def _closed_vote(world) -> Item:
    session = world.session()
    world.sign_in(session, world.seats)
    item = world.voting_item(session)
    for seat, choice in zip(world.seats, [Choice.FOR] * 4 + [Choice.AGAINST] * 2, strict=True):
        services.vote_cast(item=item, representative=seat, choice=choice, actor=None)
    return services.item_close(item=item, actor=world.actor)


def test_verify_audit_finds_a_closed_result_altered_in_the_database(world):
    item = _closed_vote(world)
    call_command("verify_audit")  # intact
    Item.unscoped.filter(pk=item.pk).update(tally={"for": 2, "against": 4, "abstain": 0}, outcome="rejected")
    with pytest.raises(CommandError, match=f"congress.item {item.pk}: altered"):
        call_command("verify_audit")


def test_verify_audit_finds_a_ballot_changed_or_removed_behind_a_closed_vote(world):
    item = _closed_vote(world)
    ballot = Ballot.objects.filter(item=item, choice=Choice.AGAINST).first()
    with connection.cursor() as cursor:  # straight in the database, past the services
        cursor.execute(f"UPDATE {Ballot._meta.db_table} SET choice = 'for' WHERE id = %s", [ballot.pk])
    with pytest.raises(CommandError, match="altered"):
        call_command("verify_audit")


def test_a_representative_of_another_unit_is_refused_at_every_door(world):
    session = world.session()
    world.sign_in(session, world.seats)
    item = world.voting_item(session, material="草案全文：标记草案内容")
    refused(
        "other_congress",
        services.sign_in,
        session=session,
        representative=world.stranger,
        channel="online",
        actor=None,
    )
    refused(
        "other_congress",
        services.vote_cast,
        item=item,
        representative=world.stranger,
        choice=Choice.FOR,
        actor=None,
    )
    client = Client()
    client.force_login(world.stranger_user)
    missing = client.get(reverse("congress:m_session", args=[10**9]))
    for url in (
        reverse("congress:m_session", args=[session.pk]),
        reverse("congress:m_sign_in", args=[session.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404 == missing.status_code
        assert "标记草案内容" not in response.content.decode()
    assert client.post(reverse("congress:m_vote", args=[item.pk]), {"choice": "for"}).status_code == 404
    assert client.post(reverse("congress:m_sign_in", args=[session.pk])).status_code == 404
    assert Vote.objects.filter(item=item).count() == 0


def test_the_door_qr_signs_in_only_at_its_own_session(world):
    session, other = world.session(), world.session(world.other)
    token = services.door_token(other)
    refused(
        "token",
        services.sign_in,
        session=session,
        representative=world.own,
        channel="door",
        token=token,
        actor=None,
    )
    refused(
        "token",
        services.sign_in,
        session=session,
        representative=world.own,
        channel="door",
        token="forged",
        actor=None,
    )
    services.sign_in(
        session=session,
        representative=world.own,
        channel="door",
        token=services.door_token(session),
        actor=None,
    )
    refused(
        "duplicate", services.sign_in, session=session, representative=world.own, channel="online", actor=None
    )
