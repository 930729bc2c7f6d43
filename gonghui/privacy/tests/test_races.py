"""PI-6 on PostgreSQL with real threads: downloads asked at the same moment give one file a
minute; two retention runs at once erase a former member once."""

import datetime

import pytest
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.members.models import Member
from gonghui.privacy.models import Erasure
from gonghui.privacy.services import PrivacyError, personal_data_download, retention_enforce
from gonghui.testing import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_downloads_at_once_give_one_file_and_one_audit_record(district):
    member, account = district.members["own"], district.users["member"]

    def download(i: int) -> int:
        return personal_data_download(member=member, fmt="json", actor=account).rows

    results = run_together(download, 6, refused=(PrivacyError,))
    assert sum(r != "refused" for r in results) == 1
    assert AuditRecord.objects.filter(action="privacy.download").count() == 1


def test_two_retention_runs_at_once_erase_a_former_member_once(district):
    left = district.members["left"]
    Member.unscoped.filter(pk=left.pk).update(created_at=timezone.now() - datetime.timedelta(days=3 * 365))
    now = timezone.now()
    results = run_together(lambda i: retention_enforce(now)["erased"]["former_members"], 2)
    assert Erasure.objects.filter(member=left).count() == 1
    assert Member.unscoped.get(pk=left.pk).name == "已删除"
    assert 1 in results
