"""Roster import: messy files, one outcome per row, atomic idempotent commit (FT-1),
upload limits (FX-1), ID checks on the import path (PI-5)."""

import io
import zipfile
from contextlib import contextmanager
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.members.models import Member, MemberStatusChange, RosterMapping, Transfer
from gonghui.members.roster import cells
from gonghui.members.roster.pipeline import commit_file, validate_file
from gonghui.members.roster.reader import RosterFileError
from gonghui.testing import add_member, make_id, make_phone

from .rosters import csv_bytes, good_rows, roster_id, xls, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_name(district):
    return district.units["dinghai_a"].name


@contextmanager
def recording_lookup_connections(used: list):
    """The pipeline's lookup_connection, each connection it gives recorded in `used`."""
    from gonghui.members.roster import pipeline

    original = pipeline.lookup_connection

    @contextmanager
    def recorded(alone):
        with original(alone) as lookups:
            used.append(lookups)
            yield lookups

    with mock.patch.object(pipeline, "lookup_connection", recorded):
        yield


def messy_rows(district, unit_name):
    rows = good_rows(1000, 5, unit_name)
    lost = 310110199001010000.0  # what Excel does to an 18-digit number
    bad_checksum = make_id(2000)[:-1] + ("0" if not make_id(2000).endswith("0") else "1")
    rows += [
        [6, "丢位数", lost, make_phone(2001), unit_name, "2015.3.1", "男", "本科"],
        [7, "错校验", bad_checksum, make_phone(2002), unit_name, "2015年3月1日", "男", "本科"],
        [8, "重复人", roster_id(1000), make_phone(2003), unit_name, "2015/03", "男", "本科"],
        [9, "外单位", make_id(2004, birth="19900101"), make_phone(2004), "别家公司", 42064, "男", "本科"],
        [
            10,
            "性别错",
            make_id(2005, birth="19900101"),
            make_phone(2005),
            unit_name,
            "2015-3-1",
            "女",
            "本科",
        ],
        [
            11,
            "全角",
            "３１０１１０" + make_id(2006, birth="19900101")[6:].lower(),
            "+86 139-0000-2006",
            unit_name,
            "2015-3-1",
            "男",
            "本科",
        ],
        [
            12,
            "坏日期",
            make_id(2007, birth="19900101"),
            make_phone(2007),
            unit_name,
            "2015-13-45",
            "男",
            "本科",
        ],
        [
            13,
            "老会员",
            district.members["sibling"].id_number,
            make_phone(2008),
            unit_name,
            "2015-3-1",
            "男",
            "本科",
        ],
    ]
    return rows


def test_a_messy_workbook_gets_one_outcome_per_row(district, unit_name):
    summary = validate_file(xlsx(messy_rows(district, unit_name)), "花名册.xlsx", district.dinghai_union)
    assert summary.rows == 13
    assert dict(summary.counts) == {"new": 6, "error": 6, "conflict": 1, "skipped": 2}
    reasons = {e["row"]: e["errors"] for e in summary.first_errors}
    assert "丢失" in reasons[11]["id_number"]
    assert "校验码" in reasons[12]["id_number"]
    assert "重复" in reasons[13]["id_number"]  # duplicates the first row of the file
    assert "不在本工会" in reasons[14]["unit"]
    assert "性别" in reasons[15]["gender"]
    assert "日期" in reasons[17]["joined_on"]
    assert summary.report is not None
    assert Member.unscoped.count() == 7  # validating writes nothing


def test_the_error_workbook_keeps_the_original_rows_and_marks_bad_cells(district, unit_name):
    from python_calamine import CalamineWorkbook

    summary = validate_file(xlsx(messy_rows(district, unit_name)), "花名册.xlsx", district.dinghai_union)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(summary.report)).get_sheet_by_index(0).to_python()
    assert sheet[0][:3] == ["原行号", "错误原因", "序号"]
    assert len(sheet) == 1 + 6
    assert any("错校验" in row for row in sheet)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_every_encoding_unions_use(district, unit_name, encoding):
    summary = validate_file(
        csv_bytes(good_rows(3000, 4, unit_name), encoding), "r.csv", district.dinghai_union
    )
    assert dict(summary.counts) == {"new": 4}


def test_old_xls_workbooks_are_read_too(district, unit_name):
    summary = validate_file(xls(good_rows(3100, 4, unit_name)), "花名册.xls", district.dinghai_union)
    assert dict(summary.counts) == {"new": 4}


def test_commit_writes_members_and_a_second_upload_changes_nothing(district, unit_name):
    data = xlsx(messy_rows(district, unit_name))
    summary = commit_file(data, "花名册.xlsx", district.dinghai_union, district.users["chair"])
    assert summary.counts["new"] == 6
    member = Member.unscoped.get(name="全角")
    assert member.id_number == make_id(2006, birth="19900101").upper() and member.phone == "13900002006"
    assert member.union == district.dinghai_union and member.path == district.dinghai_union.path
    assert member.unit == district.units["dinghai_a"] and member.joined_on.isoformat() == "2015-03-01"
    # The import is the new member's record; its status history holds changes only.
    assert summary.created[0] <= member.member_no <= summary.created[1]
    assert not MemberStatusChange.objects.filter(member=member).exists()
    transfer = Transfer.unscoped.get(member=district.members["sibling"])
    assert transfer.status == "pending" and transfer.to_union == district.dinghai_union
    assert Member.unscoped.get(pk=district.members["sibling"].pk).union == district.pingliang_union
    again = commit_file(data, "花名册.xlsx", district.dinghai_union, district.users["chair"])
    assert again.counts["unchanged"] == 6 and again.counts["new"] == 0
    assert Member.unscoped.count() == 13


def test_a_changed_phone_is_an_update(district, unit_name):
    commit_file(xlsx(good_rows(4000, 3, unit_name)), "a.xlsx", district.dinghai_union, None)
    rows = good_rows(4000, 3, unit_name)
    rows[1][3] = "13700004001"
    summary = validate_file(xlsx(rows), "a.xlsx", district.dinghai_union)
    assert dict(summary.counts) == {"unchanged": 2, "update": 1, "skipped": 2}
    commit_file(xlsx(rows), "a.xlsx", district.dinghai_union, None)
    assert Member.unscoped.get(name="职工4001").phone == "13700004001"


def test_a_failure_half_way_leaves_nothing_and_a_rerun_gives_the_same_result(district, unit_name):
    """FT-1 in-process: the second write batch fails; nothing of the first stays."""
    from gonghui.members.roster import pipeline

    data = xlsx(good_rows(5000, 12, unit_name))
    before = Member.unscoped.count()
    original = pipeline.Writer.__call__
    calls = {"n": 0}

    def failing(self, batch):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker died")
        original(self, batch)

    with (
        mock.patch.object(pipeline, "WRITE_BATCH", 5),
        mock.patch.object(pipeline.Writer, "__call__", failing),
        pytest.raises(RuntimeError),
    ):
        commit_file(data, "a.xlsx", district.dinghai_union, None)
    assert Member.unscoped.count() == before
    summary = commit_file(data, "a.xlsx", district.dinghai_union, None)
    assert summary.counts["new"] == 12 and Member.unscoped.count() == before + 12


def test_a_union_s_column_mapping_is_remembered(district, unit_name):
    header = ["姓名", "身份证号", "移动电话", "单位"]
    rows = [[f"职工{i}", make_id(i, birth="19900101"), make_phone(i), unit_name] for i in range(6000, 6003)]
    RosterMapping.objects.create(union=district.dinghai_union, columns={"移动电话": "phone"})
    summary = validate_file(xlsx(rows, header=header), "a.xlsx", district.dinghai_union)
    assert summary.mapping["移动电话"] == "phone" and summary.counts["new"] == 3


def test_renamed_executables_and_oversize_files_are_refused(district, settings):
    with pytest.raises(RosterFileError, match="无法识别"):
        validate_file(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "roster.xlsx", district.dinghai_union)
    settings.ROSTER_IMPORT_LIMITS = {**settings.ROSTER_IMPORT_LIMITS, "max_bytes": 1000}
    with pytest.raises(RosterFileError, match="过大"):
        validate_file(b"a" * 1001, "r.csv", district.dinghai_union)


def test_a_zip_bomb_is_refused(district, settings):
    settings.ROSTER_IMPORT_LIMITS = {**settings.ROSTER_IMPORT_LIMITS, "max_unpacked_bytes": 10 * 1024 * 1024}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(RosterFileError, match="解压后过大"):
        validate_file(buffer.getvalue(), "bomb.xlsx", district.dinghai_union)


def test_too_many_rows_are_refused_with_the_limit(district, unit_name, settings):
    settings.ROSTER_IMPORT_LIMITS = {**settings.ROSTER_IMPORT_LIMITS, "max_rows": 3}
    with pytest.raises(RosterFileError, match="行数超过上限"):
        validate_file(xlsx(good_rows(7000, 5, unit_name)), "a.xlsx", district.dinghai_union)


def test_a_file_without_a_header_says_so(district):
    with pytest.raises(RosterFileError, match="表头"):
        validate_file(csv_bytes([["a", "b"]], "utf-8", header=["甲", "乙"]), "r.csv", district.dinghai_union)


def test_legacy_fifteen_digit_ids_are_upgraded(district, unit_name):
    rows = [[1, "老身份证", "310110800101123", make_phone(8000), unit_name, "2015-3-1", "男", "本科"]]
    commit_file(xlsx(rows), "a.xlsx", district.dinghai_union, None)
    assert (
        Member.unscoped.get(name="老身份证").id_number
        == "31011019800101123" + Member.unscoped.get(name="老身份证").id_number[-1]
    )


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_every_single_character_change_is_an_error_on_import(position, char):
    number = make_id(42, birth="19800808")
    changed = number[:position] + char + number[position + 1 :]
    if changed == number:
        return
    with pytest.raises(cells.CellError):
        cells.id_number(changed)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2015-3-1", "2015-03-01"),
        ("2015.3.1", "2015-03-01"),
        ("2015年3月1日", "2015-03-01"),
        ("2015/03", "2015-03-01"),
        (42064, "2015-03-01"),
        ("20150301", "2015-03-01"),
    ],
)
def test_dates_as_people_type_them(raw, expected):
    assert cells.date(raw).isoformat() == expected


def test_header_synonyms(district, unit_name):
    header = ["会员姓名", "证件号码", "手机号码", "工作单位", "入会年月"]
    rows = [["某甲", make_id(9000, birth="19900101"), make_phone(9000), unit_name, "2016年5月"]]
    summary = validate_file(xlsx(rows, header=header), "a.xlsx", district.dinghai_union)
    assert summary.counts["new"] == 1, summary.first_errors
    assert set(summary.mapping.values()) == {"name", "id_number", "phone", "unit", "joined_on"}


def test_the_lookup_by_id_index_reads_members_as_the_orm_does(district):
    from gonghui.members.roster.validate import members_by_id_index

    clean = district.members["own"]
    flagged = add_member(district.dinghai_union, None, "待核", problem="duplicate")
    wanted = [clean.id_index, flagged.id_index, "0" * 40]
    found = members_by_id_index(wanted)
    assert [m.pk for m in found] == [clean.pk]  # a flagged record is not the person's record
    orm = Member.unscoped.get(pk=clean.pk)
    for field in Member._meta.concrete_fields:
        assert getattr(found[0], field.attname) == getattr(orm, field.attname), field.name


def test_one_clean_record_per_person_is_a_database_rule(district):
    from django.db import IntegrityError, transaction

    own = district.members["own"]
    twin = Member.unscoped.get(pk=own.pk)
    twin.pk, twin.member_no = None, "T-twin-0001"
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    twin.pk, twin.id_problem = None, "duplicate"
    twin.save()  # flagged as a duplicate, it may be kept until fixed
    assert Member.unscoped.filter(id_index=own.id_index).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_commit_of_its_own_looks_members_up_beside_it_and_ends_each_copy_on_a_thread(district, unit_name):
    """Outside any transaction the commit's lookups go over a second connection, and each
    batch's COPY ends on a thread while the next chunk is read; an update or a conflict waits
    for it. Numbers are taken in blocks and the unused tail is given back."""
    from gonghui.members.models import MemberNumberBlock
    from gonghui.members.roster import pipeline

    own = district.members["own"]
    rows = messy_rows(district, unit_name)
    rows.append([14, own.name, own.id_number, "13700009999", unit_name, "2014-5-1", "男", "本科"])
    used: list = []
    with (
        mock.patch.object(pipeline, "WRITE_BATCH", 2),
        mock.patch.object(pipeline.NumberBlocks, "BLOCK", 4),
        recording_lookup_connections(used),
    ):
        summary = commit_file(xlsx(rows), "花名册.xlsx", district.dinghai_union, district.users["chair"])
    assert used[0] is not None and used[0].connection is None  # a second connection, closed after
    assert dict(summary.counts) == {"new": 6, "error": 6, "conflict": 1, "update": 1, "skipped": 2}
    assert Member.unscoped.get(pk=own.pk).phone == "13700009999"
    assert Transfer.unscoped.filter(member=district.members["sibling"]).exists()
    numbers = sorted(Member.unscoped.filter(member_no__startswith="M").values_list("member_no", flat=True))
    first = int(numbers[0][1:])
    assert numbers == [f"M{n:09d}" for n in range(first, first + 6)]
    assert MemberNumberBlock.objects.get(pk=1).last == first + 5  # no gap left for the next import
    assert summary.created == (numbers[0], numbers[-1])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_copy_that_fails_as_it_ends_on_its_thread_fails_the_commit_and_leaves_nothing(district, unit_name):
    """The foreign keys are checked where a batch's COPY ends, on the thread that ends it: a
    row the server refuses there stops the commit, and nothing of it stays. (Citus passes its
    workers' refusal of a COPY row on as an internal error, with the worker's message.)"""
    from django.db import IntegrityError, InternalError, connection

    from gonghui.lib.scoping import on_cluster
    from gonghui.members.roster import pipeline

    before, history = Member.unscoped.count(), MemberStatusChange.objects.count()
    row = pipeline.MemberRows.row

    def with_a_missing_unit(self, values):
        return row(self, {**values, "unit_id": 987_654_321})

    rows = good_rows(3000, 5, unit_name)
    refused = (IntegrityError, InternalError) if on_cluster(Member) else IntegrityError
    with (
        mock.patch.object(pipeline, "WRITE_BATCH", 2),
        mock.patch.object(pipeline.MemberRows, "row", with_a_missing_unit),
        pytest.raises(refused, match="unit_id"),
    ):
        commit_file(csv_bytes(rows, "utf-8"), "花名册.csv", district.dinghai_union, district.users["chair"])
    assert Member.unscoped.count() == before
    assert MemberStatusChange.objects.count() == history
    with connection.cursor() as cursor:  # the connection is left fit for the next statement
        cursor.execute("SELECT 1")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_validation_of_its_own_looks_up_on_a_second_connection_with_the_same_outcomes(district, unit_name):
    """The preview, outside any transaction, looks members up over a connection of its own,
    a chunk ahead of the parsing (chunks of two here): the outcomes are those of the same file
    validated on the caller's connection, in-file duplicates across chunks included."""
    from django.db import transaction

    from gonghui.members.roster import validate

    data = xlsx(messy_rows(district, unit_name))
    used: list = []
    with mock.patch.object(validate, "CHUNK", 2):
        with recording_lookup_connections(used):
            ahead = validate_file(data, "花名册.xlsx", district.dinghai_union)
        with transaction.atomic():
            beside = validate_file(data, "花名册.xlsx", district.dinghai_union)
    assert used[0] is not None and used[0].connection is None  # a second connection, closed after
    assert dict(ahead.counts) == dict(beside.counts) == {"new": 6, "error": 6, "conflict": 1, "skipped": 2}
    assert ahead.first_errors == beside.first_errors
