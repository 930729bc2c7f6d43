"""The hand-written reads of the booking path give what the ORM gives (both databases)."""

import pytest

from gonghui.accounts.backends import ModelBackend
from gonghui.accounts.models import User
from gonghui.culture import selectors
from gonghui.culture.models import Booking, BookingStatus, Session

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_a_session_reads_with_its_programme_venue_and_street(culture):
    street_only = culture.session(eligibility=Session.Eligibility.STREET, street=culture.d.dinghai)
    for session in (culture.session(), street_only):
        read = selectors.session_with_parts(session.pk)
        orm = Session.unscoped.select_related("programme", "venue", "street").get(pk=session.pk)
        assert fields(read) == fields(orm)
        assert fields(read.programme) == fields(orm.programme) and fields(read.venue) == fields(orm.venue)
        assert (read.street and fields(read.street)) == (orm.street and fields(orm.street))
    assert selectors.session_with_parts(10**9) is None


def test_the_members_active_booking_is_the_latest_active_one(culture):
    session, member = culture.session(), culture.members(1)[0]
    assert selectors.own_booking(member, session) is None
    Booking.unscoped.create(session=session, member=member, status=BookingStatus.CANCELLED, path=session.path)
    active = Booking.unscoped.create(
        session=session, member=member, status=BookingStatus.CONFIRMED, path=session.path
    )
    read = selectors.own_booking(member, session)
    assert fields(read) == fields(Booking.unscoped.get(pk=active.pk))


def test_an_account_loads_with_its_node_and_member(district):
    worker = User.objects.filter(member__isnull=False).first()
    assert worker is not None
    for user in (district.users["dinghai_cadre"], worker, district.users["cashier"]):
        read = ModelBackend().get_user(user.pk)
        orm = User.objects.select_related("node", "member").get(pk=user.pk)
        assert fields(read) == fields(orm)
        assert (read.node and fields(read.node)) == (orm.node and fields(orm.node))
        assert (read.member and fields(read.member)) == (orm.member and fields(orm.member))
    assert ModelBackend().get_user(10**9) is None and ModelBackend().get_user("1 OR 1=1") is None
