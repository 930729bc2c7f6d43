"""PI-6 retention: the task erases what is past its period, keeps what the law keeps, audits
each run with its counts, and a second run changes nothing."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from gonghui.accounts.models import OneTimeCode, User
from gonghui.audit.models import AuditRecord
from gonghui.members.models import JoinApplication, Member, MemberPass, MemberStatusChange
from gonghui.members.services import join_application_reject, join_application_submit
from gonghui.privacy.models import Erasure
from gonghui.privacy.services import ERASED_KINDS
from gonghui.privacy.tasks import enforce_retention
from gonghui.testing.district import make_id, make_phone
from gonghui.testing.snapshot import changes, snapshot

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=3 * 365)


def old_records(d) -> None:
    """One record of each erasable kind past its period, and fresh ones beside them."""
    OneTimeCode.objects.create(phone_index="x", code_hash="h", expires_at=LONG_AGO)
    OneTimeCode.objects.create(phone_index="y", code_hash="h", expires_at=timezone.now())
    OneTimeCode.objects.filter(phone_index="x").update(created_at=LONG_AGO)
    MemberPass.objects.create(code="OLD1", member=d.members["own"], expires_at=LONG_AGO)
    MemberPass.objects.create(code="NEW1", member=d.members["own"], expires_at=timezone.now())
    for n, when in ((1, LONG_AGO), (2, timezone.now())):
        application = join_application_submit(
            name=f"申请人{n}",
            id_number=make_id(800 + n),
            phone=make_phone(800 + n),
            unit=d.units["dinghai_a"],
        )
        join_application_reject(application=application, reason="不符合条件", actor=d.users["chair"])
        JoinApplication.unscoped.filter(pk=application.pk).update(decided_at=when)
    # The district's former member left long ago; an active member's record is as old.
    Member.unscoped.filter(pk__in=[d.members["left"].pk, d.members["own"].pk]).update(created_at=LONG_AGO)
    MemberStatusChange.objects.filter(member=d.members["left"]).update(at=LONG_AGO)


def test_the_retention_task_erases_what_is_due_and_a_second_run_changes_nothing(district):
    d = district
    old_records(d)
    left = d.members["left"]
    first = enforce_retention.call()
    assert first["erased"] == {
        "login_codes": 1,
        "member_passes": 1,
        "join_refused": 1,
        "data_requests": 0,
        "former_members": 1,
    }
    gone = Member.unscoped.get(pk=left.pk)
    assert gone.name == "已删除" and gone.id_number == "" and gone.phone == ""
    assert gone.member_no == left.member_no and gone.union_id == left.union_id  # counted in past years
    assert Erasure.objects.get(member=left).cause == "retention"
    # Kept: the fresh records, and the active member however old their record.
    assert OneTimeCode.objects.count() == 1 and MemberPass.objects.get().code == "NEW1"
    assert JoinApplication.unscoped.count() == 1
    assert Member.unscoped.get(pk=d.members["own"].pk).name == "张定海"

    before = snapshot()
    second = enforce_retention.call()
    assert changes(before, snapshot()) == []
    assert set(second["erased"].values()) == {0}
    runs = AuditRecord.objects.filter(action="privacy.retention").order_by("at", "id")
    assert [r.detail["erased"]["former_members"] for r in runs] == [1, 0]


def test_a_member_who_rejoined_or_left_recently_is_not_erased(district):
    d = district
    Member.unscoped.filter(pk=d.members["left"].pk).update(created_at=LONG_AGO)
    MemberStatusChange.objects.create(
        member=d.members["left"],
        from_status="active",
        to_status="left",
        union=d.dinghai_union,
        at=timezone.now(),
    )
    assert enforce_retention.call()["erased"]["former_members"] == 0
    assert Member.unscoped.get(pk=d.members["left"].pk).name == "赵离开"
    assert not User.objects.filter(is_active=False).exists()


def test_the_command_runs_the_task_and_prints_its_counts(district):
    out = io.StringIO()
    call_command("retention", stdout=out)
    counts = json.loads(out.getvalue())
    assert set(counts["erased"]) == set(ERASED_KINDS)
    assert AuditRecord.objects.filter(action="privacy.retention").count() == 1
