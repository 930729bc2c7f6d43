"""Health checks and rest-home stays: places, booking by eligible members, assignment by the union,
the yearly cap per person, and results kept only with the member's consent."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from gonghui.care import services
from gonghui.care.models import Offer, Stay, StayStatus
from gonghui.members.services import member_group_sync

pytestmark = pytest.mark.django_db


def test_an_eligible_member_books_a_place_and_cancels_it(care):
    d = care.d
    offer = care.offer(d.dinghai, places=1)
    stay = services.stay_book(offer=offer, member=d.members["own"], actor=d.users["member"])
    assert stay.status == StayStatus.BOOKED and Offer.unscoped.get(pk=offer.pk).taken == 1
    with pytest.raises(services.CareError) as full:
        services.stay_book(offer=offer, member=d.members["colleague"], actor=care.staff)
    assert full.value.code == "full"
    with pytest.raises(services.CareError) as twice:
        services.stay_assign(offer=offer, member=d.members["own"], actor=care.staff)
    assert twice.value.code == "twice"
    services.stay_cancel(stay=stay, actor=d.users["member"])
    assert Offer.unscoped.get(pk=offer.pk).taken == 0
    assert services.stay_book(offer=offer, member=d.members["colleague"], actor=care.staff).status == "booked"


def test_only_members_in_the_offer_s_reach_and_list_may_take_a_place(care):
    d = care.d
    with pytest.raises(services.CareError) as elsewhere:
        services.stay_book(offer=care.offer(d.dinghai), member=d.members["sibling"], actor=care.staff)
    assert elsewhere.value.code == "not_eligible"
    group = member_group_sync(
        source="competitions.team:7",
        name="重大工程一线职工",
        node=d.root,
        members=[d.members["colleague"]],
        actor=care.staff,
    )
    today = timezone.localdate()
    front_line = services.offer_create(
        kind="health_check",
        title="重大工程建设者免费体检",
        place="区中心医院",
        node=d.root,
        group=group,
        mode="assignment",
        starts_on=today + datetime.timedelta(days=5),
        ends_on=today + datetime.timedelta(days=5),
        book_by=today,
        places=50,
        actor=care.staff,
    )
    with pytest.raises(services.CareError) as not_listed:
        services.stay_assign(offer=front_line, member=d.members["own"], actor=care.staff)
    assert not_listed.value.code == "not_eligible"
    with pytest.raises(services.CareError) as self_booked:
        services.stay_book(offer=front_line, member=d.members["colleague"], actor=care.staff)
    assert self_booked.value.code == "assignment_only"
    assert (
        services.stay_assign(offer=front_line, member=d.members["colleague"], actor=care.staff).status
        == "assigned"
    )
    assert list(Offer.objects.visible_to(d.users["member"]).filter(pk=front_line.pk)) == []


def test_one_rest_home_stay_per_person_a_year_by_the_rule(care):
    d = care.d
    member = d.members["own"]
    services.stay_book(offer=care.offer(d.dinghai), member=member, actor=care.staff)
    with pytest.raises(services.CareError) as capped:
        services.stay_book(offer=care.offer(d.root), member=member, actor=care.staff)
    assert capped.value.code == "rest-home-once-a-year" and "疗休养每人每年一次" in str(capped.value)
    # A health check is counted against its own rule.
    check = care.offer(d.root, kind="health_check")
    assert services.stay_book(offer=check, member=member, actor=care.staff).kind == "health_check"


def test_a_result_is_kept_only_with_consent_and_encrypted(care):
    d = care.d
    offer = care.offer(d.dinghai, kind="health_check")
    Offer.unscoped.filter(pk=offer.pk).update(starts_on=timezone.localdate(), book_by=timezone.localdate())
    offer.refresh_from_db()
    stay = services.stay_assign(offer=offer, member=d.members["own"], actor=care.staff)
    with pytest.raises(services.CareError) as refused:
        services.stay_done(stay=stay, done_on=timezone.localdate(), result="血压偏高", actor=care.staff)
    assert refused.value.code == "consent"
    done = services.stay_done(
        stay=stay, done_on=timezone.localdate(), consent=True, result="血压偏高", actor=care.staff
    )
    assert done.status == "done" and done.result == "血压偏高"
    with connection.cursor() as cursor:
        cursor.execute("SELECT result FROM care_stay WHERE id = %s", [stay.pk])
        assert "血压" not in cursor.fetchone()[0]
    assert Stay.unscoped.filter(member=d.members["own"], status="done").count() == 1
