"""Publishing from the back office: venues, the service menu, sessions and funding are
written only inside the staff member's subtree (AZ-2/AZ-4), through the services, and bad
input is refused with a message and saves nothing."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.culture import services
from gonghui.culture.models import Booking, Funding, Programme, Session, Venue

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def session_data(programme, venue, **overrides):
    starts = timezone.now() + datetime.timedelta(days=5)
    data = {
        "programme": programme.pk,
        "venue": venue.pk,
        "starts_at": local(starts),
        "ends_at": local(starts + datetime.timedelta(hours=2)),
        "capacity": "20",
        "mode": "fcfs",
        "eligibility": "members",
        "street": "",
        "opens_at": local(timezone.now() - datetime.timedelta(hours=1)),
        "closes_at": local(starts - datetime.timedelta(hours=3)),
        "cancel_by": local(starts - datetime.timedelta(hours=4)),
    }
    return data | overrides


VENUE = {
    "name": "定海新建职工书屋",
    "kind": "point",
    "circle": "east",
    "address": "定海路1号",
    "opening_hours": "9:00-17:00",
    "facilities": "阅览室",
    "capacity": "50",
    "active": "on",
}


def test_street_cadre_publishes_a_venue_and_a_session_members_can_book(culture, district):
    cadre = client_for(district.users["dinghai_cadre"])
    assert cadre.get(reverse("culture:venue_new")).status_code == 200
    response = cadre.post(reverse("culture:venue_new"), VENUE | {"node": district.dinghai.pk})
    venue = Venue.unscoped.get(name=VENUE["name"])
    assert response.status_code == 302 and response.url == reverse("culture:venue", args=[venue.pk])
    assert venue.path == district.dinghai.path
    assert AuditRecord.objects.filter(action="culture.venue.create").exists()
    # the district's menu item can be scheduled in the street
    assert cadre.get(reverse("culture:session_new"), {"venue": venue.pk}).status_code == 200
    response = cadre.post(reverse("culture:session_new"), session_data(culture.programme, venue))
    session = Session.unscoped.get(venue=venue)
    assert response.status_code == 302 and response.url == reverse("culture:session", args=[session.pk])
    assert session.capacity == 20 and session.path == district.dinghai.path
    menu = client_for(district.users["member"]).get(reverse("culture:m_menu")).content.decode()
    assert reverse("culture:m_session", args=[session.pk]) in menu
    # and the list pages link to the new pages
    assert reverse("culture:venue_new") in cadre.get(reverse("culture:venues")).content.decode()
    assert (
        reverse("culture:venue_edit", args=[venue.pk])
        in cadre.get(reverse("culture:venue", args=[venue.pk])).content.decode()
    )
    listing = cadre.get(reverse("culture:sessions"), {"month": f"{session.starts_at:%Y-%m}"}).content.decode()
    assert reverse("culture:session_new") in listing
    assert (
        reverse("culture:session_edit", args=[session.pk])
        in cadre.get(reverse("culture:session", args=[session.pk])).content.decode()
    )


def test_cadre_edits_own_venue_and_session(culture, district):
    session = culture.session(culture.dinghai_venue, capacity=5)
    cadre = client_for(district.users["dinghai_cadre"])
    venue = culture.dinghai_venue
    data = VENUE | {"name": "定海标记活动基地（新）", "capacity": "300", "node": district.dinghai_union.pk}
    assert cadre.post(reverse("culture:venue_edit", args=[venue.pk]), data).status_code == 302
    venue.refresh_from_db()
    session.refresh_from_db()
    assert venue.name.endswith("（新）") and venue.path == district.dinghai_union.path
    assert session.path == venue.path  # what happens there moves with it
    page = cadre.get(reverse("culture:session_edit", args=[session.pk]))
    assert page.status_code == 200
    new_start = session.starts_at + datetime.timedelta(days=1)
    data = session_data(
        culture.programme,
        venue,
        starts_at=local(new_start),
        ends_at=local(new_start + datetime.timedelta(hours=1)),
        capacity="8",
    )
    assert cadre.post(reverse("culture:session_edit", args=[session.pk]), data).status_code == 302
    session.refresh_from_db()
    assert session.capacity == 8 and session.version == 2
    assert AuditRecord.objects.filter(action="culture.session.update").exists()


def test_sibling_street_gets_404_and_nothing_changes(culture, district):
    session = culture.session(culture.dinghai_venue)
    before = (session.capacity, session.starts_at)
    sibling = client_for(district.users["pingliang_cadre"])
    venue = culture.dinghai_venue
    urls = [
        reverse("culture:venue_edit", args=[venue.pk]),
        reverse("culture:session_edit", args=[session.pk]),
        reverse("culture:programme_edit", args=[culture.programme.pk]),  # the district's item
    ]
    for url in urls:
        assert sibling.get(url).status_code == 404, url
    assert sibling.post(urls[0], VENUE | {"name": "被改名", "node": district.pingliang.pk}).status_code == 404
    assert sibling.post(urls[1], session_data(culture.programme, venue, capacity="3")).status_code == 404
    venue.refresh_from_db()
    session.refresh_from_db()
    assert venue.name == "定海标记活动基地" and venue.path == district.dinghai.path
    assert (session.capacity, session.starts_at) == before
    # venue staff and members are not back office
    for user in (culture.staff, district.users["member"]):
        assert client_for(user).get(reverse("culture:venue_new")).status_code == 404
        assert client_for(user).get(reverse("culture:session_edit", args=[session.pk])).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"capacity": "0"}, "名额至少为 1。"),
        ({"capacity": "abc"}, "名额"),
        ("closing_first", "预约截止须晚于预约开始。"),
        ("ending_first", "结束时间必须晚于开始时间。"),
        ({"capacity": "999"}, "名额不能超过场馆容纳人数。"),  # the service's own rule
        ({"eligibility": "street", "street": ""}, "限本街镇的场次须指定街镇。"),
    ],
)
def test_invalid_session_is_refused_with_a_message(culture, district, overrides, message):
    cadre = client_for(district.users["dinghai_cadre"])
    data = session_data(culture.programme, culture.dinghai_venue)
    if overrides == "closing_first":
        data["closes_at"], data["opens_at"] = data["opens_at"], data["closes_at"]
    elif overrides == "ending_first":
        data["ends_at"], data["starts_at"] = data["starts_at"], data["ends_at"]
    else:
        data |= overrides
    response = cadre.post(reverse("culture:session_new"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Session.unscoped.exists()


def test_invalid_edit_saves_nothing(culture, district):
    session = culture.session(culture.dinghai_venue, capacity=5)
    cadre = client_for(district.users["dinghai_cadre"])
    data = session_data(culture.programme, culture.dinghai_venue, capacity="0")
    response = cadre.post(reverse("culture:session_edit", args=[session.pk]), data)
    assert response.status_code == 400 and "名额至少为 1。" in response.content.decode()
    (m,) = culture.members(1)
    culture.run(services.booking_create, session=session, member=m, actor=None)
    response = cadre.post(
        reverse("culture:session_edit", args=[session.pk]),
        session_data(culture.programme, culture.dinghai_venue, mode="lottery"),
    )
    assert "已有预约，不能更改预约方式。" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 5 and session.mode == "fcfs" and session.version == 1
    assert Booking.unscoped.filter(session=session).count() == 1
    bad_venue = VENUE | {"capacity": "-3", "name": "", "node": district.dinghai.pk}
    response = cadre.post(reverse("culture:venue_new"), bad_venue)
    assert response.status_code == 400 and not Venue.unscoped.filter(address="定海路1号").exists()


def test_a_posted_foreign_node_venue_or_street_is_refused(culture, district):
    cadre = client_for(district.users["dinghai_cadre"])
    response = cadre.post(reverse("culture:venue_new"), VENUE | {"node": district.pingliang.pk})
    assert response.status_code == 400 and not Venue.unscoped.filter(name=VENUE["name"]).exists()
    response = cadre.post(reverse("culture:venue_new"), VENUE | {"node": district.root.pk})
    assert response.status_code == 400 and not Venue.unscoped.filter(name=VENUE["name"]).exists()
    # moving an own venue into the sibling street is refused too
    data = VENUE | {"node": district.pingliang.pk}
    assert cadre.post(reverse("culture:venue_edit", args=[culture.dinghai_venue.pk]), data).status_code == 400
    culture.dinghai_venue.refresh_from_db()
    assert culture.dinghai_venue.path == district.dinghai.path
    for overrides in (
        {"venue": culture.pingliang_venue.pk},
        {"eligibility": "street", "street": district.pingliang.pk},
    ):
        data = session_data(culture.programme, culture.dinghai_venue) | overrides
        assert cadre.post(reverse("culture:session_new"), data).status_code == 400
    assert not Session.unscoped.exists()
    # a posted status (or version) is not a form field: it is ignored
    data = session_data(culture.programme, culture.dinghai_venue, status="cancelled", version="99")
    assert cadre.post(reverse("culture:session_new"), data).status_code == 302
    session = Session.unscoped.get()
    assert session.status == Session.Status.SCHEDULED and session.version == 1


def test_programme_and_funding_pages(culture, district):
    cadre = client_for(district.users["dinghai_cadre"])
    data = {
        "title": "定海职工合唱培训",
        "category": "class",
        "description": "",
        "node": district.dinghai.pk,
        "circle": "east",
        "provider": "",
        "new_provider": "标记社工服务社",
        "cost": "3000.50",
        "per_member_limit": "2",
        "published": "on",
    }
    assert cadre.post(reverse("culture:programme_new"), data | {"cost": "-1"}).status_code == 400
    assert not Programme.unscoped.filter(title=data["title"]).exists()
    assert (
        cadre.post(reverse("culture:programme_new"), data | {"node": district.pingliang.pk}).status_code
        == 400
    )
    assert cadre.post(reverse("culture:programme_new"), data).status_code == 302
    programme = Programme.unscoped.get(title=data["title"])
    assert programme.provider.name == "标记社工服务社" and programme.cost == Decimal("3000.50")
    assert programme.path == district.dinghai.path
    listing = cadre.get(reverse("culture:programmes")).content.decode()
    assert data["title"] in listing and culture.programme.title not in listing  # the district's is not theirs
    edit = data | {"title": "定海职工合唱班", "new_provider": "", "provider": programme.provider.pk}
    assert cadre.post(reverse("culture:programme_edit", args=[programme.pk]), edit).status_code == 302
    programme.refresh_from_db()
    assert programme.title == "定海职工合唱班"
    funding = {
        "programme": programme.pk,
        "circle": "",
        "kind": "purchase",
        "paid_on": "2025-03-01",
        "note": "",
    }
    for bad in ("0", "-5", "1.234", "abc"):
        assert cadre.post(reverse("culture:funding_new"), funding | {"amount": bad}).status_code == 400
    foreign = funding | {"programme": culture.programme.pk, "amount": "100"}
    assert cadre.post(reverse("culture:funding_new"), foreign).status_code == 400
    assert not Funding.unscoped.exists()
    assert cadre.post(reverse("culture:funding_new"), funding | {"amount": "800.00"}).status_code == 302
    record = Funding.unscoped.get()
    assert record.amount == Decimal("800.00") and record.circle == "east" and record.path == programme.path


def test_new_pages_answer_4xx_on_bad_input(culture, district):
    session = culture.session()
    for user in (district.users["district"], district.users["dinghai_cadre"], culture.staff):
        client = client_for(user)
        for url in (
            reverse("culture:venue_new"),
            reverse("culture:venue_edit", args=[culture.dinghai_venue.pk]),
            reverse("culture:programme_new"),
            reverse("culture:programme_edit", args=[culture.programme.pk]),
            reverse("culture:session_new"),
            reverse("culture:session_edit", args=[session.pk]),
            reverse("culture:funding_new"),
        ):
            for value in ("\x01", "9" * 40, "-1", "２０１６", "<script>", ""):
                assert client.get(url, {"venue": value, "programme": value}).status_code < 500
                data = {k: value for k in ("node", "capacity", "starts_at", "amount", "programme", "venue")}
                assert client.post(url, data).status_code < 500
