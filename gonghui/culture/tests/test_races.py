"""BK-1…BK-4 and the lottery on real PostgreSQL with real threads, each on its own connection."""

import datetime
from functools import partial

import pytest
from django.test import override_settings
from django.utils import timezone

from gonghui.culture import services
from gonghui.culture.models import Booking, BookingStatus, LotteryDraw, NoShow, Session, Standing
from gonghui.culture.selectors import place_count
from gonghui.testing import run_together as run_all

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
run_together = partial(run_all, refused=(services.BookingRefused,))


def test_bk1_parallel_bookings_fill_exactly_the_capacity(culture):
    n, capacity = 120, 17
    members = culture.members(n)
    session = culture.session(capacity=capacity)

    def book(i):
        services.booking_create(session=session, member=members[i], actor=None)
        return "ok"

    results = run_together(book, n)
    assert [r for r in results if r.startswith("error")] == []
    assert results.count("ok") == capacity
    assert results.count("refused:full") == n - capacity
    session.refresh_from_db()
    assert session.booked == capacity == place_count(session.pk)
    assert Booking.unscoped.filter(session=session, status=BookingStatus.CONFIRMED).count() == capacity


def test_bk2_one_member_many_requests_one_booking(culture):
    (member,) = culture.members(1)
    session = culture.session(capacity=50)
    results = run_together(
        lambda i: services.booking_create(session=session, member=member, actor=None) and "ok", 30
    )
    assert results.count("ok") == 1 and results.count("refused:duplicate") == 29
    session.refresh_from_db()
    assert session.booked == 1 == place_count(session.pk)


@override_settings(CULTURE_MAX_OPEN_BOOKINGS=3)
def test_bk2_quota_holds_under_concurrency(culture):
    (member,) = culture.members(1)
    sessions = [culture.session(capacity=5) for _ in range(20)]
    results = run_together(
        lambda i: services.booking_create(session=sessions[i], member=member, actor=None) and "ok", 20
    )
    assert results.count("ok") == 3 and results.count("refused:quota") == 17
    assert Booking.unscoped.filter(member=member, status=BookingStatus.CONFIRMED).count() == 3
    assert Standing.objects.get(member=member).open_bookings == 3


def test_bk3_same_idempotency_key_one_booking(culture):
    (member,) = culture.members(1)
    session = culture.session(capacity=5)
    results = run_together(
        lambda i: (
            services.booking_create(
                session=session, member=member, actor=None, idempotency_key="retry-abcdef"
            ).pk
        ),
        25,
    )
    assert len(set(results)) == 1 and isinstance(results[0], int)
    session.refresh_from_db()
    assert session.booked == 1


def test_bk4_promotion_and_expiry_twice_at_the_same_time(culture):
    session = culture.session(capacity=3)
    members = culture.members(10)
    holders = [services.booking_create(session=session, member=m, actor=None) for m in members[:3]]
    for m in members[3:]:
        services.waitlist_join(session=session, member=m, actor=None)
    # Free all three places without the on-commit promotion, then promote twice at once.
    Booking.unscoped.filter(pk__in=[h.pk for h in holders]).update(status=BookingStatus.CANCELLED)
    Session.unscoped.filter(pk=session.pk).update(booked=0)
    results = run_together(lambda i: services.waitlist_promote(session_id=session.pk), 2)
    assert sum(results) == 3
    session.refresh_from_db()
    assert session.booked == 3 == place_count(session.pk)
    later = timezone.now() + datetime.timedelta(hours=3)
    expired = run_together(lambda i: services.holds_expire(now=later), 2)
    # The three holds offered at the start lapse, each once whichever run moves it; the next
    # three in line are offered at `later` and hold until two hours past it, so neither run
    # finds them due: exactly three expire, and three new offers fill the session again.
    assert sum(expired) == 3
    session.refresh_from_db()
    assert session.booked == place_count(session.pk) == 3
    assert Booking.unscoped.filter(session=session, status=BookingStatus.OFFERED).count() == session.booked


def test_bk4_no_show_release_twice_at_the_same_time(culture):
    members = culture.members(4)
    session = culture.session(capacity=5, starts_in=datetime.timedelta(hours=3))
    for m in members:
        services.booking_create(session=session, member=m, actor=None)
    later = timezone.now() + datetime.timedelta(hours=4)
    results = run_together(lambda i: services.no_shows_release(now=later), 2)
    assert sum(results) == 4
    assert NoShow.objects.filter(booking__session=session).count() == 4
    assert all(Standing.objects.get(member=m).open_bookings == 0 for m in members)


def test_the_lottery_cannot_run_twice_even_at_the_same_time(culture):
    session = culture.session(capacity=3, mode=Session.Mode.LOTTERY)
    for m in culture.members(12):
        services.booking_create(session=session, member=m, actor=None)
    Session.unscoped.filter(pk=session.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    results = run_together(lambda i: services.lottery_draw(session=session, actor=None).pk, 8)
    assert len([r for r in results if isinstance(r, int)]) == 1
    assert results.count("refused:drawn") == 7
    assert LotteryDraw.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert session.booked == 3 == place_count(session.pk)
