"""Founding a union online: routing with a deadline, the founding through the spine (a new
grassroots union covers the unit and the coverage rates move), refusals, joining drives."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.federation import services
from gonghui.federation.models import FoundingApplication, FoundingStatus
from gonghui.federation.selectors import federation_figures
from gonghui.lib.figures import Period
from gonghui.lib.workdays import add_working_days
from gonghui.organizations.models import Node, Unit
from gonghui.organizations.services import OrganizationError, union_found
from gonghui.results.registry import figure_set

pytestmark = pytest.mark.django_db


def submit(d, unit=None, park=None):
    return services.founding_submit(
        unit=unit or d.units["dinghai_none"],
        applicant_kind="employer",
        contact_name="人事经理",
        contact_phone="13912340002",
        workers=30,
        park=park,
        actor=d.users["dinghai_cadre"],
    )


def test_an_application_goes_to_the_street_or_its_park_union_with_a_deadline(district):
    cadre = district.users["dinghai_cadre"]
    application = submit(district)
    assert application.routed_to == district.dinghai
    assert application.due_on == add_working_days(timezone.localdate(), 15)
    assert application.contact_phone_masked == "139****0002"
    services.founding_reject(application=application, reason="材料不全", actor=cadre)
    park = Node.objects.add_child(district.dinghai, {"name": "定海标记园区工会", "kind": Node.Kind.PARK})
    routed = submit(district, park=park)
    assert routed.routed_to == park and routed.path == park.path
    services.founding_reject(application=routed, reason="重复", actor=cadre)
    sibling_park = Node.objects.add_child(district.pingliang, {"name": "平凉园区", "kind": Node.Kind.PARK})
    # a park of another street is not the unit's: the street answers
    assert submit(district, park=sibling_park).routed_to == district.dinghai


def test_one_open_application_per_unit_and_none_for_a_covered_unit(district):
    submit(district)
    with pytest.raises(services.FederationError, match="办理中"):
        submit(district)
    with pytest.raises(services.FederationError, match="已建立工会"):
        submit(district, unit=district.units["dinghai_a"])


def test_recording_the_founding_creates_the_union_and_moves_the_coverage(district):
    spine = figure_set("")
    before = spine.compute(district.dinghai, None)
    application = submit(district)
    services.founding_accept(application=application, actor=district.users["dinghai_cadre"])
    day = timezone.localdate() - datetime.timedelta(days=1)
    done = services.founding_record(
        application=application,
        union_name="定海标记未建会公司工会",
        chair_name="赵主席",
        first_meeting_on=day,
        founded_on=day,
        founding_members=25,
        actor=district.users["dinghai_cadre"],
    )
    assert done.status == FoundingStatus.FOUNDED and done.union.kind == Node.Kind.GRASSROOTS
    assert done.union.path.startswith(district.dinghai.path) and done.union.founded_on == day
    unit = Unit.unscoped.get(pk=district.units["dinghai_none"].pk)
    assert unit.union == done.union and unit.covered_on == day and unit.path == done.union.path
    after = spine.compute(district.dinghai, None)
    assert after["covered_units"] == before["covered_units"] + 1
    assert after["unions"] == before["unions"] + 1
    assert after["establishment_rate"] > before["establishment_rate"]
    assert AuditRecord.objects.filter(
        action="organizations.union.found", object_id=str(done.union.pk)
    ).exists()
    assert federation_figures(district.root)["unions_founded"] == 1
    with pytest.raises(services.FederationError):
        services.founding_accept(application=done, actor=district.users["dinghai_cadre"])


def test_the_spine_refuses_a_union_outside_the_units_street_or_for_a_covered_unit(district):
    unit = district.units["dinghai_none"]
    with pytest.raises(OrganizationError):
        union_found(
            unit=unit,
            parent=district.pingliang,
            name="错工会",
            founded_on=timezone.localdate(),
            chair_name="甲",
            actor=None,
        )
    with pytest.raises(OrganizationError):
        union_found(
            unit=district.units["dinghai_a"],
            parent=district.dinghai,
            name="再建",
            founded_on=timezone.localdate(),
            chair_name="甲",
            actor=None,
        )
    assert not Node.objects.filter(name__in=["错工会", "再建"]).exists()
    assert FoundingApplication.unscoped.count() == 0


def test_joining_drives_count_their_joinings(district):
    staff = district.users["district"]
    drive = services.drive_create(
        node=district.dinghai,
        name="农民工集中入会行动",
        starts_on=datetime.date(2016, 3, 1),
        ends_on=datetime.date(2016, 5, 31),
        target=500,
        actor=staff,
    )
    services.drive_joining_record(drive=drive, held_on=datetime.date(2016, 3, 8), joined=120, actor=staff)
    services.drive_joining_record(
        drive=drive,
        held_on=datetime.date(2016, 4, 8),
        joined=80,
        unit=district.units["dinghai_a"],
        actor=staff,
    )
    with pytest.raises(services.FederationError):
        services.drive_joining_record(drive=drive, held_on=datetime.date(2016, 7, 1), joined=5, actor=staff)
    with pytest.raises(services.FederationError):
        services.drive_joining_record(
            drive=drive,
            held_on=datetime.date(2016, 4, 9),
            joined=5,
            unit=district.units["pingliang_c"],
            actor=staff,
        )
    assert federation_figures(district.root, Period.year(2016))["collective_joinings"] == 200
    assert federation_figures(district.pingliang)["collective_joinings"] == 0


def test_a_worker_applies_on_the_portal_by_the_units_credit_code_only(client, district):
    client.force_login(district.users["member"])
    unit = district.units["dinghai_none"]
    form = {
        "unit": unit.name,
        "applicant_kind": "workers",
        "contact_name": "职工代表",
        "contact_phone": "13912340005",
        "workers": "30",
    }
    page = client.post(reverse("federation:m_found"), form).content.decode()
    assert "未找到该单位" in page and not FoundingApplication.unscoped.exists()  # no directory by name
    assert client.post(reverse("federation:m_found"), {**form, "unit": unit.uscc}).status_code == 302
    application = FoundingApplication.unscoped.get()
    assert application.applicant == district.users["member"] and application.routed_to == district.dinghai
    page = client.get(reverse("federation:m_found")).content.decode()
    assert unit.name in page and "13912340005" not in page
