"""AZ-2 for venue staff and the back office, the member's pages end to end over the test
client, and FZ-2: bad input on every culture route answers 4xx, never 5xx."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from gonghui.accounts.models import User
from gonghui.culture import selectors, services
from gonghui.culture.figures import FIGURES
from gonghui.culture.models import Booking, BookingStatus
from gonghui.culture.selectors import culture_figures
from gonghui.lib.roles import Role
from gonghui.members.passes import pass_issue

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_venue_staff_see_only_their_venue(culture, district):
    own = culture.session(culture.dinghai_venue)
    other = culture.session(culture.pingliang_venue)
    (m,) = culture.members(1)
    culture.run(services.booking_create, session=other, member=m, actor=None)
    other_booking = Booking.unscoped.get(session=other)
    staff = client_for(culture.staff)
    assert staff.get(reverse("culture:session", args=[own.pk])).status_code == 200
    assert staff.get(reverse("culture:venue", args=[culture.dinghai_venue.pk])).status_code == 200
    for url in (
        reverse("culture:session", args=[other.pk]),
        reverse("culture:venue", args=[culture.pingliang_venue.pk]),
        reverse("culture:venue", args=[culture.core.pk]),
        reverse("culture:session", args=[10**9]),
    ):
        assert staff.get(url).status_code == 404, url
    response = staff.post(reverse("culture:staff_cancel", args=[other_booking.pk]))
    assert response.status_code == 404
    other_booking.refresh_from_db()
    assert other_booking.status == BookingStatus.CONFIRMED
    assert staff.post(reverse("culture:check_in", args=[other.pk]), {"scanned": "X" * 10}).status_code == 404
    assert staff.post(reverse("culture:draw", args=[own.pk]), {"confirm": "on"}).status_code == 404
    listing = staff.get(reverse("culture:sessions"), {"month": f"{own.starts_at:%Y-%m}"}).content.decode()
    assert culture.dinghai_venue.name in listing and culture.pingliang_venue.name not in listing
    assert staff.get(reverse("culture:figures")).status_code == 404


@pytest.mark.parametrize(
    ("role", "sees_dinghai", "sees_pingliang"),
    [
        ("district", True, True),
        ("dinghai_cadre", True, False),
        ("pingliang_cadre", False, True),
        ("member", False, False),
        ("cashier", False, False),
        ("mediator", False, False),
    ],
)
def test_back_office_sees_its_subtree(culture, district, role, sees_dinghai, sees_pingliang):
    dinghai = culture.session(culture.dinghai_venue)
    pingliang = culture.session(culture.pingliang_venue)
    client = client_for(district.users[role])
    for session, visible in ((dinghai, sees_dinghai), (pingliang, sees_pingliang)):
        status = client.get(reverse("culture:session", args=[session.pk])).status_code
        assert status == (200 if visible else 404), (role, session.venue.name)


def test_member_books_from_the_portal_and_the_last_place_goes_once(culture, district):
    session = culture.session(capacity=1)
    member_client = client_for(district.users["member"])
    page = member_client.get(reverse("culture:m_session", args=[session.pk]))
    assert page.status_code == 200 and "portal/base.html" in [t.name for t in page.templates]
    response = member_client.post(reverse("culture:m_book", args=[session.pk]), {"key": "abcdefgh12"})
    assert response.status_code == 302
    again = member_client.post(reverse("culture:m_book", args=[session.pk]), {"key": "abcdefgh12"})
    assert again.status_code == 302  # the same key: the same booking, not a second one
    assert Booking.unscoped.filter(session=session).count() == 1
    listing = member_client.get(reverse("culture:m_bookings")).content.decode()
    assert session.programme.title in listing


def test_a_refused_booking_answers_409_with_the_page_and_stays_out_of_the_log(culture, district, caplog):
    session = culture.session(capacity=1)
    culture.run(services.booking_create, session=session, member=district.members["colleague"], actor=None)
    client = client_for(district.users["member"])
    with caplog.at_level("WARNING", logger="django.request"):
        refused = client.post(reverse("culture:m_book", args=[session.pk]), {"key": "abcdefgh12"})
        missing = client.get(reverse("culture:m_session", args=[10**9]))
    assert refused.status_code == 409 and missing.status_code == 404
    page = refused.content.decode()
    assert "名额已满" in page and 'id="wait"' in page and 'id="book"' not in page
    logged = [r.status_code for r in caplog.records if r.name == "django.request"]
    assert logged == [404]  # a refusal is an answer, not a fault; a missing page is still logged


def test_a_refusal_from_the_portal_reads_the_session_once_and_writes_nothing(culture, district):
    session = culture.session(capacity=1)
    culture.run(services.booking_create, session=session, member=district.members["colleague"], actor=None)
    client = client_for(district.users["member"])
    client.get(reverse("culture:m_session", args=[session.pk]))  # signed in and on the page
    with CaptureQueriesContext(connection) as queries:
        refused = client.post(reverse("culture:m_book", args=[session.pk]), {"key": "abcdefgh12"})
    assert refused.status_code == 409
    on_sessions = [q["sql"] for q in queries if "culture_session" in q["sql"]]
    assert len(on_sessions) == 1  # the scope check and the booking's rules on one read
    assert not [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


def test_a_key_of_someone_elses_booking_is_refused_and_reveals_nothing(culture, district):
    def post_their_key(session, owner, key):
        culture.run(services.booking_create, session=session, member=owner, actor=None, idempotency_key=key)
        return client_for(district.users["member"]).post(
            reverse("culture:m_book", args=[session.pk]), {"key": key}
        )

    refused = post_their_key(culture.session(), district.members["colleague"], "abcdefgh12")
    assert refused.status_code == 409 and "请求无效" in refused.content.decode()
    assert list(Booking.unscoped.values_list("member", flat=True)) == [district.members["colleague"].pk]
    # Someone else's booking does not make a street-only session of another street visible.
    theirs = culture.session(eligibility="street", street=district.pingliang)
    assert post_their_key(theirs, district.members["sibling"], "abcdefgh34").status_code == 404


def test_a_street_only_session_a_member_once_booked_stays_visible(culture, district):
    session = culture.session(eligibility="street", street=district.pingliang)
    member = district.users["member"].member  # of 定海, booked by a clerk, then cancelled
    Booking.unscoped.create(session=session, member=member, status=BookingStatus.CANCELLED, path=session.path)
    client = client_for(district.users["member"])
    assert client.get(reverse("culture:m_session", args=[session.pk])).status_code == 200
    refused = client.post(reverse("culture:m_book", args=[session.pk]), {"key": "abcdefgh12"})
    assert refused.status_code == 409 and "仅限本街镇" in refused.content.decode()


def test_the_pages_own_booking_form_gets_its_block_back(culture, district):
    session = culture.session(capacity=1)
    colleague = User.objects.create(
        username="colleague", role=Role.MEMBER, member=district.members["colleague"]
    )
    first, second = client_for(district.users["member"]), client_for(colleague)
    book = reverse("culture:m_book", args=[session.pk])
    page = first.get(reverse("culture:m_session", args=[session.pk])).content.decode()
    assert f'hx-post="{book}"' in page and 'hx-target="#booking"' in page
    booked = first.post(book, {"key": "abcdefgh12"}, HTTP_HX_REQUEST="true")
    assert booked.status_code == 200 and booked["HX-Redirect"] == reverse("culture:m_bookings")
    refused = second.post(book, {"key": "abcdefgh13"}, HTTP_HX_REQUEST="true")
    block = refused.content.decode()
    assert refused.status_code == 409 and block.startswith('<div id="booking">') and "<html" not in block
    assert "名额已满" in block and 'id="wait"' in block
    assert Booking.unscoped.filter(session=session).count() == 1


def test_everyone_too_late_gets_the_full_sessions_block_in_their_language(culture, district):
    """The block a full session answers with is rendered once and shared: it must be exactly
    what rendering it for that member gives, and follow the member's language."""
    session = culture.session(capacity=1)
    culture.run(services.booking_create, session=session, member=district.members["colleague"], actor=None)
    sibling = User.objects.create(username="sibling", role=Role.MEMBER, member=district.members["sibling"])
    book = reverse("culture:m_book", args=[session.pk])
    first, second = client_for(district.users["member"]), client_for(sibling)
    blocks = [c.post(book, {"key": "abcdefgh12"}, HTTP_HX_REQUEST="true") for c in (first, second, first)]
    assert [b.status_code for b in blocks] == [409] * 3
    assert blocks[0].content == blocks[1].content == blocks[2].content
    request = RequestFactory(HTTP_HX_REQUEST="true").post(book)
    request.user, request.htmx = sibling, HtmxDetails(request)
    context = {
        "session": selectors.session_with_parts(session.pk),
        "booking": None,
        "key": "",
        "refusal": "名额已满，可加入候补。",
    }
    fresh = render_to_string("culture/m_session.html#booking", context, request=request)
    assert blocks[0].content.decode() == fresh and 'id="wait"' in fresh and 'name="key"' not in fresh
    english = second.post(book, {"key": "abcdefgh13"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 409 and "Fully booked" in english.content.decode()
    assert Booking.unscoped.filter(session=session).count() == 1


def test_the_block_posts_through_htmx_with_the_pages_token_and_carries_none_itself(culture, district):
    """The page (also what a phone without JavaScript gets) holds the CSRF token for its forms
    and for htmx's header; the block an htmx refusal answers with holds none, and its waiting
    list form posts through htmx, the page's token in the header, CSRF checked."""
    session = culture.session(capacity=1)
    culture.run(services.booking_create, session=session, member=district.members["colleague"], actor=None)
    client = Client(enforce_csrf_checks=True)
    client.force_login(district.users["member"])
    page = client.get(reverse("culture:m_session", args=[session.pk])).content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    assert 'name="csrfmiddlewaretoken"' in page
    book, wait = (reverse(f"culture:m_{name}", args=[session.pk]) for name in ("book", "wait"))
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_X_CSRFTOKEN": token}
    refused = client.post(book, {"key": "abcdefgh12"}, **htmx)
    block = refused.content.decode()
    assert refused.status_code == 409 and "csrfmiddlewaretoken" not in block
    assert f'hx-post="{wait}"' in block
    assert client.post(wait, **{**htmx, "HTTP_X_CSRFTOKEN": "x" * 32}).status_code == 403
    waiting = client.post(wait, **htmx)
    assert waiting.status_code == 200 and waiting["HX-Redirect"] == reverse("culture:m_bookings")
    joined = Booking.unscoped.get(session=session, member=district.members["own"])
    assert joined.status == BookingStatus.WAITING


def test_member_cannot_touch_anothers_booking(culture, district):
    session = culture.session()
    other = district.members["colleague"]
    culture.run(services.booking_create, session=session, member=other, actor=None)
    booking = Booking.unscoped.get(member=other)
    client = client_for(district.users["member"])
    assert client.post(reverse("culture:m_cancel", args=[booking.pk])).status_code == 404
    assert client.post(reverse("culture:m_claim", args=[booking.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_street_only_sessions_are_hidden_from_other_streets(culture, district):
    session = culture.session(eligibility="street", street=district.pingliang)
    client = client_for(district.users["member"])  # a 定海 member
    assert client.get(reverse("culture:m_session", args=[session.pk])).status_code == 404
    assert client.post(reverse("culture:m_book", args=[session.pk]), {"key": "abcdefgh12"}).status_code == 404


def test_staff_check_in_by_scanning(culture, district):
    import datetime

    from django.utils import timezone

    session = culture.session(
        starts_in=datetime.timedelta(minutes=20), closes_at=timezone.now() + datetime.timedelta(minutes=10)
    )
    member = district.members["own"]
    culture.run(services.booking_create, session=session, member=member, actor=None)
    token = pass_issue(member=member).token
    staff = client_for(culture.staff)
    response = staff.post(reverse("culture:check_in", args=[session.pk]), {"scanned": token}, follow=True)
    assert response.status_code == 200
    assert Booking.unscoped.get(session=session, member=member).status == BookingStatus.CHECKED_IN


BAD_VALUES = ["\x00", "%00", "'; drop table x;--", "9" * 40, "-1", "２０１６", "<script>", ""]


def test_bad_input_answers_4xx_never_5xx(culture, district):
    session = culture.session()
    clients = {
        "district": client_for(district.users["district"]),
        "staff": client_for(culture.staff),
        "member": client_for(district.users["member"]),
    }
    get_routes = [
        reverse("culture:sessions"),
        reverse("culture:figures"),
        reverse("culture:venues"),
        reverse("culture:m_menu"),
        reverse("culture:m_bookings"),
    ]
    post_routes = [
        reverse("culture:check_in", args=[session.pk]),
        reverse("culture:staff_book", args=[session.pk]),
        reverse("culture:draw", args=[session.pk]),
        reverse("culture:m_book", args=[session.pk]),
        reverse("culture:m_wait", args=[session.pk]),
    ]
    for client in clients.values():
        for url in get_routes:
            for value in BAD_VALUES:
                for field in ("month", "year", "page"):
                    status = client.get(url, {field: value}).status_code
                    assert status < 500, (url, field, value, status)
        for url in post_routes:
            for value in BAD_VALUES:
                for field in ("scanned", "who", "key", "confirm", "waitlist"):
                    status = client.post(url, {field: value}).status_code
                    assert status < 500, (url, field, value, status)
        for path in (
            "/culture/sessions/99999999999999999999/",
            "/culture/m/sessions/0/",
            "/culture/sessions/abc/",
        ):
            assert client.get(path).status_code == 404


def test_figures_have_stable_keys(culture, district):
    figures = culture_figures(district.root)
    assert set(FIGURES.keys()) <= set(figures)
    assert figures["venues"] == {"core": 1, "circle": 0, "base": 1, "point": 1}
    assert set(figures["by_circle"]) == {"core", "east", "west", "south", "north", "centre"}
