"""Member numbers taken by imports: an import's blocks do not hold up anyone else."""

import threading
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from django.db import connection

from gonghui.members.roster import pipeline
from gonghui.members.roster.pipeline import commit_file
from gonghui.members.services import join_application_approve, join_application_submit
from gonghui.testing import make_id, make_phone

from .rosters import good_rows, xlsx

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_join_elsewhere_gets_its_number_while_an_import_is_still_writing(district):
    """An import takes its numbers apart (committed at once): a member admitted in another
    street while the import's transaction is open gets a number without waiting for it."""
    writing, go = threading.Event(), threading.Event()
    finish = pipeline.Writer.finish

    def held_open(writer):
        writing.set()  # the members are written, the transaction still open
        assert go.wait(30)
        finish(writer)

    def run_import():
        try:
            return commit_file(
                xlsx(good_rows(3000, 5, district.units["dinghai_a"].name)),
                "花名册.xlsx",
                district.dinghai_union,
                None,
            )
        finally:
            connection.close()

    application = join_application_submit(
        name="并行入会", id_number=make_id(3100), phone=make_phone(3100), unit=district.units["pingliang_c"]
    )
    with mock.patch.object(pipeline.Writer, "finish", held_open), ThreadPoolExecutor(1) as pool:
        importing = pool.submit(run_import)
        assert writing.wait(60)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '5s'")  # waiting for the import would fail here
            joined = join_application_approve(application=application, actor=district.users["chair"])
        finally:
            go.set()
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")
        summary = importing.result(timeout=60)
    assert summary.counts["new"] == 5
    first, last = (int(n[1:]) for n in summary.created)
    assert last - first == 4 and not first <= int(joined.member_no[1:]) <= last
