"""PI-6, across modules: a member downloads all their own data (and nothing of anyone else's),
asks for a correction their union answers, asks for deletion, and records past their period
are erased by a task that is safe to run twice."""

import datetime
import io
import json
import time
import zipfile
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.audit.models import AuditRecord
from gonghui.cards import services as cards
from gonghui.cards.models import Claim, Payout
from gonghui.culture.models import Standing
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.members.services import member_set_status
from gonghui.privacy.models import DataRequest, RequestStatus
from gonghui.privacy.services import correction_request, deletion_request
from gonghui.testing.cards import build_world

pytestmark = pytest.mark.django_db

OWN_DETAILS = "确诊为急性白血病，住院化疗中"
OTHER_DETAILS = "腰椎骨折，住院手术"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def paid_claim(world, key: str, details: str) -> Claim:
    staff = world.d.users["district"]
    claim = cards.claim_file(
        member=world.d.members[key],
        kind=Claim.Kind.SERIOUS_ILLNESS,
        occurred_on=timezone.localdate(),
        health_details=details,
        amount_requested=Decimal("10000.00"),
        actor=staff,
    )
    cards.claim_review(claim=claim, amount=Decimal("8000.00"), actor=world.d.users["dinghai_cadre"])
    cards.claim_approve(claim=claim, actor=staff)
    cards.claim_pay(claim=claim, actor=staff, reference=f"PAY-{key}")
    return claim


@pytest.fixture
def world(district):
    w = build_world(district)
    paid_claim(w, "own", OWN_DETAILS)
    paid_claim(w, "colleague", OTHER_DETAILS)
    colleague = district.members["colleague"]
    district.users["colleague"] = User.objects.create(
        username="colleague", role=Role.MEMBER, member=colleague, phone=colleague.phone
    )
    return w


def download(user: User, fmt: str):
    return client_for(user).get(reverse("privacy:m_download") + f"?fmt={fmt}")


def test_the_download_holds_the_members_own_records_and_none_of_another_members(world):
    d = world.d
    own, other = d.members["own"], d.members["colleague"]
    response = download(d.users["member"], "json")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    document = json.loads(body)
    kinds = {s["kind"]: s for s in document["sections"]}
    assert {"members.member", "cards.cards", "cards.claims", "cards.payouts", "accounts.logins"} <= set(kinds)
    # The member's own numbers, in full: the download is for them alone.
    assert own.id_number in body and own.phone in body and OWN_DETAILS in body
    assert len(kinds["cards.payouts"]["rows"]) == 1 and kinds["cards.payouts"]["kept"]
    # None of the colleague's: name, numbers, member number, claim.
    for value in (other.name, other.id_number, other.phone, other.member_no, OTHER_DETAILS):
        assert value not in body
    # The other way round, with the colleague's own account.
    theirs = download(d.users["colleague"], "json").content.decode()
    assert other.id_number in theirs and OTHER_DETAILS in theirs
    assert own.id_number not in theirs and OWN_DETAILS not in theirs and own.member_no not in theirs


def test_the_workbook_has_a_sheet_per_kind_and_the_download_is_audited_and_rate_limited(world):
    d = world.d
    started = time.perf_counter()
    response = download(d.users["member"], "xlsx")
    took = time.perf_counter() - started
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    book = zipfile.ZipFile(io.BytesIO(response.content))
    workbook = book.read("xl/workbook.xml").decode()
    strings = book.read("xl/sharedStrings.xml").decode()
    for sheet in ("说明", "会员信息", "会员卡", "保障理赔", "保障给付"):
        assert f'name="{sheet}"' in workbook
    # A kind with no record yet is on the cover with its count, not a sheet of its own.
    assert 'name="登录与下载记录"' not in workbook and "登录与下载记录" in strings
    assert d.members["own"].id_number in strings and d.members["colleague"].id_number not in strings
    # A second one within the minute is refused with a Chinese message, and not audited.
    again = client_for(d.users["member"]).get(reverse("privacy:m_download") + "?fmt=xlsx", follow=True)
    assert "每分钟只能下载一次" in again.content.decode()
    records = AuditRecord.objects.filter(action="privacy.download", actor=d.users["member"])
    assert [r.detail["format"] for r in records] == ["xlsx"]
    assert records[0].detail["rows"] > 5
    print(f"\nxlsx: {len(response.content)} bytes, {records[0].detail} in {took * 1000:.0f} ms")
    # An unknown format is a message, not an error.
    bad = client_for(d.users["member"]).get(reverse("privacy:m_download") + "?fmt=pdf", follow=True)
    assert bad.status_code == 200 and "不支持的文件格式" in bad.content.decode()


def test_a_correction_goes_to_the_members_union_and_is_applied_there(district):
    d = district
    member_client = client_for(d.users["member"])
    refused = member_client.post(
        reverse("privacy:m_correction"), {"field": "id_number", "value": "310110198503120000"}
    )
    assert refused.status_code == 200 and "身份证" in refused.content.decode()
    assert not DataRequest.unscoped.exists()
    response = member_client.post(
        reverse("privacy:m_correction"),
        {"field": "residence", "value": "上海市杨浦区控江路1号", "note": "已搬家"},
    )
    assert response.status_code == 302
    request = DataRequest.unscoped.get()
    assert request.union == d.dinghai_union
    assert request.due_on == timezone.localdate() + datetime.timedelta(days=15)
    # In the queue of the union's chair and the street; another street's cadre gets a 404.
    chair = client_for(d.users["chair"])
    assert f"#{request.pk}" in chair.get(reverse("privacy:queue")).content.decode()
    assert (
        f"#{request.pk}"
        not in client_for(d.users["pingliang_cadre"]).get(reverse("privacy:queue")).content.decode()
    )
    other_street = client_for(d.users["pingliang_cadre"])
    assert other_street.get(reverse("privacy:request", args=[request.pk])).status_code == 404
    assert other_street.post(reverse("privacy:apply", args=[request.pk])).status_code == 404
    assert DataRequest.unscoped.get().status == RequestStatus.PENDING
    assert chair.post(reverse("privacy:apply", args=[request.pk])).status_code == 302
    assert Member.unscoped.get(pk=d.members["own"].pk).residence == "上海市杨浦区控江路1号"
    assert DataRequest.unscoped.get().status == RequestStatus.DONE
    assert "已办理" in member_client.get(reverse("privacy:m_home")).content.decode()
    assert AuditRecord.objects.filter(action="member.update", detail__fields=["residence"]).count() == 1


def test_an_overdue_request_is_flagged_and_a_refusal_needs_a_reason(district):
    d = district
    request = correction_request(
        member=d.members["own"], field="name", value="张定海新", actor=d.users["member"]
    )
    DataRequest.unscoped.filter(pk=request.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    chair = client_for(d.users["chair"])
    assert "已超期" in chair.get(reverse("privacy:queue")).content.decode()
    empty = chair.post(reverse("privacy:refuse", args=[request.pk]), {"reason": ""})
    assert empty.status_code == 200 and DataRequest.unscoped.get().status == RequestStatus.PENDING
    chair.post(reverse("privacy:refuse", args=[request.pk]), {"reason": "姓名与身份证不符"})
    assert DataRequest.unscoped.get().status == RequestStatus.REFUSED
    assert Member.unscoped.get(pk=d.members["own"].pk).name == "张定海"
    assert "姓名与身份证不符" in client_for(d.users["member"]).get(reverse("privacy:m_home")).content.decode()


def test_deletion_erases_the_identity_of_a_former_member_and_keeps_the_ledger(world):
    d = world.d
    own, account = d.members["own"], d.users["member"]
    page = client_for(account).get(reverse("privacy:m_home")).content.decode()
    assert "会计档案管理办法" in page and "网络安全法" in page  # told what is kept, and why
    request = deletion_request(member=own, note="不再使用", actor=account)
    Standing.objects.create(member=own, restricted_until=timezone.now())
    chair = client_for(d.users["chair"])
    # Still a member: the record is needed; the union can only refuse, with a reason.
    chair.post(reverse("privacy:apply", args=[request.pk]), follow=True)
    assert Member.unscoped.get(pk=own.pk).name == own.name
    assert DataRequest.unscoped.get().status == RequestStatus.PENDING
    member_set_status(member=own, status="left", reason="离职", actor=d.users["chair"])
    assert chair.post(reverse("privacy:apply", args=[request.pk])).status_code == 302
    erased = Member.unscoped.get(pk=own.pk)
    assert (
        erased.name == "已删除"
        and erased.id_number == ""
        and erased.phone == ""
        and erased.birth_date is None
    )
    assert erased.member_no == own.member_no and erased.joined_on == own.joined_on  # kept, anonymised
    assert not User.objects.get(pk=account.pk).is_active
    assert not Standing.objects.filter(member=own).exists()  # erased by the culture module's hook
    # The ledger is kept: the claim and its payout, unchanged.
    assert Payout.unscoped.filter(member=own).count() == 1
    assert Claim.unscoped.get(member=own).health_details == OWN_DETAILS
    assert DataRequest.unscoped.get().status == RequestStatus.DONE
