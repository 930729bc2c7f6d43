"""Contention on real PostgreSQL with real threads, each on its own connection."""

from functools import partial

import pytest

from gonghui.audit.models import AuditRecord
from gonghui.audit.services import audit_record, verify_chain
from gonghui.members.models import Member
from gonghui.members.services import MembershipError, join_application_approve, join_application_submit
from gonghui.testing import make_id, make_phone
from gonghui.testing import run_together as run_all

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 20
run_together = partial(run_all, n=THREADS)


def test_parallel_approvals_of_one_application_admit_one_member(district):
    application = join_application_submit(
        name="并发",
        id_number=make_id(600, birth="19930303"),
        phone=make_phone(600),
        unit=district.units["dinghai_a"],
    )
    chair = district.users["chair"]

    def approve(_i):
        try:
            join_application_approve(application=application, actor=chair)
            return "ok"
        except MembershipError:
            return "refused"

    results = run_together(approve)
    assert results.count("ok") == 1 and results.count("refused") == THREADS - 1
    assert Member.unscoped.filter(name="并发").count() == 1


def test_parallel_audit_writes_keep_one_unbroken_chain(district):
    before = AuditRecord.objects.count()
    run_together(lambda i: audit_record(actor=None, action=f"race.{i}"))
    assert AuditRecord.objects.count() == before + THREADS
    assert verify_chain() == []
