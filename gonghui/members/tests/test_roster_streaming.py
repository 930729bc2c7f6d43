"""The import streams: xlsx rows as python-calamine would read them, duplicates found across
chunks through the temporary table, and nothing of that table left behind."""

import io

import pytest
from django.db import DatabaseError, connection, transaction
from python_calamine import CalamineWorkbook

from gonghui.lib.xlsx_rows import open_first_sheet
from gonghui.members.models import Member
from gonghui.members.roster import validate
from gonghui.members.roster.pipeline import commit_file, validate_file

from .rosters import good_rows, roster_id, xlsx
from .test_roster_import import messy_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_name(district):
    return district.units["dinghai_a"].name


def test_the_messy_workbooks_stream_as_calamine_reads_them(district, unit_name):
    for data in (
        xlsx(messy_rows(district, unit_name)),
        xlsx(good_rows(1, 3000, unit_name), title="很长的标题" * 20),
        xlsx(good_rows(1, 5, unit_name), notes=False, header=["姓名", "身份证号"]),
    ):
        calamine = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        streamed = open_first_sheet(data)
        assert list(streamed.rows) == list(calamine.iter_rows())
        assert streamed.merged == calamine.merged_cell_ranges


def test_duplicates_are_found_across_chunks_with_the_first_row(district, unit_name, monkeypatch):
    monkeypatch.setattr(validate, "CHUNK", 4)
    rows = good_rows(10_000, 12, unit_name)
    rows[10][2] = roster_id(10_001)  # file row 16 repeats the ID of file row 6, two chunks before
    summary = validate_file(xlsx(rows), "a.xlsx", district.dinghai_union)
    assert dict(summary.counts) == {"new": 11, "error": 1, "skipped": 2}
    assert [(e["row"], e["errors"]) for e in summary.first_errors] == [
        (16, {"id_number": "与第 6 行的身份证号重复"})
    ]


def test_a_commit_with_a_duplicate_in_a_later_batch_writes_the_first_row_only(
    district, unit_name, monkeypatch
):
    monkeypatch.setattr(validate, "CHUNK", 3)
    rows = good_rows(11_000, 7, unit_name)
    rows[6][2] = rows[0][2]
    before = Member.unscoped.count()
    summary = commit_file(xlsx(rows), "a.xlsx", district.dinghai_union, None)
    assert dict(summary.counts) == {"new": 6, "error": 1, "skipped": 2}
    assert Member.unscoped.count() == before + 6


def test_the_table_of_seen_ids_is_gone_afterwards(district, unit_name):
    validate_file(xlsx(good_rows(12_000, 3, unit_name)), "a.xlsx", district.dinghai_union)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {validate.SeenIds.TABLE}")
