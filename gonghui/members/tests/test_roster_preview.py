"""The preview a union reads before confirming: who is in error (name and masked ID), who will
be added, and which note or sign-off rows were skipped (skipped, not errors)."""

import io

import pytest
import xlsxwriter
from django.test import Client
from django.urls import reverse

from gonghui.lib.masking import mask_id
from gonghui.members.models import RosterImport
from gonghui.members.roster.pipeline import validate_file
from gonghui.members.roster.reader import is_note

from .rosters import HEADER, good_rows, roster_id
from .test_roster_flow import upload

pytestmark = pytest.mark.django_db


def sheet_with_sign_off(rows: list[list]) -> bytes:
    """A header, the rows, a note in the middle, and a sign-off row spread over several cells."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    r = 1
    for i, row in enumerate(rows):
        sheet.write_row(r, 0, [str(c) for c in row])
        r += 1
        if i == 1:
            sheet.write_row(r, 0, ["备注：以下为新入职职工"])
            r += 1
    sheet.write_row(r, 0, ["制表人：王五", "", "审核人：赵六", "", "日期：2024年1月5日"])
    book.close()
    return buffer.getvalue()


@pytest.fixture
def rows(district):
    rows = good_rows(70_000, 4, district.units["dinghai_a"].name)
    rows[2][2] = rows[2][2][:-1] + ("0" if rows[2][2][-1] != "0" else "1")  # a bad check digit
    return rows


def test_sign_off_and_note_rows_are_skipped_not_errors(district, rows):
    summary = validate_file(sheet_with_sign_off(rows), "a.xlsx", district.dinghai_union)
    assert dict(summary.counts) == {"new": 3, "error": 1, "skipped": 2}
    assert [n["row"] for n in summary.notes] == [4, 7]
    assert summary.notes[1]["text"].startswith("制表人：王五 审核人：赵六")


def test_errors_and_new_rows_carry_the_name_and_the_masked_id(district, rows):
    summary = validate_file(sheet_with_sign_off(rows), "a.xlsx", district.dinghai_union)
    (error,) = summary.first_errors
    assert error["name"] == rows[2][1] and error["id"] == mask_id(rows[2][2]) != rows[2][2]
    assert [(r["name"], r["id"]) for r in summary.first_new] == [
        (row[1], mask_id(row[2])) for row in (rows[0], rows[1], rows[3])
    ]


def test_the_preview_page_lists_them_without_a_full_id(district, rows, django_capture_on_commit_callbacks):
    chair = Client()
    chair.force_login(district.users["chair"])
    job = upload(chair, district, sheet_with_sign_off(rows), capture=django_capture_on_commit_callbacks)
    job = RosterImport.unscoped.get(pk=job.pk)
    assert job.status == "ready"
    page = chair.get(reverse("members:import", args=[job.pk])).content.decode()
    assert 'data-count="skipped">2<' in page and 'data-count="error">1<' in page
    errors = page[page.index('id="import-errors"') : page.index("</table>", page.index('id="import-errors"'))]
    assert rows[2][1] in errors and mask_id(rows[2][2]) in errors
    added = page[page.index('id="import-new"') : page.index("</table>", page.index('id="import-new"'))]
    assert all(row[1] in added for row in (rows[0], rows[1], rows[3])) and rows[2][1] not in added
    assert "制表人：王五" in page[page.index('id="import-notes"') :]
    assert not [row[2] for row in rows if row[2] in page]


@pytest.mark.parametrize(
    ("cells", "note"),
    [
        (["制表人：张三"], True),
        (["制表人：张三", "审核人：李四", "填报日期：2024-01-05"], True),
        (["合计", "125人"], True),
        (["注：身份证号请设为文本格式"], True),
        (["1", "张三", roster_id(1)], False),
        (["张三", "备注：无"], False),  # a person whose row has a remark
        (["注：张三", roster_id(2)], False),  # an ID number makes it a person's row
    ],
)
def test_what_counts_as_a_note(cells, note):
    assert is_note(cells) is note
