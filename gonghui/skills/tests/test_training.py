"""Training classes: places never over-filled, card holders free where the class says so,
attendance, completion with a certificate, the member's own enrolment from the phone."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from gonghui.members.models import Member
from gonghui.skills import services
from gonghui.skills.models import Enrolment, TrainingClass
from gonghui.testing.skills import training_class

pytestmark = pytest.mark.django_db


def test_card_holders_train_free_where_the_class_says_so(district):
    Member.unscoped.filter(pk=district.members["own"].pk).update(card_no="6200001")
    holder = Member.unscoped.get(pk=district.members["own"].pk)
    training = training_class(district)
    staff = district.users["district"]
    assert services.enrolment_create(training=training, member=holder, actor=staff).fee_due == 0
    other = services.enrolment_create(training=training, member=district.members["colleague"], actor=staff)
    assert str(other.fee_due) == "300.00"
    paying = training_class(district, title="班组长培训班", free_for_card_holders=False)
    assert str(services.enrolment_create(training=paying, member=holder, actor=staff).fee_due) == "300.00"


def test_a_full_class_refuses_and_a_withdrawal_frees_the_place(district):
    training = training_class(district, capacity=1)
    staff = district.users["district"]
    first = services.enrolment_create(training=training, member=district.members["own"], actor=staff)
    with pytest.raises(services.SkillsError) as refused:
        services.enrolment_create(training=training, member=district.members["colleague"], actor=staff)
    assert refused.value.code == "full"
    with pytest.raises(services.SkillsError) as refused:
        services.enrolment_create(training=training, member=district.members["own"], actor=staff)
    assert refused.value.code in ("full", "duplicate")
    services.enrolment_withdraw(enrolment=first, actor=staff)
    services.enrolment_create(training=training, member=district.members["colleague"], actor=staff)
    training.refresh_from_db()
    assert (
        training.enrolled
        == 1
        == Enrolment.unscoped.filter(training=training).exclude(status="withdrawn").count()
    )
    with transaction.atomic(), pytest.raises(IntegrityError):
        TrainingClass.unscoped.filter(pk=training.pk).update(enrolled=2)


def test_completion_needs_four_fifths_attended_and_issues_a_certificate(district):
    training = training_class(district, sessions=5)
    staff = district.users["district"]
    keen = services.enrolment_create(training=training, member=district.members["own"], actor=staff)
    idle = services.enrolment_create(training=training, member=district.members["colleague"], actor=staff)
    for session in range(1, 6):
        present = [keen.pk] + ([idle.pk] if session <= 3 else [])
        services.attendance_record(training=training, session_no=session, present=present, actor=staff)
    done = services.enrolment_complete(enrolment=keen, actor=staff)
    assert done.status == Enrolment.Status.COMPLETED and done.certificate_no.startswith("JN")
    with pytest.raises(services.SkillsError) as refused:
        services.enrolment_complete(enrolment=idle, actor=staff)
    assert refused.value.code == "attendance"
    # Taking a register again replaces it.
    services.attendance_record(training=training, session_no=4, present=[idle.pk], actor=staff)
    idle.refresh_from_db()
    assert idle.attended == 4
    with pytest.raises(services.SkillsError):
        services.attendance_record(training=training, session_no=6, present=[], actor=staff)


def test_a_member_enrols_from_the_phone_in_classes_of_their_union_or_above(district):
    street_class = training_class(district, district.dinghai, title="定海班组长培训")
    sibling_class = training_class(district, district.pingliang, title="平凉班组长培训")
    client = Client()
    client.force_login(district.users["member"])
    page = client.get(reverse("skills:m_home"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "定海班组长培训" in body and "平凉班组长培训" not in body
    assert client.post(reverse("skills:m_enrol", args=[sibling_class.pk])).status_code == 404
    assert client.post(reverse("skills:m_enrol", args=[street_class.pk])).status_code == 302
    assert Enrolment.unscoped.get().member == district.members["own"]


def test_staff_pages_answer(district):
    training = training_class(district)
    client = Client()
    client.force_login(district.users["district"])
    for url in (
        reverse("skills:classes"),
        reverse("skills:class", args=[training.pk]),
        reverse("skills:class_new"),
        reverse("skills:contests"),
        reverse("skills:contest_new"),
        reverse("skills:rewards"),
        reverse("skills:reward_new"),
        reverse("skills:payouts"),
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(reverse("skills:class_new"), {"title": "电工培训", "capacity": "x"})
    assert response.status_code == 400 and "电工培训" in response.content.decode()
