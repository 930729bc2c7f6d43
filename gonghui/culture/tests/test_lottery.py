"""The lottery: a seeded draw that anyone can replay from its record, that runs once,
and that puts those who lost recent draws first."""

import datetime

import pytest
from django.utils import timezone

from gonghui.culture import services
from gonghui.culture.models import Booking, BookingStatus, LotteryDraw, Session
from gonghui.culture.selectors import place_count
from gonghui.culture.services.lottery import rank

pytestmark = pytest.mark.django_db


def lottery_session(culture, capacity=3):
    now = timezone.now()
    session = culture.session(capacity=capacity, mode=Session.Mode.LOTTERY)
    return session, now


def close(session):
    Session.unscoped.filter(pk=session.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=2),
        closes_at=timezone.now() - datetime.timedelta(seconds=1),
    )


def enter_all(culture, session, members):
    return [
        culture.run(services.booking_create, session=session, member=m, actor=culture.actor) for m in members
    ]


def test_entries_take_no_place_until_the_draw(culture):
    session, _ = lottery_session(culture)
    entries = enter_all(culture, session, culture.members(8))
    assert {e.status for e in entries} == {BookingStatus.ENTERED}
    session.refresh_from_db()
    assert session.booked == 0
    with pytest.raises(services.BookingRefused) as early:
        culture.run(services.lottery_draw, session=session, actor=culture.actor)
    assert early.value.code == "window"


def test_the_draw_is_reproducible_from_its_seed_and_runs_once(culture):
    session, _ = lottery_session(culture, capacity=3)
    enter_all(culture, session, culture.members(10))
    close(session)
    draw = culture.run(services.lottery_draw, session=session, actor=culture.actor, seed=424242)
    assert len(draw.winners) == 3 and len(draw.ranking) == 10
    assert services.lottery_replay(draw) == draw.ranking
    assert rank(424242, draw.entries) == draw.ranking
    assert rank(424243, draw.entries) != draw.ranking  # the seed matters
    winners = set(
        Booking.unscoped.filter(session=session, status=BookingStatus.CONFIRMED).values_list("pk", flat=True)
    )
    assert winners == set(draw.winners)
    losers = Booking.unscoped.filter(session=session, status=BookingStatus.WAITING, lost_draw=True)
    assert losers.count() == 7
    with pytest.raises(services.BookingRefused) as again:
        culture.run(services.lottery_draw, session=session, actor=culture.actor)
    assert again.value.code == "drawn"
    assert LotteryDraw.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert session.booked == 3 == place_count(session.pk)


def test_an_altered_record_does_not_replay(culture):
    session, _ = lottery_session(culture, capacity=1)
    enter_all(culture, session, culture.members(3))
    close(session)
    draw = culture.run(services.lottery_draw, session=session, actor=culture.actor, seed=7)
    draw.seed = 8
    with pytest.raises(ValueError):
        services.lottery_replay(draw)


def test_losers_of_recent_draws_go_first(culture):
    members = culture.members(6)
    first, _ = lottery_session(culture, capacity=2)
    enter_all(culture, first, members)
    close(first)
    draw1 = culture.run(services.lottery_draw, session=first, actor=culture.actor, seed=1)
    lost_members = set(
        Booking.unscoped.filter(pk__in=set(draw1.ranking) - set(draw1.winners)).values_list(
            "member_id", flat=True
        )
    )
    second, _ = lottery_session(culture, capacity=4)
    enter_all(culture, second, members)
    close(second)
    draw2 = culture.run(services.lottery_draw, session=second, actor=culture.actor, seed=1)
    won_members = set(Booking.unscoped.filter(pk__in=draw2.winners).values_list("member_id", flat=True))
    assert won_members == lost_members  # all four earlier losers win this time
    assert all(priority == 1 for pk, priority in draw2.entries if pk in draw2.winners)


def test_losers_wait_in_draw_order_and_are_promoted(culture):
    session, _ = lottery_session(culture, capacity=1)
    entries = enter_all(culture, session, culture.members(3))
    close(session)
    draw = culture.run(services.lottery_draw, session=session, actor=culture.actor, seed=99)
    winner = Booking.unscoped.get(pk=draw.winners[0])
    Session.unscoped.filter(pk=session.pk).update(cancel_by=timezone.now() + datetime.timedelta(hours=1))
    culture.run(services.booking_cancel, booking=winner, actor=culture.actor)
    offered = Booking.unscoped.get(session=session, status=BookingStatus.OFFERED)
    assert offered.pk == draw.ranking[1]
    assert len(entries) == 3
