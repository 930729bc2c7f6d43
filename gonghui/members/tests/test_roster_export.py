"""The default roster export straight from PostgreSQL's COPY: the same bytes as the
Python export, formula-safe (FX-2), scoped (AZ-3); the masked copies it reads are
kept in step with the ID number and phone on every write path, and lists show them."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from gonghui.lib import crypto
from gonghui.lib.masking import mask_id, mask_phone
from gonghui.lib.spreadsheets import FORMULA_STARTS
from gonghui.members import services
from gonghui.members.models import Member
from gonghui.members.roster import export
from gonghui.members.roster.pipeline import commit_file
from gonghui.testing import add_member, make_id, make_phone

from .rosters import good_rows, xlsx

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = [
    '=HYPERLINK("http://x","点我")',
    "+1",
    "-2+3",
    "@x",
    "\tTAB",
    "\rCR",
    '逗号,引号"',
    "换行\n之后",
    "\\.",
]


def assert_masked_copies(member: Member) -> None:
    stored = Member.unscoped.values("id_masked", "phone_masked").get(pk=member.pk)
    fresh = Member.unscoped.get(pk=member.pk)
    assert stored == {"id_masked": mask_id(fresh.id_number), "phone_masked": mask_phone(fresh.phone)}


@pytest.fixture
def hostile(district):
    """Members whose every text a spreadsheet could run or a CSV writer must quote."""
    union, unit = district.dinghai_union, district.units["dinghai_a"]
    members = [add_member(union, unit, name) for name in HOSTILE_NAMES]
    nameless_unit = add_member(union, None, "无单位")
    Member.unscoped.filter(pk=nameless_unit.pk).update(
        phone="", phone_masked="", education="", birth_date=None
    )
    unit.name = "=SUM(A1)"
    unit.save()
    return members


def scoped(district, user="dinghai_cadre"):
    return Member.objects.visible_to(district.users[user])


def read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.postgres
def test_the_copy_export_gives_the_python_export_s_bytes(district, hostile):
    with connection.cursor() as cursor:
        cursor.execute("SET datestyle = 'German'")  # the export does not depend on the session's
    for members in (scoped(district), scoped(district).filter(status="left"), scoped(district, "chair")):
        copied = b"".join(export._copied_lines(members))
        assert copied and copied == b"".join(export._python_lines(members, full=False))
    assert b"".join(export.csv_stream(scoped(district), full=False)).count(b"'=HYPERLINK") == 1


@pytest.mark.postgres
def test_the_copy_export_keeps_the_caller_s_scope(district, hostile):
    rows = read(b"".join(export.csv_stream(scoped(district), full=False)))
    assert rows[0] == [label for label, _f in export.COLUMNS]
    numbers = {row[0] for row in rows[1:]}
    assert numbers == set(scoped(district).values_list("member_no", flat=True))
    assert district.members["sibling"].member_no not in numbers
    assert b"".join(export.csv_stream(Member.objects.none(), full=False)).count(b"\n") == 1


@pytest.mark.parametrize("path", ["copy", "python"])
def test_no_exported_cell_is_a_formula(district, hostile, path):
    if path == "copy" and connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    lines = export._copied_lines if path == "copy" else lambda m: export._python_lines(m, full=False)
    rows = read(b"".join(lines(scoped(district))))
    assert len(rows) == scoped(district).count()
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    names = {row[1] for row in rows}
    assert {"'" + n if n.startswith(FORMULA_STARTS) else n for n in HOSTILE_NAMES} <= names
    assert "'=SUM(A1)" in {row[6] for row in rows}
    own = next(row for row in rows if row[0] == district.members["own"].member_no)
    assert own[4] == mask_id(district.members["own"].id_number) and own[5] == mask_phone(
        district.members["own"].phone
    )
    assert own[2] == "男" and own[9] == "在册"


def test_saves_and_bulk_creates_fill_the_masked_copies(district):
    member = services.member_create(
        name="新会员",
        id_number=make_id(9001),
        phone=make_phone(9001),
        union=district.dinghai_union,
        actor=None,
    )
    assert_masked_copies(member)
    assert Member.unscoped.get(pk=member.pk).id_masked == "310***********" + make_id(9001)[-4:]
    member.phone = make_phone(9002)
    member.save(update_fields=["phone"])
    assert_masked_copies(member)
    services.member_correct_id(member=member, id_number=make_id(9003), actor=None)
    assert_masked_copies(member)
    [created] = Member.unscoped.bulk_create(
        [
            Member(
                name="批量",
                id_number=make_id(9004),
                phone=make_phone(9004),
                union=district.dinghai_union,
                path=district.dinghai_union.path,
                joined_on=member.joined_on,
                member_no="B9004",
            )
        ]
    )
    assert_masked_copies(created)


def test_the_roster_import_fills_the_masked_copies(district):
    unit_name = district.units["dinghai_a"].name
    commit_file(xlsx(good_rows(5000, 3, unit_name)), "a.xlsx", district.dinghai_union, None)
    imported = list(Member.unscoped.filter(name__startswith="职工"))
    assert len(imported) == 3
    for member in imported:
        assert_masked_copies(member)
    rows = good_rows(5000, 3, unit_name)
    rows[1][3] = "13700005001"
    commit_file(xlsx(rows), "a.xlsx", district.dinghai_union, None)
    changed = Member.unscoped.get(phone_masked="137****5001")
    assert changed.phone == "13700005001"
    assert_masked_copies(changed)


def test_the_migration_fills_the_masked_copies_of_existing_members(district):
    Member.unscoped.update(id_masked="", phone_masked="")
    migration = importlib.import_module("gonghui.members.migrations.0004_masked_copies")
    migration.fill_masked_copies(apps, None)
    for member in Member.unscoped.all():
        assert member.id_masked and member.id_masked == mask_id(member.id_number)
        assert member.phone_masked == mask_phone(member.phone)


def test_member_lists_show_the_masked_copies_without_decrypting(district, monkeypatch):
    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    own = district.members["own"]

    def refuse(self, token):
        raise AssertionError("a list decrypted a field")

    monkeypatch.setattr(crypto.AesGcmCipher, "decrypt", refuse)
    page = client.get(reverse("members:list")).content.decode()
    assert mask_id(own.id_number) in page and mask_phone(own.phone) in page
    [shown] = [m for m in client.get("/api/v1/members").json()["items"] if m["member_no"] == own.member_no]
    assert shown["id_number_masked"] == mask_id(own.id_number) and shown["phone_masked"] == mask_phone(
        own.phone
    )


@pytest.mark.postgres
def test_a_download_cut_short_leaves_the_connection_usable(district, hostile, monkeypatch):
    monkeypatch.setattr(export, "BLOCK_BYTES", 1)  # one block a line
    stream = export.csv_stream(scoped(district), full=False)
    header, first = next(stream), next(stream)
    assert header.startswith("\ufeff".encode()) and first.count(b"\n") == 1
    stream.close()  # the client went away
    assert scoped(district).count() == len(HOSTILE_NAMES) + 6
