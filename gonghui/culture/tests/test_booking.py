"""Booking rules on one connection: quotas, eligibility, cancellation, the waiting list with
its claim window, check-in by QR pass, no-shows and the restriction they bring, notices."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gonghui.culture import services
from gonghui.culture.models import Booking, BookingStatus, NoShow, Notice, Session, Standing
from gonghui.culture.selectors import place_count
from gonghui.culture.services.checkin import NO_SHOW_GRACE
from gonghui.culture.services.notices import reminders_enqueue
from gonghui.members.passes import pass_issue

pytestmark = pytest.mark.django_db


def book(culture, session, member, **kw):
    return culture.run(services.booking_create, session=session, member=member, actor=culture.actor, **kw)


def test_first_come_books_until_full_and_the_counter_matches(culture):
    session = culture.session(capacity=2)
    a, b, c = culture.members(3)
    assert book(culture, session, a).status == BookingStatus.CONFIRMED
    book(culture, session, b)
    with pytest.raises(services.BookingRefused) as refused:
        book(culture, session, c)
    assert refused.value.code == "full"
    session.refresh_from_db()
    assert session.booked == 2 == place_count(session.pk)
    assert Notice.objects.filter(kind="confirmed").count() == 2


def test_a_full_session_refuses_on_one_read_and_writes_nothing(culture):
    session = culture.session(capacity=1)
    a, b = culture.members(2)
    book(culture, session, a)
    with CaptureQueriesContext(connection) as queries, pytest.raises(services.BookingRefused) as refused:
        book(culture, session, b, idempotency_key="k-full-000001")
    assert refused.value.code == "full"
    assert [q["sql"].split()[0].upper() for q in queries] == ["SELECT"]


def test_a_place_freed_since_the_session_was_read_can_be_booked(culture):
    session = culture.session(capacity=1)
    a, b = culture.members(2)
    first = book(culture, session, a)
    stale = Session.unscoped.get(pk=session.pk)  # read while full
    assert stale.booked == stale.capacity
    culture.run(services.booking_cancel, booking=first, actor=culture.actor)
    assert book(culture, stale, b).status == BookingStatus.CONFIRMED


def test_one_active_booking_per_member_and_session(culture):
    session = culture.session()
    (a,) = culture.members(1)
    book(culture, session, a)
    with pytest.raises(services.BookingRefused) as refused:
        book(culture, session, a)
    assert refused.value.code == "duplicate"
    assert Booking.unscoped.filter(session=session, member=a).count() == 1


def test_the_same_idempotency_key_gives_the_same_booking(culture):
    session = culture.session()
    (a,) = culture.members(1)
    first = book(culture, session, a, idempotency_key="k-123456789")
    again = book(culture, session, a, idempotency_key="k-123456789")
    assert first.pk == again.pk
    session.refresh_from_db()
    assert session.booked == 1


@override_settings(CULTURE_MAX_OPEN_BOOKINGS=2)
def test_quota_of_open_bookings_and_its_release(culture):
    (a,) = culture.members(1)
    s1, s2, s3 = culture.session(), culture.session(), culture.session()
    first = book(culture, s1, a)
    book(culture, s2, a)
    with pytest.raises(services.BookingRefused) as refused:
        book(culture, s3, a)
    assert refused.value.code == "quota"
    culture.run(services.booking_cancel, booking=first, actor=culture.actor)
    assert book(culture, s3, a).status == BookingStatus.CONFIRMED
    assert Standing.objects.get(member=a).open_bookings == 2


def test_per_programme_limit(culture):
    culture.programme.per_member_limit = 1
    culture.programme.save()
    (a,) = culture.members(1)
    book(culture, culture.session(), a)
    with pytest.raises(services.BookingRefused):
        book(culture, culture.session(), a)


def test_eligibility_street_only_and_members_only(culture, district):
    session = culture.session(eligibility=Session.Eligibility.STREET, street=district.pingliang)
    with pytest.raises(services.BookingRefused) as refused:
        book(culture, session, district.members["own"])  # a 定海 member
    assert refused.value.code == "eligibility"
    assert book(culture, session, district.members["sibling"]).status == BookingStatus.CONFIRMED
    with pytest.raises(services.BookingRefused):
        book(culture, culture.session(), district.members["left"])
    with pytest.raises(services.BookingRefused):
        book(culture, culture.session(), district.members["flagged"])


def test_booking_window(culture):
    now = timezone.now()
    early = culture.session(opens_at=now + datetime.timedelta(hours=1))
    late = culture.session(
        opens_at=now - datetime.timedelta(days=2), closes_at=now - datetime.timedelta(days=1)
    )
    (a,) = culture.members(1)
    for session in (early, late):
        with pytest.raises(services.BookingRefused) as refused:
            book(culture, session, a)
        assert refused.value.code == "window"


def test_cancellation_until_the_deadline(culture):
    now = timezone.now()
    session = culture.session(cancel_by=now - datetime.timedelta(minutes=1))
    (a,) = culture.members(1)
    booking = book(culture, session, a)
    with pytest.raises(services.BookingRefused) as refused:
        culture.run(services.booking_cancel, booking=booking, actor=culture.actor)
    assert refused.value.code == "deadline"


def test_waiting_list_promotes_and_the_claim_confirms(culture):
    session = culture.session(capacity=1)
    a, b, c = culture.members(3)
    first = book(culture, session, a)
    with pytest.raises(services.BookingRefused):
        culture.run(
            services.waitlist_join, session=culture.session(capacity=5), member=b, actor=culture.actor
        )  # not full
    waiting_b = culture.run(services.waitlist_join, session=session, member=b, actor=culture.actor)
    waiting_c = culture.run(services.waitlist_join, session=session, member=c, actor=culture.actor)
    culture.run(
        services.booking_cancel, booking=first, actor=culture.actor
    )  # the promotion task runs on commit
    waiting_b.refresh_from_db()
    waiting_c.refresh_from_db()
    assert waiting_b.status == BookingStatus.OFFERED and waiting_b.hold_until is not None
    assert waiting_c.status == BookingStatus.WAITING
    assert Notice.objects.filter(booking=waiting_b, kind="promoted").exists()
    claimed = culture.run(services.booking_claim, booking=waiting_b, actor=culture.actor)
    assert claimed.status == BookingStatus.CONFIRMED
    session.refresh_from_db()
    assert session.booked == 1 == place_count(session.pk)


def test_an_unclaimed_hold_expires_and_passes_to_the_next(culture):
    session = culture.session(capacity=1)
    a, b, c = culture.members(3)
    first = book(culture, session, a)
    wb = culture.run(services.waitlist_join, session=session, member=b, actor=culture.actor)
    wc = culture.run(services.waitlist_join, session=session, member=c, actor=culture.actor)
    culture.run(services.booking_cancel, booking=first, actor=culture.actor)
    wb.refresh_from_db()
    later = wb.hold_until + datetime.timedelta(seconds=1)
    assert culture.run(services.holds_expire, now=later) == 1
    assert culture.run(services.holds_expire, now=later) == 0  # twice: no second effect
    wb.refresh_from_db()
    wc.refresh_from_db()
    assert wb.status == BookingStatus.EXPIRED and wc.status == BookingStatus.OFFERED
    with pytest.raises(services.BookingRefused):
        culture.run(services.booking_claim, booking=wb, actor=culture.actor)
    session.refresh_from_db()
    assert session.booked == 1 == place_count(session.pk)


def test_check_in_with_the_member_pass(culture):
    session = culture.session(
        starts_in=datetime.timedelta(minutes=30), closes_at=timezone.now() + datetime.timedelta(minutes=20)
    )
    a, b = culture.members(2)
    booking = book(culture, session, a)
    issued = pass_issue(member=a)
    done = culture.run(services.booking_check_in, session=session, scanned=issued.token, actor=culture.staff)
    assert done.status == BookingStatus.CHECKED_IN and done.pk == booking.pk
    with pytest.raises(services.BookingRefused) as replay:
        culture.run(services.booking_check_in, session=session, scanned=issued.token, actor=culture.staff)
    assert replay.value.code == "pass"
    # A member without a booking is refused, and the pass stays usable elsewhere.
    other = pass_issue(member=b)
    with pytest.raises(services.BookingRefused) as refused:
        culture.run(services.booking_check_in, session=session, scanned=other.token, actor=culture.staff)
    assert refused.value.code == "no_booking"
    from gonghui.members.models import MemberPass

    assert MemberPass.objects.get(code=other.code).used_at is None
    assert Standing.objects.get(member=a).open_bookings == 0


def test_no_shows_are_recorded_and_repeats_restrict(culture):
    (a,) = culture.members(1)
    for _ in range(3):
        session = culture.session(starts_in=datetime.timedelta(hours=3))
        book(culture, session, a)
    later = timezone.now() + datetime.timedelta(hours=3) + NO_SHOW_GRACE + datetime.timedelta(minutes=1)
    assert culture.run(services.no_shows_release, now=later) == 3
    assert culture.run(services.no_shows_release, now=later) == 0
    assert NoShow.objects.filter(member=a).count() == 3
    assert Booking.unscoped.filter(member=a, status=BookingStatus.NO_SHOW).count() == 3
    standing = Standing.objects.get(member=a)
    assert standing.open_bookings == 0 and standing.restricted_until > timezone.now()
    with pytest.raises(services.BookingRefused) as refused:
        book(culture, culture.session(), a)
    assert refused.value.code == "restricted"


def test_session_change_and_reminder_notices(culture):
    session = culture.session(starts_in=datetime.timedelta(days=1, hours=1))
    (a,) = culture.members(1)
    booking = book(culture, session, a)
    culture.run(
        services.session_change,
        session=session,
        actor=culture.actor,
        ends_at=session.ends_at + datetime.timedelta(hours=1),
    )
    assert Notice.objects.filter(booking=booking, kind="changed").count() == 1
    tomorrow_eve = session.starts_at - datetime.timedelta(days=1)
    assert culture.run(reminders_enqueue, now=tomorrow_eve) >= 1
    culture.run(reminders_enqueue, now=tomorrow_eve)  # twice: one reminder
    assert Notice.objects.filter(booking=booking, kind="reminder").count() == 1


def test_cancelling_a_session_frees_places_and_quotas(culture):
    session = culture.session(capacity=3)
    members = culture.members(2)
    for m in members:
        book(culture, session, m)
    culture.run(services.session_cancel, session=session, actor=culture.actor)
    session.refresh_from_db()
    assert session.booked == 0 == place_count(session.pk)
    assert all(Standing.objects.get(member=m).open_bookings == 0 for m in members)
