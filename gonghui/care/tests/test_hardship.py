"""Hardship files and aid: the income test against the year's standard, the street's review and
the district's approval by a second person, the yearly review, aid approved after the money rules
and paid once through the ledger against a real-name receipt; documents encrypted, reads audited."""

import base64
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.care import services, storage
from gonghui.care.models import AidGrant, FamilyFile, FileDocument, FileStatus, Payout
from gonghui.members.passes import pass_issue
from gonghui.testing.care import ILLNESS, PDF, SITUATION

pytestmark = pytest.mark.django_db

PNG = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()


def test_a_family_above_the_line_is_not_filed(care):
    with pytest.raises(services.CareError) as above:
        services.file_open(
            member=care.d.members["own"],
            household_size=2,
            monthly_income=Decimal("4000.00"),
            situation="x",
            causes=[("unemployment", "")],
            actor=care.staff,
        )
    assert above.value.code == "income_test" and "2000.00" in str(above.value)
    file = care.file(care.d.members["own"], stage="submitted")  # 3600 for 3: 1200 a head
    assert file.status == FileStatus.SUBMITTED and file.below_line and file.number.startswith("KN")
    with pytest.raises(services.CareError) as twice:
        care.file(care.d.members["own"], stage="submitted")
    assert twice.value.code == "twice"


def test_the_street_reviews_with_the_income_proof_and_a_second_person_of_the_district_approves(care):
    d = care.d
    file = care.file(d.members["own"], stage="submitted")
    with pytest.raises(services.CareError) as chair:
        services.file_review(file=file, passed=True, actor=d.users["chair"])
    assert chair.value.code == "role"
    with pytest.raises(services.CareError) as no_proof:
        services.file_review(file=file, passed=True, actor=d.users["dinghai_cadre"])
    assert no_proof.value.code == "no_income_proof"
    services.document_upload(file=file, kind="income", filename="收入.pdf", data=PDF, actor=d.users["chair"])
    file = services.file_review(file=file, passed=True, actor=d.users["dinghai_cadre"])
    with pytest.raises(services.CareError) as street:
        services.file_approve(file=file, approve=True, actor=d.users["dinghai_cadre"])
    assert street.value.code == "role"
    FamilyFile.unscoped.filter(pk=file.pk).update(created_by=care.staff)
    with pytest.raises(services.CareError) as maker:
        services.file_approve(file=FamilyFile.unscoped.get(pk=file.pk), approve=True, actor=care.staff)
    assert maker.value.code == "same_person"
    opened = services.file_approve(file=file, approve=True, actor=care.checker)
    assert opened.status == FileStatus.OPEN and opened.opened_on is not None


def test_the_yearly_review_closes_a_file_out_of_hardship(care):
    file = care.file(care.d.members["own"])
    review = services.file_yearly_review(
        file=file, household_size=3, monthly_income=Decimal("3000"), actor=care.staff
    )
    assert review.result == "continue"
    with pytest.raises(services.CareError) as again:
        services.file_yearly_review(
            file=file, household_size=3, monthly_income=Decimal("3000"), actor=care.staff
        )
    assert again.value.code == "reviewed"
    services.standard_set(
        node=care.d.root, year=review.year + 1, income_line=Decimal("2100"), actor=care.staff
    )
    closing = services.file_yearly_review(
        file=file, household_size=2, monthly_income=Decimal("9000"), year=review.year + 1, actor=care.staff
    )
    assert closing.result == "close"
    file.refresh_from_db()
    assert file.status == FileStatus.CLOSED and file.closed_on is not None


def test_every_read_of_a_file_or_document_is_audited_and_both_are_encrypted(care, settings):
    d = care.d
    file = care.file(d.members["own"])
    document = FileDocument.unscoped.get(file=file)
    client = Client()
    client.force_login(d.users["dinghai_cadre"])
    page = client.get(reverse("care:file", args=[file.pk]))
    assert page.status_code == 200 and SITUATION in page.content.decode() and ILLNESS in page.content.decode()
    assert "6222021001122334455" not in page.content.decode()
    download = client.get(reverse("care:document", args=[document.pk]))
    assert download.content == PDF and "attachment" in download["Content-Disposition"]
    actions = list(
        AuditRecord.objects.filter(actor=d.users["dinghai_cadre"]).values_list("action", flat=True)
    )
    assert actions.count("care.file.read") == 1 and actions.count("care.document.read") == 1
    assert PDF not in storage.raw(document.storage_name)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT monthly_income, situation, bank_account FROM care_familyfile WHERE id = %s", [file.pk]
        )
        stored = " ".join(cursor.fetchone())
        cursor.execute("SELECT detail FROM care_filecause WHERE file_id = %s", [file.pk])
        stored += " ".join(row[0] for row in cursor.fetchall())
    for plain in ("3600", "尿毒症", "6222021001122334455", "透析"):
        assert plain not in stored


def test_a_cadre_of_one_street_cannot_see_another_street_s_files(care):
    d = care.d
    dinghai_file, pingliang_file = care.file(d.members["own"]), care.file(d.members["sibling"])
    client = Client()
    client.force_login(d.users["pingliang_cadre"])
    assert client.get(reverse("care:file", args=[dinghai_file.pk])).status_code == 404
    assert client.get(reverse("care:file", args=[pingliang_file.pk])).status_code == 200
    listing = client.get(reverse("care:files")).content.decode()
    assert pingliang_file.number in listing and dinghai_file.number not in listing
    document = FileDocument.unscoped.get(file=dinghai_file)
    assert client.get(reverse("care:document", args=[document.pk])).status_code == 404
    reads = AuditRecord.objects.filter(
        actor=d.users["pingliang_cadre"], action__in=["care.file.read", "care.document.read"]
    )
    assert list(reads.values_list("object_id", flat=True)) == [str(pingliang_file.pk)]


def test_aid_is_approved_by_a_second_person_of_the_district(care):
    d = care.d
    grant = care.grant(care.file(d.members["own"]))
    with pytest.raises(services.CareError) as street:
        services.grant_approve(grant=grant, actor=d.users["pingliang_cadre"])
    assert street.value.code == "role"
    AidGrant.unscoped.filter(pk=grant.pk).update(proposed_by=care.staff)
    with pytest.raises(services.CareError) as maker:
        services.grant_approve(grant=AidGrant.unscoped.get(pk=grant.pk), actor=care.staff)
    assert maker.value.code == "same_person"
    assert services.grant_approve(grant=grant, actor=care.checker).status == "approved"


def test_one_illness_aid_per_illness_a_year(care):
    file = care.file(care.d.members["own"])
    care.grant(file, kind="medical", amount="3000", approve=True)
    second = care.grant(file, kind="medical", amount="2000")
    with pytest.raises(services.CareError) as refused:
        services.grant_approve(grant=second, actor=care.staff)
    assert refused.value.code == "illness-once-a-year" and "同一疾病的医疗救助每年只能享受一次" in str(
        refused.value
    )
    assert AidGrant.unscoped.get(pk=second.pk).status == "proposed"
    assert care.grant(file, kind="living", amount="2000", approve=True).status == "approved"


def test_the_yearly_aid_cap_per_person(care):
    file = care.file(care.d.members["own"])
    care.grant(file, amount="15000", approve=True)
    over = care.grant(file, kind="schooling", amount="5000.01")
    with pytest.raises(services.CareError) as refused:
        services.grant_approve(grant=over, actor=care.staff)
    assert refused.value.code == "aid-yearly-cap"
    assert care.grant(file, kind="schooling", amount="5000.00", approve=True).status == "approved"


def test_a_payout_is_made_once_and_signed_for_by_the_worker(care):
    d = care.d
    grant = care.grant(care.file(d.members["own"]))
    with pytest.raises(services.CareError) as unapproved:
        services.payout_make(grant=grant, key="k-unapproved", signature=PNG, actor=care.staff)
    assert unapproved.value.code == "not_approved"
    services.grant_approve(grant=grant, actor=care.staff)
    with pytest.raises(services.CareError) as stranger:
        services.payout_make(
            grant=grant,
            key="k-stranger",
            scanned=pass_issue(member=d.members["colleague"]).token,
            actor=care.staff,
        )
    assert stranger.value.code == "not_the_person"
    payout = services.payout_make(
        grant=grant, key="k-first", scanned=pass_issue(member=d.members["own"]).token, actor=care.staff
    )
    assert (
        payout.amount == Decimal("1000.00")
        and payout.receipt == "pass"
        and payout.voucher_no.startswith("BF")
    )
    assert services.payout_make(grant=grant, key="k-first", signature=PNG, actor=care.staff).pk == payout.pk
    with pytest.raises(services.CareError) as twice:
        services.payout_make(grant=grant, key="k-second", signature=PNG, actor=care.staff)
    assert twice.value.code == "paid_twice"
    assert Payout.unscoped.count() == 1 and AidGrant.unscoped.get(pk=grant.pk).status == "paid"
