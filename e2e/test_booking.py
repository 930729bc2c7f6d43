"""Issue 5: a member books the last place of a session, a second member joins the waiting
list, the first cancels from 我的预约, the second is promoted and claims the place within the
claim window. Two members on two phones (two browser contexts), the culture pages under /culture/m/."""

import datetime
from decimal import Decimal

import pytest
from django.utils import dateformat, timezone, translation

from gonghui.accounts.models import User
from gonghui.culture import services
from gonghui.culture.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    Notice,
    Programme,
    Session,
    Standing,
    Venue,
)
from gonghui.culture.notify import MemoryNotifier
from gonghui.culture.selectors import place_count
from gonghui.culture.services.waitlist import claim_window
from gonghui.testing import build_district

from .logins import member_login

PHONE = {"viewport": {"width": 390, "height": 800}, "locale": "zh-CN", "is_mobile": True, "has_touch": True}
TITLE = "标记E2E职工合唱排练"


def build_session(d) -> Session:
    """A first-come session with one place, in a venue of the members' street (as
    gonghui/culture/tests/conftest.py builds them)."""
    actor = d.users["district"]
    venue = services.venue_create(
        actor=actor,
        node=d.dinghai,
        name="定海标记活动基地",
        kind=Venue.Kind.BASE,
        circle="east",
        address="定海路100号",
        capacity=200,
    )
    programme = services.programme_create(
        actor=actor,
        node=d.root,
        title=TITLE,
        category=Programme.Category.ACTIVITY,
        circle="east",
        cost=Decimal("800.00"),
    )
    now = timezone.now()
    starts = now + datetime.timedelta(days=3)
    return services.session_create(
        actor=actor,
        programme=programme,
        venue=venue,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=1,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=starts - datetime.timedelta(hours=1),
        cancel_by=starts - datetime.timedelta(hours=2),
    )


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def label(status) -> str:
    with translation.override("zh-hans"):
        return str(BookingStatus(status).label)


def booking_of(member, session) -> Booking:
    return Booking.unscoped.filter(session=session, member=member).order_by("-id").first()


def open_bookings(member) -> int:
    return Standing.objects.get(member=member).open_bookings


def assert_counter_holds(session, expected):
    session.refresh_from_db()
    active = Booking.unscoped.filter(session=session, status__in=[s.value for s in ACTIVE_STATUSES]).count()
    assert session.booked == place_count(session.pk) == active == expected


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_last_place_waiting_list_cancel_promote_claim(
    live_server, browser, flushable_append_only_tables, settings, tmp_path
):
    settings.CULTURE_NOTIFIER = "gonghui.culture.notify.MemoryNotifier"
    MemoryNotifier.outbox.clear()
    d = build_district()
    first, second = d.members["own"], d.members["colleague"]
    session = build_session(d)
    base = live_server.url
    session_url = f"{base}/culture/m/sessions/{session.pk}/"

    ctx_a, ctx_b = browser.new_context(**PHONE), browser.new_context(**PHONE)
    try:
        a, b = ctx_a.new_page(), ctx_b.new_page()
        for page in (a, b):
            page.set_default_timeout(10_000)
        member_login(a, base, first.phone)
        member_login(b, base, second.phone, asked=session_url.removeprefix(base))  # from a notice's link
        assert User.objects.get(member=second).role == "member"  # B's account came from the phone login

        # B opens the session while its one place is free.
        b.goto(session_url)
        assert b.locator("#left").inner_text() == "1"

        # A finds the session on the menu with its one place, and books it.
        a.goto(base + "/culture/m/")
        card = a.locator(".card", has_text=TITLE)
        assert "1/1" in card.inner_text()
        submit(a, f".card a[href='/culture/m/sessions/{session.pk}/']")
        assert a.url == session_url
        assert a.locator("#left").inner_text() == "1"
        submit(a, "#book")
        assert a.url == base + "/culture/m/bookings/"
        assert "预约成功" in a.locator(".messages").inner_text()
        mine = booking_of(first, session)
        assert mine.status == BookingStatus.CONFIRMED
        assert a.locator(".booking").get_attribute("data-status") == mine.status
        assert label(mine.status) in a.locator(".booking .status").inner_text()
        assert open_bookings(first) == 1
        assert_counter_holds(session, 1)

        # B taps 立即预约 on the page opened before: the place is gone. The booking block is
        # swapped for the reason and the waiting list (a 409), and B stays on the page.
        b.click("#book")
        b.wait_for_selector("#booking .error")
        assert b.url == session_url
        assert "名额已满" in b.locator("#booking .error").inner_text()
        assert b.locator("#book").count() == 0
        assert "加入候补" in b.locator("#wait").inner_text()
        submit(b, "#wait")
        assert b.url == base + "/culture/m/bookings/"
        assert "已加入候补" in b.locator(".messages").inner_text()
        waiting = booking_of(second, session)
        assert waiting.status == BookingStatus.WAITING
        assert b.locator(".booking").get_attribute("data-status") == waiting.status
        assert b.locator(".booking .claim").count() == 0
        session.refresh_from_db()
        assert session.booked == place_count(session.pk) == 1  # a waiting booking takes no place

        # A cancels from 我的预约; the promotion task runs on commit and offers the place to B.
        a.goto(base + "/culture/m/bookings/")
        cancelled_at = timezone.now()
        submit(a, ".booking .cancel")
        assert "预约已取消" in a.locator(".messages").inner_text()
        mine.refresh_from_db()
        assert mine.status == BookingStatus.CANCELLED
        assert a.locator(".booking").get_attribute("data-status") == mine.status
        assert a.locator(".booking .cancel").count() == 0
        assert open_bookings(first) == 0
        offered = booking_of(second, session)
        assert offered.pk == waiting.pk and offered.status == BookingStatus.OFFERED
        assert cancelled_at <= offered.offered_at <= timezone.now()
        assert offered.hold_until == offered.offered_at + claim_window()
        session.refresh_from_db()
        assert session.booked == place_count(session.pk) == 1
        assert Notice.objects.filter(booking=offered, kind=Notice.Kind.PROMOTED).count() == 1
        assert [(m, k) for m, k, _ in MemoryNotifier.outbox if k == Notice.Kind.PROMOTED] == [
            (second.pk, Notice.Kind.PROMOTED)
        ]

        # B sees the offer with its deadline and claims it within the window.
        b.reload()
        assert b.locator(".booking").get_attribute("data-status") == offered.status
        deadline = dateformat.format(timezone.localtime(offered.hold_until), "n月j日 H:i")
        status_text = b.locator(".booking .status").inner_text()
        assert label(offered.status) in status_text and deadline in status_text
        assert timezone.now() < offered.hold_until
        submit(b, ".booking .claim")
        assert "递补名额已确认" in b.locator(".messages").inner_text()
        claimed = booking_of(second, session)
        assert claimed.status == BookingStatus.CONFIRMED
        assert claimed.confirmed_at is not None and claimed.confirmed_at <= offered.hold_until
        assert b.locator(".booking").get_attribute("data-status") == claimed.status
        assert b.locator(".booking .claim").count() == 0
        assert open_bookings(second) == 1
        b.screenshot(path=tmp_path / "claimed.png", full_page=True)

        # The session page agrees for both: B holds the place, A may only queue again.
        b.goto(session_url)
        assert b.locator("#my-status").inner_text() == label(claimed.status)
        a.goto(session_url)
        assert a.locator("#left").inner_text() == "0"
        assert a.locator("#wait").count() == 1 and a.locator("#book").count() == 0

        statuses = dict(Booking.unscoped.filter(session=session).values_list("member_id", "status"))
        assert statuses == {first.pk: BookingStatus.CANCELLED, second.pk: BookingStatus.CONFIRMED}
        assert_counter_holds(session, 1)
    finally:
        ctx_a.close()
        ctx_b.close()
        MemoryNotifier.outbox.clear()
