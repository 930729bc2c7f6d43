"""普惠 claims: documents (FX-1), maker-checker and pay-once (MO-2), the append-only
ledger, encrypted health details, scoped routes (AZ-2) and audited reads (AU-1)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.cards import documents, services
from gonghui.cards.models import Claim, ClaimDocument, Payout

from .helpers import client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DETAILS = "确诊为急性白血病，住院化疗中"


def file_claim(world, member_key="own", actor=None, uploads=()):
    member = world.d.members[member_key]
    return services.claim_file(
        member=member,
        kind=Claim.Kind.SERIOUS_ILLNESS,
        occurred_on=timezone.localdate(),
        health_details=DETAILS,
        amount_requested=Decimal("10000.00"),
        uploads=list(uploads),
        actor=actor or world.d.users["district"],
    )


def approved(world, claim):
    services.claim_review(claim=claim, amount=Decimal("8000.00"), actor=world.d.users["dinghai_cadre"])
    return services.claim_approve(claim=claim, actor=world.d.users["district"])


def test_the_member_files_a_claim_with_a_document_in_the_portal(world):
    client = client_for(world.d.users["member"])
    response = client.post(
        reverse("cards:my-claim-new"),
        {
            "kind": "illness",
            "occurred_on": timezone.localdate().isoformat(),
            "amount_requested": "12000.00",
            "health_details": DETAILS,
            "documents": SimpleUploadedFile("诊断证明.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    claim = Claim.unscoped.get()
    assert claim.member == world.d.members["own"] and claim.amount_requested == Decimal("12000.00")
    document = claim.documents.get()
    assert document.content_type == "application/pdf" and document.filename == "诊断证明.pdf"
    stored = (documents.storage_dir() / document.stored_as).read_bytes()
    assert PDF not in stored and b"%PDF" not in stored  # encrypted at rest
    download = client.get(reverse("cards:my-claim-document", args=[claim.pk, document.pk]))
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert "no-store" in download["Cache-Control"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("诊断证明.pdf", b"MZ\x90\x00" + b"\x00" * 100, "不接受可执行文件"),
        ("化验单.jpg", b"PK\x03\x04" + b"\x00" * 100, "不接受压缩包"),
        ("病历.png", b"hello, this is text", "只接受PDF、JPEG或PNG"),
        ("超大.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "文件过大"),
    ],
)
def test_unsafe_documents_are_refused_with_a_chinese_message(world, name, content, message):
    """FX-1: a renamed .exe, a zip, an unknown format and an oversize file."""
    client = client_for(world.d.users["member"])
    response = client.post(
        reverse("cards:my-claim-new"),
        {
            "kind": "illness",
            "occurred_on": timezone.localdate().isoformat(),
            "amount_requested": "1000.00",
            "health_details": DETAILS,
            "documents": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Claim.unscoped.exists() and not ClaimDocument.unscoped.exists()
    folder = documents.storage_dir()
    assert not folder.exists() or not any(folder.iterdir())


def test_health_details_are_encrypted_at_rest(world):
    claim = file_claim(world)
    with connection.cursor() as cursor:
        cursor.execute("SELECT health_details FROM cards_claim WHERE id = %s", [claim.pk])
        raw = cursor.fetchone()[0]
    assert DETAILS not in raw and raw.startswith("a1:")
    assert Claim.unscoped.get(pk=claim.pk).health_details == DETAILS


def test_the_approver_must_not_be_the_reviewer(world):
    claim = file_claim(world)
    cadre = world.d.users["dinghai_cadre"]
    services.claim_review(claim=claim, amount=Decimal("8000.00"), actor=cadre)
    with pytest.raises(services.CardsError, match="不能与初审人为同一人"):
        services.claim_approve(claim=claim, actor=cadre)
    assert Claim.unscoped.get(pk=claim.pk).status == Claim.Status.REVIEWED
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.unscoped.filter(pk=claim.pk).update(approved_by=cadre, status="approved")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.unscoped.filter(pk=claim.pk).update(reviewed_by=None, approved_by=world.d.users["district"])
    services.claim_approve(claim=claim, actor=world.d.users["district"])
    assert Claim.unscoped.get(pk=claim.pk).status == Claim.Status.APPROVED


def test_a_claim_is_paid_once_into_an_append_only_ledger(world):
    claim = approved(world, file_claim(world))
    staff = world.d.users["district"]
    with pytest.raises(services.CardsError, match="区总工会"):
        services.claim_pay(claim=claim, actor=world.d.users["dinghai_cadre"])
    payout = services.claim_pay(claim=claim, actor=staff, reference="PAY-1")
    assert payout.amount == Decimal("8000.00") and isinstance(payout.amount, Decimal)
    with pytest.raises(services.CardsError, match=r"已支付|只有已批准"):
        services.claim_pay(claim=claim, actor=staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payout.unscoped.create(
            claim=claim, member=claim.member, amount=Decimal("1.00"), paid_at=timezone.now(), path=claim.path
        )
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        Payout.unscoped.filter(pk=payout.pk).update(amount=Decimal("9999.00"))
    with pytest.raises(RuntimeError):
        payout.delete()
    assert Payout.unscoped.get().amount == Decimal("8000.00")
    assert Claim.unscoped.get(pk=claim.pk).status == Claim.Status.PAID


def test_claim_routes_answer_404_out_of_scope_and_change_nothing(world):
    """AZ-2: a member sees their own claims only, cadres their subtree, others nothing."""
    own = file_claim(world, "own", uploads=[SimpleUploadedFile("a.pdf", PDF)])
    sibling = file_claim(world, "sibling", uploads=[SimpleUploadedFile("b.png", PNG)])
    colleague = file_claim(world, "colleague")
    visible = {
        "district": {own, sibling, colleague},
        "dinghai_cadre": {own, colleague},
        "pingliang_cadre": {sibling},
        "chair": {own, colleague},
        "member": set(),
        "mediator": set(),
        "cashier": set(),
    }
    for role, seen in visible.items():
        client = client_for(world.d.users[role])
        for claim in (own, sibling, colleague):
            document = claim.documents.first()
            urls = [reverse("cards:claim", args=[claim.pk])]
            if document:
                urls.append(reverse("cards:claim-document", args=[claim.pk, document.pk]))
            for url in urls:
                status = client.get(url).status_code
                assert status == (200 if claim in seen else 404), (role, url, status)
            if claim in seen:
                continue
            before = list(Claim.unscoped.order_by("id").values_list("status", "reviewed_by", "approved_by"))
            for name, data in (
                ("cards:claim-review", {"amount": "1.00"}),
                ("cards:claim-approve", {}),
                ("cards:claim-reject", {"note": "x"}),
                ("cards:claim-pay", {}),
                ("cards:claim-reveal", {}),
                ("cards:claim-upload", {"document": SimpleUploadedFile("c.pdf", PDF)}),
            ):
                assert client.post(reverse(name, args=[claim.pk]), data).status_code == 404, (role, name)
            after = list(Claim.unscoped.order_by("id").values_list("status", "reviewed_by", "approved_by"))
            assert before == after and not Payout.unscoped.exists()
    member = client_for(world.d.users["member"])
    own_doc = own.documents.get()
    assert member.get(reverse("cards:my-claim", args=[own.pk])).status_code == 200
    assert member.get(reverse("cards:my-claim-document", args=[own.pk, own_doc.pk])).status_code == 200
    for claim in (sibling, colleague):
        assert member.get(reverse("cards:my-claim", args=[claim.pk])).status_code == 404
    sibling_doc = sibling.documents.get()
    assert (
        member.get(reverse("cards:my-claim-document", args=[sibling.pk, sibling_doc.pk])).status_code == 404
    )
    # A document of another claim is not reachable through one's own claim either.
    assert member.get(reverse("cards:my-claim-document", args=[own.pk, sibling_doc.pk])).status_code == 404
    assert ClaimDocument.unscoped.count() == 2


def test_reads_reveals_approvals_and_payouts_are_audited(world):
    claim = file_claim(world)
    cadre = client_for(world.d.users["dinghai_cadre"])
    detail = cadre.get(reverse("cards:claim", args=[claim.pk]))
    assert DETAILS not in detail.content.decode()
    revealed = cadre.post(reverse("cards:claim-reveal", args=[claim.pk]))
    assert DETAILS in revealed.content.decode() and "no-store" in revealed["Cache-Control"]
    cadre.post(reverse("cards:claim-review", args=[claim.pk]), {"amount": "8000.00"})
    cadre.post(reverse("cards:claim-approve", args=[claim.pk]))  # refused: same person
    staff = client_for(world.d.users["district"])
    staff.post(reverse("cards:claim-approve", args=[claim.pk]))
    staff.post(reverse("cards:claim-pay", args=[claim.pk]), {"reference": "PAY-9"})
    actions = list(
        AuditRecord.objects.filter(action__startswith="cards.claim.")
        .order_by("id")
        .values_list("action", "result")
    )
    assert ("cards.claim.read", "ok") in actions and ("cards.claim.reveal", "ok") in actions
    assert ("cards.claim.review", "ok") in actions
    assert ("cards.claim.approve", "denied") in actions and ("cards.claim.approve", "ok") in actions
    assert ("cards.claim.pay", "ok") in actions
    assert Payout.unscoped.get().reference == "PAY-9"


def test_a_claim_needs_an_enrolment_in_that_year(world):
    with pytest.raises(services.CardsError, match="未参加基本保障"):
        services.claim_file(
            member=world.d.members["own"],
            kind=Claim.Kind.DEATH,
            occurred_on=datetime.date(2001, 1, 1),
            health_details="x",
            amount_requested=Decimal("1.00"),
            actor=world.d.users["district"],
        )
