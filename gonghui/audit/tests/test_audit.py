"""AU-1…AU-3: records for sensitive actions, fail closed, tamper-evident chain."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.audit.services import audit_record, verify_chain
from gonghui.members.models import Member

pytestmark = pytest.mark.django_db


def test_member_reads_and_reveals_are_recorded_with_who_where_and_what(district):
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.force_login(district.users["chair"])
    member = district.members["own"]
    client.get(reverse("members:detail", args=[member.pk]))
    response = client.post(reverse("members:reveal", args=[member.pk]), {"field": "id_number"})
    assert member.id_number in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    read = AuditRecord.objects.get(action="member.read")
    reveal = AuditRecord.objects.get(action="member.reveal")
    for record in (read, reveal):
        assert record.actor == district.users["chair"]
        assert record.actor_path == district.dinghai_union.path
        assert record.object_id == str(member.pk) and record.ip == "10.1.2.3" and record.request_id
    assert reveal.detail == {"field": "id_number"}
    assert member.id_number not in str(reveal.detail)


def test_if_the_audit_write_fails_the_action_rolls_back(district):
    member = district.members["own"]
    from gonghui.members.services import member_set_status

    with (
        mock.patch("gonghui.audit.services._append", side_effect=DatabaseError("audit down")),
        pytest.raises(DatabaseError),
    ):
        member_set_status(member=member, status="left", actor=district.users["chair"])
    assert Member.unscoped.get(pk=member.pk).status == "active"


def test_if_the_audit_write_fails_a_reveal_shows_nothing(district):
    client = Client(raise_request_exception=False)
    client.force_login(district.users["chair"])
    member = district.members["own"]
    with mock.patch("gonghui.audit.services._append", side_effect=DatabaseError("audit down")):
        response = client.post(reverse("members:reveal", args=[member.pk]), {"field": "id_number"})
    assert response.status_code == 500 and member.id_number not in response.content.decode()


def test_records_cannot_be_updated_or_deleted(district):
    record = audit_record(actor=district.users["chair"], action="test.action")
    with pytest.raises(DatabaseError):
        AuditRecord.objects.filter(pk=record.pk).update(action="edited")
    with pytest.raises(DatabaseError):
        AuditRecord.objects.filter(pk=record.pk).delete()


def _without_append_only_guard():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred FK checks pending on the table
            cursor.execute("ALTER TABLE audit_auditrecord DISABLE TRIGGER audit_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("DROP TRIGGER audit_no_delete")


def test_verify_detects_an_edited_and_a_deleted_record(district):
    with mock.patch("gonghui.audit.services.chain_for", return_value=3):  # all four in one chain
        records = [audit_record(actor=district.users["chair"], action=f"test.{i}") for i in range(4)]
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()
    _without_append_only_guard()
    AuditRecord.objects.filter(pk=records[1].pk).update(detail={"forged": True})
    assert any("edited" in p for p in verify_chain())
    AuditRecord.objects.filter(pk=records[1].pk).delete()
    problems = verify_chain()
    assert any("deleted" in p for p in problems)
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_verify_detects_a_truncated_tail(district):
    records = [audit_record(actor=None, action=f"test.{i}") for i in range(3)]
    _without_append_only_guard()
    AuditRecord.objects.filter(pk=records[-1].pk).delete()
    assert any("head" in p for p in verify_chain())


def test_one_transaction_writes_to_one_chain(district):
    from django.db import transaction

    with transaction.atomic():
        records = [audit_record(actor=district.users["chair"], action=f"test.{i}") for i in range(6)]
    assert len({r.chain for r in records}) == 1
    assert verify_chain() == []
