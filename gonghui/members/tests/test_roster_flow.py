"""The back-office import flow (upload, progress, preview, errors, confirm, cancel)
and roster exports: masked by default, formula-safe (FX-2), scoped (AZ-3), audited."""

import csv
import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.members.models import Member, RosterImport
from gonghui.testing import add_member

from .rosters import good_rows, xlsx
from .test_roster_import import messy_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(district):
    client = Client()
    client.force_login(district.users["chair"])
    return client


def upload(client, district, data, name="花名册.xlsx", capture=None):
    with capture(execute=True):
        response = client.post(
            reverse("members:imports"),
            {
                "union": district.dinghai_union.pk,
                "file": SimpleUploadedFile(name, data),
            },
        )
    assert response.status_code == 302, response.content.decode()[:500]
    return RosterImport.unscoped.latest("pk")


def test_upload_preview_errors_and_confirm(district, chair, django_capture_on_commit_callbacks):
    job = upload(
        chair,
        district,
        xlsx(messy_rows(district, district.units["dinghai_a"].name)),
        capture=django_capture_on_commit_callbacks,
    )
    job.refresh_from_db()
    assert job.status == "ready" and job.counts == {"new": 6, "error": 6, "conflict": 1, "skipped": 2}
    page = chair.get(reverse("members:import", args=[job.pk])).content.decode()
    assert 'data-count="new">6<' in page and "丢失" in page
    errors = chair.get(reverse("members:import-errors", args=[job.pk]))
    assert errors["Content-Disposition"].startswith("attachment") and errors.content.startswith(b"PK")
    with django_capture_on_commit_callbacks(execute=True):
        chair.post(reverse("members:import-confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done"
    assert Member.unscoped.filter(union=district.dinghai_union).count() == 4 + 6
    assert {"roster.upload", "roster.confirm", "roster.import"} <= set(
        AuditRecord.objects.values_list("action", flat=True)
    )
    # The six new members are the job's range of numbers, which the audit record keeps too.
    created = Member.unscoped.filter(member_no__range=(job.first_member_no, job.last_member_no))
    new = Member.unscoped.filter(union=district.dinghai_union).exclude(
        pk__in=[m.pk for m in district.members.values()]
    )
    assert set(created) == set(new) and len(new) == 6
    imported = AuditRecord.objects.get(action="roster.import")
    assert imported.detail["created"] == [job.first_member_no, job.last_member_no]
    page = chair.get(reverse("members:detail", args=[created.first().pk])).content.decode()
    assert 'id="roster-import"' in page and job.filename in page
    older = chair.get(reverse("members:detail", args=[district.members["own"].pk])).content.decode()
    assert 'id="roster-import"' not in older
    with django_capture_on_commit_callbacks(execute=True):
        chair.post(reverse("members:import-confirm", args=[job.pk]))  # a second confirm does nothing
    assert Member.unscoped.filter(union=district.dinghai_union).count() == 10


def test_a_job_can_be_cancelled_before_the_commit(district, chair, django_capture_on_commit_callbacks):
    job = upload(
        chair,
        district,
        xlsx(good_rows(100, 3, district.units["dinghai_a"].name)),
        capture=django_capture_on_commit_callbacks,
    )
    chair.post(reverse("members:import-cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "cancelled"
    with django_capture_on_commit_callbacks(execute=True):
        chair.post(reverse("members:import-confirm", args=[job.pk]))
    assert not Member.unscoped.filter(name__startswith="职工1").exists()


def test_a_bad_upload_is_refused_on_the_spot(district, chair):
    response = chair.post(
        reverse("members:imports"),
        {
            "union": district.dinghai_union.pk,
            "file": SimpleUploadedFile("a.xlsx", b"MZ\x90\x00" + b"\x00" * 64),
        },
    )
    assert response.status_code == 200 and "无法识别的文件格式" in response.content.decode()
    assert not RosterImport.unscoped.exists()


def test_another_street_s_import_is_404(district, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(district.users["chair"])
    job = upload(
        client,
        district,
        xlsx(good_rows(200, 2, district.units["dinghai_a"].name)),
        capture=django_capture_on_commit_callbacks,
    )
    other = Client()
    other.force_login(district.users["pingliang_cadre"])
    for name in ("members:import", "members:import-errors"):
        assert other.get(reverse(name, args=[job.pk])).status_code == 404
    assert other.post(reverse("members:import-confirm", args=[job.pk])).status_code == 404
    assert (
        other.post(
            reverse("members:imports"),
            {"union": district.dinghai_union.pk, "file": SimpleUploadedFile("a.csv", b"x")},
        ).status_code
        == 200
    )  # the union is not a choice for them
    assert RosterImport.unscoped.count() == 1


def test_the_template_has_the_columns_and_an_example(district, chair):
    from python_calamine import CalamineWorkbook

    response = chair.get(reverse("members:import-template"))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[1][:3] == ["姓名", "身份证号", "手机"] and rows[2][0] == "张三"


def export_csv(client, **params):
    response = client.get(reverse("members:export"), {"format": "csv", **params})
    assert response.status_code == 200, response.content[:300]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_exports_are_masked_scoped_and_audited(district):
    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    rows = export_csv(client)
    body = str(rows)
    assert len(rows) == 1 + 5  # the street's five records, the header first
    for member in district.members.values():
        assert member.id_number not in body and member.phone not in body
    assert "孙平凉" not in body and "周平凉" not in body
    record = AuditRecord.objects.get(action="roster.export")
    assert record.detail["rows"] == 5 and record.detail["full"] is False


def test_a_full_export_needs_the_permission_and_a_purpose(district):
    cadre = district.users["dinghai_cadre"]
    client = Client()
    client.force_login(cadre)
    assert (
        client.get(reverse("members:export"), {"format": "csv", "full": "on", "purpose": "保险"}).status_code
        == 403
    )
    cadre.user_permissions.add(Permission.objects.get(codename="export_full_roster"))
    assert client.get(reverse("members:export"), {"format": "csv", "full": "on"}).status_code == 400
    rows = export_csv(client, full="on", purpose="办理团体保障")
    assert district.members["own"].id_number in str(rows)
    assert AuditRecord.objects.filter(action="roster.export", detail__purpose="办理团体保障").exists()


def test_exported_cells_are_never_formulas(district):
    add_member(district.dinghai_union, district.units["dinghai_a"], '=HYPERLINK("http://x")')
    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    rows = export_csv(client)
    names = [row[1] for row in rows]
    assert '\'=HYPERLINK("http://x")' in names
    response = client.get(reverse("members:export"), {"format": "xlsx"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "=HYPERLINK" in sheet.replace("&quot;", '"')  # kept as text, inline
