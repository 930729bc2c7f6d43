"""PI-1 / PI-3 for narratives, AU-1 for case reads, FX-1 for case documents."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.disputes import services, storage
from gonghui.disputes.models import CaseDocument

from .conftest import NARRATIVE

pytestmark = pytest.mark.django_db

ROLES = ["district", "dinghai_cadre", "pingliang_cadre", "chair", "mediator", "member", "cashier"]
LIST_URLS = [
    "/disputes/",
    "/disputes/?status=received",
    "/disputes/?channel=walk_in",
    "/disputes/?overdue=on",
    "/disputes/network/",
    "/disputes/my/",
    "/disputes/inspections/",
    "/disputes/letters/",
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n" + "标记材料内容".encode() + b"\n%%EOF"


def client_for(district, username: str) -> Client:
    client = Client()
    client.force_login(district.users[username])
    return client


def raw_column(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")
        return [row[0] for row in cursor.fetchall()]


def test_narratives_and_notes_are_ciphertext_in_the_table(district, network):
    """PI-1: the raw column holds no narrative; the model gives it back."""
    case = network.cases["own"]
    services.case_accept(case=case, actor=district.users["mediator"])
    services.case_note(case=case, note="标记调解记录：单位同意分期支付", actor=district.users["mediator"])
    narratives = raw_column("disputes_case", "narrative")
    assert len(narratives) == 4
    for value in narratives:
        assert value.startswith("a1:") and "标记" not in value
    notes = raw_column("disputes_caseevent", "note")
    assert not any("标记调解记录" in (value or "") for value in notes)
    phones = raw_column("disputes_caseparty", "phone")
    assert not any("139" in (value or "") for value in phones)
    assert type(case).unscoped.get(pk=case.pk).narrative == NARRATIVE


@pytest.mark.parametrize("role", ROLES)
def test_no_list_page_shows_a_narrative_or_a_full_phone(district, network, role):
    """PI-3: lists show numbers, categories and status, never what the worker told."""
    client = client_for(district, role)
    secrets = ["标记案情", district.members["own"].phone, "13912345678"]
    for url in LIST_URLS:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, f"{role} {url}"


def test_the_case_file_masks_party_phones(district, network):
    body = client_for(district, "district").get(reverse("disputes:case", args=[network.cases["subtree"].pk]))
    text = body.content.decode()
    assert "标记案情" in text  # the case file itself shows the narrative, to those in reach
    assert "13912345678" not in text and "139****5678" in text


def test_every_read_of_a_case_is_audited(district, network):
    """AU-1: one record per read, with actor, node, object, IP and request id."""
    case = network.cases["own"]
    before = AuditRecord.objects.filter(action="case.read").count()
    client = client_for(district, "dinghai_cadre")
    client.get(reverse("disputes:case", args=[case.pk]), REMOTE_ADDR="10.1.2.3", HTTP_X_REQUEST_ID="req-42")
    client.get(reverse("disputes:case", args=[case.pk]))
    client_for(district, "member").get(reverse("disputes:my-case", args=[case.pk]))
    records = list(AuditRecord.objects.filter(action="case.read").order_by("id")[before:])
    assert len(records) == 3
    first = records[0]
    assert first.actor == district.users["dinghai_cadre"] and first.actor_path == district.dinghai.path
    assert (first.object_type, first.object_id) == ("disputes.case", str(case.pk))
    assert first.ip == "10.1.2.3" and first.request_id == "req-42"
    assert records[2].actor == district.users["member"]


def test_a_refused_read_leaves_no_read_record(district, network):
    before = AuditRecord.objects.filter(action="case.read").count()
    client_for(district, "pingliang_cadre").get(reverse("disputes:case", args=[network.cases["own"].pk]))
    assert AuditRecord.objects.filter(action="case.read").count() == before


def test_documents_are_checked_encrypted_and_served_as_attachments(district, network, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    case = network.cases["own"]
    client = client_for(district, "mediator")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("../../etc/工资条.pdf", PDF, content_type="text/html")
    assert client.post(reverse("disputes:case-upload", args=[case.pk]), {"file": upload}).status_code == 302
    document = CaseDocument.objects.get(case=case)
    assert document.filename == "工资条.pdf" and document.content_type == "application/pdf"
    at_rest = storage.raw(document.storage_name)
    assert b"%PDF" not in at_rest and "标记材料内容".encode() not in at_rest
    assert not (tmp_path / "disputes" / document.storage_name).is_relative_to(
        settings.BASE_DIR / "gonghui" / "static"
    )
    response = client.get(reverse("disputes:document", args=[document.pk]))
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf" and "no-store" in response["Cache-Control"]
    assert AuditRecord.objects.filter(action="case.document.read", object_id=str(document.pk)).count() == 1
    assert (
        client_for(district, "pingliang_cadre")
        .get(reverse("disputes:document", args=[document.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script></html>", b"MZ\x90\x00executable", b"PK\x03\x04zip", b""],
)
def test_uploads_other_than_pdf_jpeg_png_are_refused(district, network, settings, tmp_path, content):
    settings.VAR_DIR = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(district, "mediator")
    upload = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")
    client.post(reverse("disputes:case-upload", args=[network.cases["own"].pk]), {"file": upload})
    assert not CaseDocument.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(district, network, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(storage, "MAX_BYTES", 1000)
    with pytest.raises(storage.UploadRefused):
        services.document_upload(
            case=network.cases["own"],
            filename="big.png",
            data=b"\x89PNG\r\n\x1a\n" + b"0" * 2000,
            actor=district.users["mediator"],
        )
    assert not CaseDocument.objects.exists()
