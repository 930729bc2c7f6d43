import datetime

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.lib.workdays import add_working_days
from gonghui.members.models import JoinApplication, Member, MemberStatusChange
from gonghui.members.services import (
    MembershipError,
    join_application_approve,
    join_application_reject,
    join_application_submit,
    member_correct_id,
    member_create,
    transfer_approve,
    transfer_request,
)
from gonghui.testing import make_id, make_phone

pytestmark = pytest.mark.django_db


def apply(district, n=500, unit="dinghai_a"):
    return join_application_submit(
        name="吴新人", id_number=make_id(n, birth="19950707"), phone=make_phone(n), unit=district.units[unit]
    )


def test_an_application_is_routed_to_the_union_of_the_unit_with_a_15_working_day_deadline(district):
    application = apply(district)
    assert application.union == district.dinghai_union
    submitted = application.submitted_at.astimezone().date()
    assert application.due_on == add_working_days(submitted, 15)
    assert (application.due_on - submitted).days >= 19  # three weekends at least


def test_fifteen_working_days_skip_weekends():
    assert add_working_days(datetime.date(2026, 11, 20), 15) == datetime.date(2026, 12, 11)


def test_approval_creates_a_member_with_history_and_audit(district):
    application = apply(district)
    member = join_application_approve(application=application, actor=district.users["chair"])
    assert member.union == district.dinghai_union and member.status == "active"
    assert member.gender == "M" and member.birth_date == datetime.date(1995, 7, 7)
    assert MemberStatusChange.objects.filter(member=member, to_status="active").exists()
    assert AuditRecord.objects.filter(action="join.approve", object_id=str(application.pk)).exists()
    with pytest.raises(MembershipError):
        join_application_approve(application=application, actor=district.users["chair"])


def test_rejection_needs_a_reason(district):
    application = apply(district)
    with pytest.raises(MembershipError):
        join_application_reject(application=application, reason="  ", actor=district.users["chair"])
    join_application_reject(application=application, reason="非本单位职工", actor=district.users["chair"])
    assert JoinApplication.unscoped.get(pk=application.pk).status == "rejected"


def test_bad_input_gets_a_chinese_message_and_stores_nothing(district):
    with pytest.raises(MembershipError, match="校验码"):
        join_application_submit(
            name="错号",
            id_number=make_id(1)[:-1] + "0" if not make_id(1).endswith("0") else make_id(1)[:-1] + "1",
            phone=make_phone(1),
            unit=district.units["dinghai_a"],
        )
    with pytest.raises(MembershipError, match="尚未建立工会"):
        join_application_submit(
            name="无工会", id_number=make_id(501), phone=make_phone(501), unit=district.units["dinghai_none"]
        )
    with pytest.raises(MembershipError, match="已是在册会员"):
        join_application_submit(
            name="老会员",
            id_number=district.members["own"].id_number,
            phone=make_phone(502),
            unit=district.units["dinghai_a"],
        )
    assert not JoinApplication.unscoped.exists()


def test_a_second_record_with_the_same_id_is_refused_and_a_flagged_one_can_be_fixed(district):
    with pytest.raises(MembershipError):
        member_create(
            name="重复",
            id_number=district.members["own"].id_number,
            union=district.dinghai_union,
            actor=district.users["chair"],
        )
    flagged = district.members["flagged"]
    assert not flagged.is_counted
    member_correct_id(member=flagged, id_number=make_id(777, birth="19880808"), actor=district.users["chair"])
    assert Member.unscoped.get(pk=flagged.pk).is_counted


def test_the_chair_approves_from_the_queue(district):
    application = apply(district)
    client = Client()
    client.force_login(district.users["chair"])
    page = client.get(reverse("members:joins")).content.decode()
    assert "吴新人" in page and make_id(500, birth="19950707") not in page
    client.post(reverse("members:join-approve", args=[application.pk]))
    assert JoinApplication.unscoped.get(pk=application.pk).status == "approved"


def test_member_search_by_initials_exact_id_and_phone(district):
    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    own = district.members["own"]
    for query in ("zdh", own.id_number.lower(), own.phone, "张定海"):
        page = client.post(reverse("members:list"), {"q": query}, follow=True).content.decode()
        assert own.member_no in page, query
        assert district.members["colleague"].member_no not in page, query
    sibling = district.members["sibling"]
    assert (
        sibling.member_no
        not in client.post(reverse("members:list"), {"q": sibling.id_number}, follow=True).content.decode()
    )


def test_a_transfer_keeps_the_employer_within_its_district_and_leaves_it_outside(district):
    """A member moved to another union without a new employer keeps theirs while it is in the
    same district; moved to another district, they have left it (a city's cluster holds a member
    and their employer on one shard). A new employer must be in the receiving union's district."""
    staff, unit = district.users["district"], district.units["dinghai_a"]
    near, far = district.members["own"], district.members["colleague"]
    moved = transfer_approve(
        transfer=transfer_request(member=near, to_union=district.dinghai_union_b, actor=staff), actor=staff
    )
    assert moved.unit == unit and Member.unscoped.get(pk=near.pk).unit_id == unit.pk
    moved = transfer_approve(
        transfer=transfer_request(member=far, to_union=district.pingliang_union, actor=staff), actor=staff
    )
    assert moved.unit is None and Member.unscoped.get(pk=far.pk).unit_id is None
    with pytest.raises(MembershipError, match="所选单位不在接收工会所在的区域"):
        transfer_request(member=near, to_union=district.pingliang_union, to_unit=unit, actor=staff)
